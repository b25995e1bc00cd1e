/**
 * Messages the composer's check is measured on (BENCHMARKS.md, "The message checker"), each
 * labelled with the kinds it should raise: none for a message that is fine to send. They are
 * written like real messages, typos and lower case included. The held-out part was written
 * before the rules and never used while tuning them, so its figures say how the check does
 * on wording it has not seen. A break-up with a condition ("…unless you call") is labelled both
 * a fake break-up and an ultimatum, as it is both. The file is long because it is data.
 */
import type { FlagKind } from './message-check';

export interface LabelledMessage {
  text: string;
  kinds: readonly FlagKind[];
  heldOut?: true;
}

export const MESSAGE_CORPUS: readonly LabelledMessage[] = [
  // Held out: written before the rules, never used while tuning them.
  {
    heldOut: true,
    kinds: ['ultimatum'],
    text: "ok fine. you have until sunday night to call me, after that don't bother",
  },
  {
    heldOut: true,
    kinds: ['ultimatum'],
    text: "Talk to me by the end of the week or I'm done with this.",
  },
  {
    heldOut: true,
    kinds: ['ultimatum'],
    text: "This is the last time I'm asking. Answer me or we're finished",
  },
  {
    heldOut: true,
    kinds: ['fake-break-up'],
    text: "Guess I'll just end things then, since you clearly don't care. Let's see if that gets a reaction",
  },
  {
    heldOut: true,
    kinds: ['fake-break-up', 'ultimatum'],
    text: 'we’re over. unless you call me tonight.',
  },
  {
    heldOut: true,
    kinds: ['jealousy'],
    text: 'Jake from work asked me to dinner and honestly I might say yes',
  },
  {
    heldOut: true,
    kinds: ['jealousy'],
    text: 'Just so you know, I went out with someone else last night and had a great time.',
  },
  {
    heldOut: true,
    kinds: ['family-and-friends', 'ultimatum'],
    text: "If you won't talk to me I'll ring your mom and tell her everything",
  },
  {
    heldOut: true,
    kinds: ['family-and-friends'],
    text: "I've asked Tom to have a word with you since you won't listen to me",
  },
  {
    heldOut: true,
    kinds: ['ignoring'],
    text: "Fine. I'm not answering your texts until you say sorry.",
  },
  {
    heldOut: true,
    kinds: ['ignoring'],
    text: "You'll get the silent treatment from me until you come crawling back",
  },
  { heldOut: true, kinds: ['drama'], text: 'WHY ARE YOU DOING THIS TO ME' },
  { heldOut: true, kinds: ['drama'], text: 'you are such a coward!!!' },
  {
    heldOut: true,
    kinds: ['drama'],
    text: 'You ALWAYS do this, you never think about anyone but yourself',
  },
  {
    heldOut: true,
    kinds: ['drama', 'ultimatum'],
    text: "Keep ignoring me and I'll show up at your work and make a scene",
  },
  {
    heldOut: true,
    kinds: ['family-and-friends'],
    text: "i'll get your sister to talk some sense into you",
  },
  {
    heldOut: true,
    kinds: [],
    text: "I'm not going to give you a deadline, take the time you need.",
  },
  { heldOut: true, kinds: [], text: "I won't ask your mum to get involved, this is between us." },
  { heldOut: true, kinds: [], text: 'Do you want to meet up on Saturday to talk?' },
  { heldOut: true, kinds: [], text: "Are we breaking up? I honestly don't know where we stand." },
  {
    heldOut: true,
    kinds: [],
    text: "My sister told me to say 'call me or it's over' but that's not me.",
  },
  {
    heldOut: true,
    kinds: [],
    text: "I feel lonely when we don't talk, and I'd like to understand what's going on.",
  },
  { heldOut: true, kinds: [], text: "I'm around this weekend if you feel like talking." },
  {
    heldOut: true,
    kinds: [],
    text: 'Say hi to your brother for me, I hope his new job is going well.',
  },
  { heldOut: true, kinds: [], text: "No pressure at all. Whenever you're ready, I'm here." },
  { heldOut: true, kinds: [], text: "I'm sorry for shouting last week. I'd like to talk calmly." },
  { heldOut: true, kinds: [], text: 'i miss you. thats all. no agenda' },
  {
    heldOut: true,
    kinds: [],
    text: "I've been seeing a therapist and it's helping me understand myself",
  },
  {
    heldOut: true,
    kinds: [],
    text: 'Your friends and I had a nice chat at the party, they miss you too',
  },
  {
    heldOut: true,
    kinds: [],
    text: "I don't want to break up. I want us to figure this out together.",
  },

  // Ultimatums: a condition or deadline with a threat.
  { kinds: ['ultimatum'], text: "If you don't call me by Friday we're done." },
  { kinds: ['ultimatum'], text: 'This is your last chance.' },
  { kinds: ['ultimatum'], text: "Either you talk to me or I'm leaving." },
  { kinds: ['ultimatum'], text: "answer me tonight or it's over" },
  {
    kinds: ['ultimatum'],
    text: 'I want to have a conversation face-to-face. Tomorrow. If you don’t show up, then we’re over.',
  },
  { kinds: ['ultimatum'], text: 'if i dont hear from you by tomorrow morning im done' },
  { kinds: ['ultimatum'], text: "You've got until the weekend to decide what you want." },
  { kinds: ['ultimatum'], text: "Call me back today. Otherwise don't bother calling ever again." },
  { kinds: ['ultimatum'], text: "I'm done waiting. You have 24 hours to reply or we're finished." },
  { kinds: ['ultimatum'], text: "Come home tonight or don't come home at all." },
  { kinds: ['ultimatum'], text: "It's now or never, Sam." },
  { kinds: ['ultimatum'], text: "Unless you explain yourself by Sunday, I'm moving on." },
  { kinds: ['ultimatum'], text: 'Last warning. Talk to me.' },

  // A fake break-up used as a lever.
  {
    kinds: ['fake-break-up', 'ultimatum'],
    text: "I'm breaking up with you, unless you can prove you care.",
  },
  { kinds: ['fake-break-up'], text: 'maybe we should just break up then, see if you care' },
  { kinds: ['fake-break-up'], text: "Fine. It's over. Let's see how long it takes you to notice." },
  {
    kinds: ['fake-break-up'],
    text: 'I think we should end things. Unless you actually want to fix this?',
  },
  { kinds: ['fake-break-up'], text: "We're done. Don't bother replying." },
  { kinds: ['fake-break-up'], text: "I'm done with you and your games." },
  {
    kinds: ['fake-break-up'],
    text: "Guess we might as well call it quits, since you obviously don't care",
  },
  { kinds: ['fake-break-up'], text: 'ok then lets break up. happy now?' },
  { kinds: ['fake-break-up'], text: "I'm leaving you. Maybe then you'll realise what you lost." },
  { kinds: ['fake-break-up'], text: "Consider this my goodbye. We're through." },

  // Making him jealous.
  { kinds: ['jealousy'], text: "I'm going on a date with someone else." },
  { kinds: ['jealousy'], text: 'Other guys have been asking me out, you know.' },
  { kinds: ['jealousy'], text: 'Just so you know, a guy at the gym asked me out' },
  {
    kinds: ['jealousy'],
    text: "I might start seeing other people since you clearly don't want me",
  },
  {
    kinds: ['jealousy'],
    text: "Had drinks with an old friend last night. He's always been sweet on me ;)",
  },
  { kinds: ['jealousy'], text: 'my ex has been texting me again, thought you should know' },
  { kinds: ['jealousy'], text: 'Someone else would actually appreciate me.' },
  {
    kinds: ['jealousy'],
    text: "Don't be surprised if you see me out with another guy this weekend.",
  },
  { kinds: ['jealousy'], text: "I have a date tomorrow night, so don't bother calling." },
  {
    kinds: ['jealousy'],
    text: 'im not going to wait around forever, there are plenty of guys who would love to take me out',
  },
  {
    kinds: ['jealousy'],
    text: "I kissed someone else at the party. Maybe now you'll pay attention.",
  },

  // Involving his family or friends.
  { kinds: ['family-and-friends'], text: "I'll tell your mother." },
  { kinds: ['family-and-friends'], text: 'I asked your friends to talk to you.' },
  { kinds: ['family-and-friends'], text: "I'm going to call your sister." },
  {
    kinds: ['family-and-friends', 'ultimatum'],
    text: "If you keep ignoring me I'm calling your dad.",
  },
  { kinds: ['family-and-friends'], text: 'Your mum will hear about this.' },
  { kinds: ['family-and-friends'], text: 'I already told your best friend everything you did.' },
  { kinds: ['family-and-friends'], text: 'i texted your brother to ask why youre ignoring me' },
  {
    kinds: ['family-and-friends'],
    text: "I'm going to go round to your parents' house and tell them how you've treated me",
  },
  {
    kinds: ['family-and-friends'],
    text: "I got your roommate to check on you since you won't answer me.",
  },
  { kinds: ['family-and-friends'], text: "Your friends deserve to know what you're really like." },
  {
    kinds: ['family-and-friends'],
    text: "Maybe I'll just message your sister and see what she thinks about all this",
  },

  // Ignoring him until he gives in.
  { kinds: ['ignoring'], text: "I won't speak to you until you apologise." },
  { kinds: ['ignoring'], text: "I'm going to ignore you until you come to me." },
  { kinds: ['ignoring'], text: "Don't expect a reply from me until you say sorry." },
  { kinds: ['ignoring'], text: 'not replying til you admit you were wrong' },
  { kinds: ['ignoring'], text: 'Two can play that game. Enjoy the silence.' },
  {
    kinds: ['ignoring'],
    text: "I'm not answering your calls unless you come over and talk to me properly",
  },
  { kinds: ['ignoring'], text: "You'll get nothing from me until you make the first move." },
  { kinds: ['ignoring'], text: "I've blocked you on everything until you're ready to apologise." },
  { kinds: ['ignoring'], text: "Fine, I'll ghost you like you ghosted me. See how you like it." },
  { kinds: ['ignoring'], text: 'im giving you the silent treatment from now on' },
  { kinds: ['ignoring'], text: "I'll stop answering until you decide to treat me right." },

  // Drama: shouting, insults, tirades, a scene.
  { kinds: ['drama'], text: "WHY WON'T YOU JUST TALK TO ME" },
  { kinds: ['drama'], text: 'answer me!!!' },
  { kinds: ['drama'], text: 'You never listen to me. You always put your friends first.' },
  { kinds: ['drama'], text: "You're such a coward." },
  { kinds: ['drama'], text: "I'll show up at your work and make a scene." },
  { kinds: ['drama'], text: 'you are pathetic, you know that?' },
  { kinds: ['drama'], text: 'Are you even reading these?!?!' },
  { kinds: ['drama'], text: 'Everyone is going to know what kind of person you are.' },
  { kinds: ['drama'], text: 'Grow up and answer your phone.' },
  {
    kinds: ['drama'],
    text: "I'm going to post everything on instagram so people see who you really are",
  },
  { kinds: ['drama'], text: 'you ALWAYS do this. every single time.' },
  {
    kinds: ['drama'],
    text: "Seriously??? I gave you everything and you can't even text back. unbelievable!!!",
  },

  // Fine, hard: negations.
  { kinds: [], text: "I'm not giving you an ultimatum." },
  { kinds: [], text: 'I would never ask your friends to get involved.' },
  { kinds: [], text: "I don't want to break up, I just want to understand what happened." },
  { kinds: [], text: "I'm not trying to make you jealous, I just went out with the girls." },
  { kinds: [], text: "I won't tell your family anything, this stays between us." },
  { kinds: [], text: "I'm not going to call your sister, don't worry." },
  { kinds: [], text: "I'm not ignoring you, I just needed a day to think." },
  { kinds: [], text: "This isn't a last chance or anything like that." },
  { kinds: [], text: 'im not saying its over. im saying i miss you' },
  { kinds: [], text: 'I would never show up at your work, I know how much that would upset you.' },

  // Fine, hard: questions.
  { kinds: [], text: 'Would Friday work to talk?' },
  { kinds: [], text: 'Is there a time that suits you?' },
  { kinds: [], text: 'Are you free this weekend?' },
  { kinds: [], text: "Is it over between us? I'd rather know than guess." },
  { kinds: [], text: 'Do you want me to stop texting for a while?' },
  { kinds: [], text: 'Could we maybe talk on Sunday?' },
  { kinds: [], text: 'What would help you feel ready to talk?' },
  { kinds: [], text: 'Should we take a break from talking about this tonight?' },
  { kinds: [], text: 'Could we talk before your trip on the 14th?' },

  // Fine, hard: quoted or reported speech.
  {
    kinds: [],
    text: "My friend said 'tell him it's over if he doesn't call', but I don't want to do that.",
  },
  {
    kinds: [],
    text: "My sister keeps telling me to make you jealous but I'm not going to do that.",
  },
  { kinds: [], text: "Someone online said to give you an ultimatum. That's not who I want to be." },
  { kinds: [], text: "My mum thinks I should just tell you we're done. I don't think so." },
  { kinds: [], text: 'You said "I need space" and I\'m trying to respect that.' },
  { kinds: [], text: "The article I read says ultimatums backfire, so I'm not doing that." },

  // Fine, hard: feelings said honestly.
  { kinds: [], text: 'I feel hurt and confused.' },
  { kinds: [], text: 'I miss you and I want to understand.' },
  { kinds: [], text: 'I feel really lonely since we stopped talking.' },
  { kinds: [], text: "Honestly I'm scared that we're drifting apart." },
  { kinds: [], text: "It hurts when you don't answer, and I don't know what to do with that." },
  { kinds: [], text: "I'm sad and a bit angry, but mostly I miss you." },
  { kinds: [], text: "i love you. i'm not going anywhere" },
  {
    kinds: [],
    text: "I'm upset about how things went on Saturday and I'd like to talk about it when you can.",
  },
  { kinds: [], text: "I don't understand what happened and it's been keeping me up at night." },
  { kinds: [], text: 'I was hurt by what you said, and I think I said things I regret too.' },

  // Fine, hard: plain dates and times, with no threat.
  { kinds: [], text: "I'm free on Friday if you want to talk." },
  { kinds: [], text: "I'm around tomorrow evening if you want to call." },
  { kinds: [], text: "I'll be home by 7 tonight, call anytime after that if you like." },
  { kinds: [], text: "No rush, but I'd love to hear from you this week." },
  { kinds: [], text: "I'll give you all the time you need." },
  { kinds: [], text: "I'm off work on Monday, so I could meet you for lunch." },
  { kinds: [], text: "If you don't feel like talking yet, that's okay." },
  { kinds: [], text: "If you can't make Friday, we could do Sunday instead." },
  { kinds: [], text: "I'm done with work at 6 if you want to call" },

  // Fine, hard: his family and friends mentioned with no leverage.
  { kinds: [], text: 'I hope your mum is feeling better.' },
  { kinds: [], text: 'Say happy birthday to your dad from me.' },
  { kinds: [], text: 'I saw your sister at the shops, she looked well.' },
  { kinds: [], text: "Your friends are lovely, I hope you're leaning on them right now." },
  { kinds: [], text: 'I called your mum to wish her a happy birthday.' },
  { kinds: [], text: 'Tell your brother I said congrats on the new job!' },
  { kinds: [], text: 'my mom asked me out for lunch on sunday, it was nice' },
  { kinds: [], text: "I told my mum I'm struggling and she's been really kind." },

  // Fine: the guide's own example and other gentle messages.
  {
    kinds: [],
    text: 'I want to keep the dialogue open between us. When you are ready, let’s find some time to talk okay?',
  },
  {
    kinds: [],
    text: "I'm going on a trip with my sister next month, just so you know where I'll be.",
  },
  { kinds: [], text: "I've been talking to a counsellor and it helps." },
  { kinds: [], text: 'I went out with the girls on Friday and it was nice to laugh again.' },
  { kinds: [], text: 'You always make me laugh, I miss that.' },
  { kinds: [], text: 'I never meant to hurt you.' },
  { kinds: [], text: 'The movie was over by ten so I came home early.' },
  { kinds: [], text: "It's okay if you need more time. I'll be here." },
  { kinds: [], text: "I hope we can work this out, whenever you're ready." },
  { kinds: [], text: "Thank you for telling me you needed space. I'm trying to give you that." },
  {
    kinds: [],
    text: "I'm going to stop texting for a bit so you have room to think. I'm here when you're ready.",
  },
  { kinds: [], text: 'Ok!! Talk soon x' },
  { kinds: [], text: "I'm sorry I yelled. That wasn't fair to you." },
  {
    kinds: [],
    text: "I'm not going to wait by the phone or send a hundred texts, I just want you to know I care.",
  },
  // Loud, but warm: feeling, not drama (added after a review found them flagged).
  { kinds: [], text: 'I LOVE YOU SO MUCH' },
  { kinds: [], text: "I'm so sorry!!!" },
  { kinds: [], text: 'Happy birthday!!! Hope your day is lovely' },
  { kinds: ['drama'], text: 'ANSWER YOUR PHONE' },
  { kinds: ['drama'], text: 'why are you doing this to me?!?!' },
];
