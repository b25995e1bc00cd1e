import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../notebook/model';
import { CAN_GIVE, CONTACT_FROM, REFLECTION_PROMPTS, STEP_NUMBERS, STEP_STATUSES } from './model';

const writing = z.string().max(MAX_TEXT_LENGTH);

const PROMPT_ID = z
  .string()
  .regex(/^[a-z]+(-[a-z]+)*$/)
  .max(32);

/**
 * One kind of entry per tool of the companion. Each is a notebook item of the kind
 * "step-work" (see ../notebook/schemas), so it is sealed in the vault, searched, listed in
 * the Notebook, trashed with Undo, and drafted, as everything else the person writes is.
 */
export const StepWorkEntrySchema = z.discriminatedUnion('type', [
  /** One per step: the person's status for it, if any, and their answers to its prompts. */
  z
    .object({
      type: z.literal('step'),
      step: z.literal(STEP_NUMBERS),
      status: z.enum(STEP_STATUSES).nullable(),
      answers: z.record(PROMPT_ID, writing),
    })
    .refine(
      ({ step, answers }) =>
        Object.keys(answers).every((id) => REFLECTION_PROMPTS[step].some((p) => p.id === id)),
      { message: 'an answer to a question the step does not ask', path: ['answers'] },
    ),
  /** A message being written, which may be set to wait before it can be copied. */
  z.object({
    type: z.literal('message'),
    text: writing,
    waitUntil: z.iso.datetime().nullable(),
  }),
  /** Something he has said he needs, and whether the person can give it. */
  z.object({
    type: z.literal('need'),
    text: writing,
    canGive: z.enum(CAN_GIVE).nullable(),
  }),
  /** A message from him, or an attempt of theirs, on a day. */
  z.object({
    type: z.literal('contact'),
    date: z.iso.date(),
    from: z.enum(CONTACT_FROM),
    note: writing,
  }),
  /** Something to do for oneself, and the day it was done. */
  z.object({
    type: z.literal('self-care'),
    text: writing,
    doneOn: z.iso.date().nullable(),
  }),
  /** One: what staying costs, and what it gives. */
  z.object({
    type: z.literal('weighing'),
    costs: writing,
    gives: writing,
  }),
]);
export type StepWorkEntry = z.infer<typeof StepWorkEntrySchema>;
