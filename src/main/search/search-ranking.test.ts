import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { SearchEngine } from './search-engine';

/**
 * Does the engine put first what a person would look for? A small notebook as someone using
 * Stillwater might write it (journal entries, notes on sections, highlights, step work), and
 * queries with the entries they would expect near the top. Titles are the ones the app gives.
 */
const NOTEBOOK: { id: string; title: string; text: string }[] = [
  {
    id: 'journal-day-four',
    title: 'Journal, 3 March 2025',
    text: 'Day four of silence. I checked my phone every hour and hated myself a little each time. Tonight I put it in the kitchen drawer and read instead.\n#silence',
  },
  {
    id: 'journal-river',
    title: 'Journal, 4 March 2025',
    text: "Walked by the river after work. The water doesn't hurry and it still gets where it is going. I want to be like that this week.\n#patience",
  },
  {
    id: 'journal-sister-dinner',
    title: 'Journal, 6 March 2025',
    text: "Sister came for dinner. She said I should give him an ultimatum. I said I'd rather be honest than clever. She laughed, but she hugged me at the door.\n#family",
  },
  {
    id: 'journal-unsent-message',
    title: 'Journal, 8 March 2025',
    text: "Couldn't sleep. Wrote him a long message at 2 a.m. and didn't send it. Saved it here instead. Morning me can decide.\n#message",
  },
  {
    id: 'journal-cafe',
    title: 'Journal, 9 March 2025',
    text: 'Coffee with Maya at the café on Rue Clément. She listened without fixing anything. That was exactly what I needed.\n#friends',
  },
  {
    id: 'journal-sunday-text',
    title: 'Journal, 12 March 2025',
    text: "He texted: 'Can we talk on Sunday?' My heart jumped. I answered calmly that Sunday works, and then I went for a run.\n#contact",
  },
  {
    id: 'journal-breathing',
    title: 'Journal, 13 March 2025',
    text: 'Felt anxious all morning. The breathing exercise helped: four counts in, hold, six counts out. Did it three times before the meeting.\n#anxiety',
  },
  {
    id: 'journal-enjoy-list',
    title: 'Journal, 14 March 2025',
    text: 'Reread step five. Made a list of things I enjoy that have nothing to do with him: pottery, the Thursday choir, long baths, bad films.\n#enjoy',
  },
  {
    id: 'journal-tired-of-waiting',
    title: 'Journal, 15 March 2025',
    text: 'Tired of waiting. Then again, I chose to wait, and I can choose to stop. That thought gave me some space.\n#patience',
  },
  {
    id: 'journal-boundaries',
    title: 'Journal, 16 March 2025',
    text: "Boundaries: I will not check his social media. I will not ask his friends about him. Writing it down so it's real.\n#boundaries",
  },
  {
    id: 'journal-first-weekend',
    title: 'Journal, 17 March 2025',
    text: "First weekend in months that I didn't think about him until Sunday evening. Garden, music, a long walk with the dog.",
  },
  {
    id: 'journal-sunday-talk',
    title: 'Journal, 19 March 2025',
    text: 'Sunday talk went better than I feared. He said he needed time to understand what he wants. I told him I need honesty more than certainty.\n#contact',
  },
  {
    id: 'journal-birthday',
    title: 'Journal, 21 March 2025',
    text: "Mum's birthday. Nobody asked about him and I didn't bring him up. Small victory.",
  },
  {
    id: 'journal-bad-day',
    title: 'Journal, 23 March 2025',
    text: 'Bad day. I almost sent the 2 a.m. message. Read my own notes on pacing myself instead.\n#message',
  },
  {
    id: 'journal-choir',
    title: 'Journal, 27 March 2025',
    text: 'Choir tonight. We sang something slow and I cried a bit in the alto section. Nobody minded.\n#enjoy',
  },
  {
    id: 'journal-shower-arguments',
    title: 'Journal, 29 March 2025',
    text: 'Caught myself rehearsing arguments in the shower again. Replaced them with the question from step three: what do I need?',
  },
  {
    id: 'journal-rain',
    title: 'Journal, 2 April 2025',
    text: 'Rain all day. Stayed in with a book and tea. Calm, mostly. Checked my phone twice, not twenty times.\n#silence',
  },
  {
    id: 'journal-counsellor',
    title: 'Journal, 4 April 2025',
    text: 'Talked to a counsellor for the first time. She said silence in a relationship can be a way of avoiding conflict, not a verdict.\n#silence',
  },
  {
    id: 'note-stop-reaching-out',
    title: 'Note on Step 4: Stop Reaching Out',
    text: 'Hardest step so far. Deleted the draft texts from my phone so I am not tempted to send them.',
  },
  {
    id: 'note-ask-what-he-needs',
    title: 'Note on Step 3: Ask Him What He Needs',
    text: 'I asked. He said space. I said okay, and meant it, mostly.',
  },
  {
    id: 'note-ultimatum',
    title: 'Note on Strategy to avoid #1: Giving an Ultimatum',
    text: "My sister's advice exactly. Glad I read this first: an ultimatum would have been about control, not about us.",
  },
  {
    id: 'note-regain-control',
    title: 'Note on #2 He Is Trying to Regain Some Sort of Control Over the Relationship',
    text: 'This rings true. After the argument about moving in together, he went quiet the same night.',
  },
  {
    id: 'note-pace-yourself',
    title: 'Note on Step 6: If He Contacts You, Pace Yourself',
    text: 'When he writes, wait an hour before answering. Not as a game, just so I answer from calm rather than panic.',
  },
  {
    id: 'note-silent-type',
    title: 'Note on #4 His Role Models Are the Strong, Silent Type',
    text: "His father never talked about feelings either. It explains a lot; it doesn't excuse everything.",
  },
  {
    id: 'note-move-on',
    title: 'Note on Step 7: If You Feel Like You Need to Move on, It’s Okay',
    text: 'Not there yet. But reading this made moving on feel like a choice rather than a failure.',
  },
  {
    id: 'note-where-coming-from',
    title: 'Note on Step 1: Let Him Know Where You Are Coming From',
    text: 'Wrote the message from this step: short, honest, no blame. Sent it on Tuesday.',
  },
  {
    id: 'note-enjoy-life',
    title: 'Note on Step 5: Enjoy Your Life',
    text: 'Signed up for the pottery class at last.',
  },
  {
    id: 'note-he-is-hurt',
    title: 'Note on #1 Your Boyfriend Is Hurt',
    text: 'I never thought of him as hurt. Maybe the silence is his way of licking his wounds.',
  },
  {
    id: 'note-manipulation',
    title: 'Note on Strategy to avoid #2: Manipulation Tactics',
    text: 'Jealousy games: I did this once with a photo. Never again.',
  },
  {
    id: 'note-benefit-of-doubt',
    title: 'Note on Step 2: Give Him the Benefit of the Doubt',
    text: 'Maybe he is not ignoring me; maybe he is overwhelmed at work. Trying to believe that.',
  },
  {
    id: 'highlight-stop-contacting',
    title: 'Highlight in Step 4: Stop Reaching Out',
    text: 'stop contacting him\nUnderlined twice.',
  },
  {
    id: 'highlight-compassion',
    title: 'Highlight in Step 6: If He Contacts You, Pace Yourself',
    text: 'You showed compassion and remained understanding the whole time.',
  },
  {
    id: 'highlight-line-in-sand',
    title: 'Highlight in Strategy to avoid #1: Giving an Ultimatum',
    text: 'so you draw a line in the sand\nThis is what my sister wants me to do.',
  },
  {
    id: 'highlight-space-to-think',
    title: 'Highlight in Step 3: Ask Him What He Needs',
    text: 'Is it time that he wants? Some space to think?',
  },
  {
    id: 'highlight-small-talk',
    title: 'Highlight in #3 If Your Boyfriend Doesn’t Know What to Say, He Might Stop Talking',
    text: 'At first, it might be easy to make small talk\nThis is him at parties.',
  },
  {
    id: 'highlight-bit-of-fun',
    title: 'Highlight in Step 5: Enjoy Your Life',
    text: 'why don’t you go out and have a bit of fun?',
  },
  {
    id: 'highlight-no-control',
    title: 'Highlight in Step 7: If You Feel Like You Need to Move on, It’s Okay',
    text: 'does not mean that you have no control over what happens next\nRead this on bad days.',
  },
  {
    id: 'step-1-message',
    title: 'Step 1 · Message',
    text: "I know things have been hard between us. I'm not angry, and I'm not going anywhere for now. When you're ready to talk, I'd like to listen.",
  },
  {
    id: 'step-3-questions',
    title: 'Step 3 · Questions',
    text: 'What do you need from me right now? Is it time, space, or something else?',
  },
  {
    id: 'step-5-enjoy',
    title: 'Step 5 · Things I enjoy',
    text: 'Pottery on Wednesdays. Choir on Thursdays. Swimming. Reading in the bath. Cooking for friends.',
  },
];

/** What someone typing each query would expect to see among the first three results. */
const EXPECTED_IN_TOP_3: [query: string, expected: string[]][] = [
  ['ultimatum', ['note-ultimatum', 'highlight-line-in-sand', 'journal-sister-dinner']],
  ['silence', ['journal-day-four', 'journal-counsellor']],
  ['message', ['step-1-message', 'journal-unsent-message']],
  ['pottery', ['note-enjoy-life', 'step-5-enjoy', 'journal-enjoy-list']],
  ['choir', ['journal-choir']],
  ['sunday talk', ['journal-sunday-talk', 'journal-sunday-text']],
  ['pace', ['note-pace-yourself', 'highlight-compassion']],
  ['pacing', ['journal-bad-day']],
  ['stop contacting', ['highlight-stop-contacting']],
  ['anxous', ['journal-breathing']],
  ['cafe', ['journal-cafe']],
  ['phone check', ['journal-day-four', 'journal-rain']],
  ['space', ['note-ask-what-he-needs', 'highlight-space-to-think']],
  ['moving on', ['note-move-on']],
  ['his father', ['note-silent-type']],
  ['boundries', ['journal-boundaries']],
  ['honest', ['journal-sister-dinner', 'note-where-coming-from']],
  ['jealousy', ['note-manipulation']],
  ['wait', ['journal-tired-of-waiting', 'note-pace-yourself']],
  ['mum birthday', ['journal-birthday']],
  ['bad day', ['journal-bad-day', 'highlight-no-control']],
  ['draft texts ph', ['note-stop-reaching-out']],
];

/** MiniSearch as the renderer configured it before search moved to main. */
function miniSearchAsBefore(): (query: string) => string[] {
  const index = new MiniSearch<{ id: string; title: string; text: string }>({
    fields: ['title', 'text'],
    searchOptions: {
      boost: { title: 2 },
      combineWith: 'AND',
      prefix: (_term, index, terms) => index === terms.length - 1,
      fuzzy: (term) => (term.length >= 5 ? 0.15 : false),
    },
  });
  index.addAll(NOTEBOOK);
  return (query) =>
    index
      .search(query)
      .slice(0, 50)
      .map((result) => String(result.id));
}

function ourEngine(): (query: string) => string[] {
  const engine = new SearchEngine();
  for (const { id, title, text } of NOTEBOOK) engine.add(id, { title, text });
  return (query) => engine.search(query, 50).map((hit) => hit.id);
}

/** Expected entries found in the top 3, and the mean reciprocal rank of the first expected. */
function quality(search: (query: string) => string[]) {
  let hitsAt3 = 0;
  let reciprocalRanks = 0;
  const misses: string[] = [];
  for (const [query, expected] of EXPECTED_IN_TOP_3) {
    const ranked = search(query);
    const top3 = ranked.slice(0, 3);
    for (const id of expected) {
      if (top3.includes(id)) hitsAt3++;
      else misses.push(`${query} → ${id}`);
    }
    const first = ranked.findIndex((id) => expected.includes(id));
    if (first >= 0) reciprocalRanks += 1 / (first + 1);
  }
  return { hitsAt3, meanReciprocalRank: reciprocalRanks / EXPECTED_IN_TOP_3.length, misses };
}

describe('search ranking', () => {
  it('names only entries that exist', () => {
    const known = new Set(NOTEBOOK.map((entry) => entry.id));
    expect(NOTEBOOK).toHaveLength(known.size);
    for (const [, expected] of EXPECTED_IN_TOP_3) {
      for (const id of expected) expect(known.has(id), id).toBe(true);
    }
  });

  it('puts every expected entry in the top 3', () => {
    expect(quality(ourEngine()).misses).toEqual([]);
  });

  it('ranks at least as well as MiniSearch configured as the app had it', () => {
    const ours = quality(ourEngine());
    const miniSearch = quality(miniSearchAsBefore());
    const expectedCount = EXPECTED_IN_TOP_3.reduce((sum, [, ids]) => sum + ids.length, 0);
    expect(ours.hitsAt3).toBe(expectedCount);
    expect(ours.hitsAt3).toBeGreaterThanOrEqual(miniSearch.hitsAt3);
    expect(ours.meanReciprocalRank).toBeGreaterThanOrEqual(miniSearch.meanReciprocalRank);
  });
});
