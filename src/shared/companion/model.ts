import type { StepNumber, StepWorkType } from './steps';
export type { StepWorkEntry } from './schemas';
export * from './steps';

/**
 * The seven-step companion: what the person does with the guide's advice, beside it. Plain
 * values, so the renderer can use them without bundling a validator; the schemas are in
 * ./schemas.
 */

/** The person's own word on a step, if they want one. Nothing counts or scores it. */
export const STEP_STATUSES = ['not-started', 'trying', 'done'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const STEP_STATUS_NAMES: Record<StepStatus, string> = {
  'not-started': 'Not started',
  trying: 'Trying',
  done: 'Done',
};

export interface ReflectionPrompt {
  /** Stable, as answers are kept under it. */
  id: string;
  text: string;
}

/**
 * Two or three questions for each step, asked the way the guide talks: gently, about what
 * the person feels and can do, never about what he owes them.
 */
export const REFLECTION_PROMPTS: Record<StepNumber, readonly ReflectionPrompt[]> = {
  1: [
    { id: 'feel', text: 'What do you feel about how things are between you right now?' },
    { id: 'want', text: 'What would you like him to know, without asking anything of him yet?' },
    { id: 'calm', text: 'How could you say it so that it does not sound like a fight?' },
  ],
  2: [
    { id: 'his-side', text: 'What might he be going through that you do not know about?' },
    { id: 'kinder', text: 'What is a kinder explanation for his silence than the one you fear?' },
    { id: 'past', text: 'Was there a time he opened up and it did not go well? What happened?' },
  ],
  3: [
    { id: 'heard', text: 'What has he said, or shown, that he needs right now?' },
    { id: 'listen', text: 'If he told you what he needs today, how would you like to answer?' },
  ],
  4: [
    { id: 'urge', text: 'When you want to reach out, what are you hoping will happen?' },
    { id: 'instead', text: 'What could you do with that moment instead?' },
  ],
  5: [
    { id: 'joy', text: 'What did you enjoy before all this, that you have set aside?' },
    { id: 'people', text: 'Who makes you feel like yourself? When could you see them?' },
  ],
  6: [
    { id: 'pace', text: 'If he gets in touch, what pace would feel right to you?' },
    { id: 'first', text: 'What would you want to say first, and what could wait?' },
  ],
  7: [
    { id: 'deserve', text: 'What do you need from a relationship to feel cared for?' },
    { id: 'enough', text: 'What would tell you that you have tried enough?' },
    { id: 'kind', text: 'What would you say to a friend who was where you are?' },
  ],
};

/** How long a message may be set to wait before it can be copied (step 1's cooling-off). */
export const WAIT_CHOICES = [
  { hours: 1, label: '1 hour' },
  { hours: 6, label: '6 hours' },
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
] as const;
export const LONGEST_WAIT_HOURS = 72;

/** Whether the person could give what he needs (step 3): their own honest answer. */
export const CAN_GIVE = ['yes', 'not-yet', 'no'] as const;
export type CanGive = (typeof CAN_GIVE)[number];

export const CAN_GIVE_NAMES: Record<CanGive, string> = {
  yes: 'Yes',
  'not-yet': 'Not yet',
  no: 'No',
};

/** Who reached out, in step 4's log. */
export const CONTACT_FROM = ['him', 'me'] as const;
export type ContactFrom = (typeof CONTACT_FROM)[number];

/** Who reached out, as the log says it. */
export const CONTACT_FROM_NAMES: Record<ContactFrom, string> = {
  him: 'From him',
  me: 'From me',
};

/** Things to do for oneself, from step 5 of the guide: offered, never set. */
export const SELF_CARE_SUGGESTIONS = [
  'Go out and have a bit of fun with friends',
  'Try something you always wanted to, that he did not',
  'Plan a weekend away with friends',
  'Spend an evening doing something just for you',
] as const;

/** Step 7's reminder, in the guide's own words. */
export const RIGHT_NOT_DUTY =
  'Of course, you have the right to try to save your relationship, but it is not your duty.';

/** What each kind of entry is called where it is listed: the Notebook, search. */
export const STEP_WORK_NAMES: Record<StepWorkType, string> = {
  step: 'Reflections',
  message: 'Message',
  need: 'What he needs',
  contact: 'Contact log',
  'self-care': 'Something for me',
  weighing: 'Weighing it up',
};
