import { describe, expect, it } from 'vitest';
import { SECTION_IDS } from '../guide/ids';
import { checkMessage, FLAG_ADVICE, type FlagKind, CHECKED_LENGTH } from './message-check';
import { MESSAGE_CORPUS, type LabelledMessage } from './message-check.corpus';

const KINDS = Object.keys(FLAG_ADVICE) as FlagKind[];

/** Each flag as its kind and the words it marks, which is what the composer shows. */
function marked(text: string): { kind: FlagKind; words: string }[] {
  return checkMessage(text).map(({ kind, start, end }) => ({
    kind,
    words: text.slice(start, end),
  }));
}

describe('checkMessage marks what the guide warns against', () => {
  it.each<[string, FlagKind, string]>([
    [
      "If you don't call me by Friday we're done",
      'ultimatum',
      "If you don't call me by Friday we're done",
    ],
    ['this is your last chance', 'ultimatum', 'your last chance'],
    ["Either you talk to me or I'm leaving.", 'ultimatum', "or I'm leaving"],
    ["answer me tonight or it's over", 'ultimatum', "or it's over"],
    [
      'maybe we should just break up then, see if you care',
      'fake-break-up',
      'maybe we should just break up',
    ],
    ["I'm going on a date with someone else", 'jealousy', 'going on a date with someone else'],
    ['other guys have been asking me out', 'jealousy', 'other guys have been asking me out'],
    ["I'll tell your mother", 'family-and-friends', 'tell your mother'],
    [
      'I asked your friends to talk to you',
      'family-and-friends',
      'asked your friends to talk to you',
    ],
    ["I'm going to call your sister", 'family-and-friends', 'call your sister'],
    [
      "I won't speak to you until you apologise",
      'ignoring',
      "I won't speak to you until you apologise",
    ],
    ["I'm going to ignore you until you come to me", 'ignoring', 'ignore you'],
    ['WHY ARE YOU DOING THIS TO ME', 'drama', 'WHY ARE YOU DOING THIS TO ME'],
    ['answer me!!!', 'drama', '!!!'],
    ["you're such an idiot", 'drama', "you're such an idiot"],
    ['You never listen to me', 'drama', 'You never listen'],
    ["I'll come to your work and make a scene", 'drama', 'make a scene'],
    ["You'll regret this.", 'drama', "You'll regret this"],
  ])('%s → %s on "%s"', (text, kind, words) => {
    expect(marked(text)).toEqual([{ kind, words }]);
  });

  it('marks the threat once, as an ultimatum, when a break-up is what it threatens', () => {
    expect(marked("answer me tonight or it's over").map((flag) => flag.kind)).toEqual([
      'ultimatum',
    ]);
  });

  it('marks a break-up said with a condition both as a break-up and as an ultimatum', () => {
    expect(marked("I'm breaking up with you, unless you call me")).toEqual([
      { kind: 'ultimatum', words: "I'm breaking up with you, unless you" },
      { kind: 'fake-break-up', words: 'breaking up with you' },
    ]);
  });

  it('marks every phrasing in a message, in order', () => {
    expect(marked("If you don't answer I'm calling your mum!!!")).toEqual([
      { kind: 'ultimatum', words: "If you don't answer I'm calling your mum" },
      { kind: 'family-and-friends', words: 'calling your mum' },
      { kind: 'drama', words: '!!!' },
    ]);
  });

  it('marks the words as written, curly apostrophes and all', () => {
    expect(marked('If you don’t show up, then we’re over.')).toEqual([
      { kind: 'ultimatum', words: 'If you don’t show up, then we’re over' },
    ]);
  });

  it('keeps shouting a warning even in a question', () => {
    expect(marked('WHY WONT YOU ANSWER?').map((flag) => flag.kind)).toEqual(['drama']);
  });
});

describe('checkMessage leaves alone what only sounds like a tactic', () => {
  it.each([
    // Negations.
    "I'm not giving you an ultimatum",
    'I would never ask your friends to get involved',
    "I don't want to break up, I want to understand",
    "I'm not trying to make you jealous",
    // Questions.
    'Would Friday work to talk?',
    'Is there a time that suits you?',
    'Are we breaking up?',
    // Quoted or reported speech.
    "My friend said 'tell him it's over if he doesn't call', but I don't want to do that",
    'My sister thinks I should give you an ultimatum. I disagree.',
    // Feelings said honestly.
    'I feel hurt and confused',
    'I miss you and I want to understand',
    // The guide's own example.
    'I want to keep the dialogue open between us. When you are ready, let’s find some time to talk okay?',
    // Plain dates, and his family without leverage.
    "I'm free on Friday if you want to talk",
    "I won't text again until you're ready",
    'I hope your mum is feeling better',
    'You always make me laugh',
  ])('%s', (text) => {
    expect(checkMessage(text)).toEqual([]);
  });

  it('sees an instruction to him as no negation: "don\'t make me…" is still a threat', () => {
    expect(marked("Don't make me call your mother.")).toEqual([
      { kind: 'family-and-friends', words: 'call your mother' },
    ]);
  });
});

describe('FLAG_ADVICE', () => {
  it('gives each kind one kind sentence and the guide section that explains it', () => {
    for (const kind of KINDS) {
      const { why, sectionId } = FLAG_ADVICE[kind];
      expect(why).toMatch(/^[A-Z][^.]*\.$/);
      expect(SECTION_IDS).toContain(sectionId);
      expect(sectionId).toBe(kind === 'ultimatum' ? 'avoid-1' : 'avoid-2');
    }
  });
});

interface Score {
  messages: number;
  precision: number;
  recall: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

/**
 * Precision and recall over messages: a message counts as flagged if any flag is raised,
 * and a warned-against message counts as caught if it raised a flag of one of its kinds.
 */
function scoreMessages(corpus: readonly LabelledMessage[]): Score {
  let caught = 0;
  let raisedOnFine = 0;
  let raisedOnWarned = 0;
  let warned = 0;
  for (const { text, kinds } of corpus) {
    const raised = checkMessage(text).map((flag) => flag.kind);
    if (kinds.length === 0) {
      if (raised.length > 0) raisedOnFine++;
      continue;
    }
    warned++;
    if (raised.length > 0) raisedOnWarned++;
    if (raised.some((kind) => kinds.includes(kind))) caught++;
  }
  return {
    messages: corpus.length,
    precision: ratio(caught, raisedOnWarned + raisedOnFine),
    recall: ratio(caught, warned),
  };
}

/** Precision and recall for one kind: raising it where it belongs, and only there. */
function scoreKind(corpus: readonly LabelledMessage[], kind: FlagKind): Score {
  let right = 0;
  let raised = 0;
  let labelled = 0;
  for (const message of corpus) {
    const raises = checkMessage(message.text).some((flag) => flag.kind === kind);
    const belongs = message.kinds.includes(kind);
    if (raises) raised++;
    if (belongs) labelled++;
    if (raises && belongs) right++;
  }
  return { messages: labelled, precision: ratio(right, raised), recall: ratio(right, labelled) };
}

const row = (name: string, { messages, precision, recall }: Score) =>
  `| ${name} | ${messages} | ${precision.toFixed(2)} | ${recall.toFixed(2)} |`;

describe('the message corpus', () => {
  const warned = MESSAGE_CORPUS.filter((message) => message.kinds.length > 0);
  const heldOut = MESSAGE_CORPUS.filter((message) => message.heldOut);

  it('is large and varied enough to measure on', () => {
    expect(MESSAGE_CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(warned.length).toBeGreaterThanOrEqual(70);
    expect(MESSAGE_CORPUS.length - warned.length).toBeGreaterThanOrEqual(70);
    expect(heldOut.length).toBeGreaterThanOrEqual(30);
    for (const kind of KINDS) {
      expect(
        warned.filter((message) => message.kinds.includes(kind)).length,
      ).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(MESSAGE_CORPUS.map((message) => message.text)).size).toBe(MESSAGE_CORPUS.length);
  });

  it('is flagged with precision and recall of at least 0.9', () => {
    const overall = scoreMessages(MESSAGE_CORPUS);
    const lines = [
      '| part or kind | messages | precision | recall |',
      '| --- | --- | --- | --- |',
      row('all', overall),
      row('tuned on', scoreMessages(MESSAGE_CORPUS.filter((message) => !message.heldOut))),
      row('held out', scoreMessages(heldOut)),
      ...KINDS.map((kind) => row(kind, scoreKind(MESSAGE_CORPUS, kind))),
    ];
    process.stdout.write(`\nThe message checker on its corpus:\n${lines.join('\n')}\n`);
    expect(overall.precision).toBeGreaterThanOrEqual(0.9);
    expect(overall.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('a long paste', () => {
  it('is checked in its opening part only, so the page never waits on it', () => {
    const fine = 'I hope you are well and that work is kinder this week. '.repeat(60);
    const ultimatum = "If you don't call me by Friday, we're done.";
    const early = checkMessage(`${ultimatum} ${fine}`);
    expect(early.map((flag) => flag.kind)).toEqual(['ultimatum']);
    expect(fine.length).toBeGreaterThan(CHECKED_LENGTH);
    expect(checkMessage(`${fine}${ultimatum}`)).toEqual([]);
  });
});
