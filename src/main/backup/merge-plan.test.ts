/**
 * The rules for restoring a backup into a vault that has records of its own: one test per
 * rule, then whole restores (into an empty vault, twice over, from an older backup), then
 * seeded random histories of two vaults that shared a past, and last a restore into a real
 * vault read back by the real notebook. Long because each rule has its own cases.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { seededRandom } from '../../../test/support/seeded-random';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import { MergeSummarySchema } from '../../shared/backup/schemas';
import { REFLECTION_PROMPTS } from '../../shared/companion/model';
import type { StepWorkEntry } from '../../shared/companion/schemas';
import { REVISIONS_KEPT } from '../../shared/notebook/model';
import { NotebookService } from '../notebook/notebook-service';
import { RESTORED_DIVIDER } from '../notebook/restore-merge';
import { draftRecordName, readNotebookRecord } from '../notebook/stored-records';
import { READING_STATE_KIND } from '../reading/reading-service';
import type { StoredRecord } from '../vault/vault';
import { VaultSession } from '../vault/vault-session';
import { planMerge, type MergePlan, type SingletonIds } from './merge-plan';

/** Singleton ids made as the vault makes them, under a key of each vault's own. */
const singletonIds = (idKey: string): SingletonIds => ({
  idHere: (name) => createHmac('sha256', idKey).update(name).digest('hex').slice(0, 32),
});
const HERE = singletonIds('this vault’s id key');
const BACKUP = singletonIds('the backup’s id key');

const id = (n: number) => n.toString(16).padStart(32, '0');
/** Ids for the texts the merge keeps as earlier versions: told apart from the inputs'. */
const newIds = () => {
  let next = 0;
  return () => `e${(next++).toString(16).padStart(31, '0')}`;
};
const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 9, minute)).toISOString();

function plan(here: StoredRecord[], incoming: StoredRecord[], unreadableHere?: string[]) {
  const result = planMerge(here, incoming, HERE, { newRecordId: newIds(), unreadableHere });
  MergeSummarySchema.parse(result.summary);
  return result;
}

/** The vault once the plan is written: each write replaces the record of its id. */
function apply(here: StoredRecord[], { writes }: MergePlan): StoredRecord[] {
  const records = new Map(here.map((record) => [record.id, record]));
  for (const record of writes) records.set(record.id, record);
  return [...records.values()];
}

const stamps = (n: number, updated: number, created = updated) => ({
  id: id(n),
  created: at(created),
  updated: at(updated),
});
const note = (n: number, sectionId: string, text: string, updated: number): StoredRecord => ({
  kind: 'note',
  ...stamps(n, updated, 0),
  body: { v: 1, sectionId, text },
});
const journal = (n: number, text: string, updated: number): StoredRecord => ({
  kind: 'journal-entry',
  ...stamps(n, updated, 0),
  body: { v: 1, date: '2026-11-26', text, mood: null, tags: [], sectionId: null },
});
const highlight = (n: number, updated: number): StoredRecord => ({
  kind: 'highlight',
  ...stamps(n, updated, 0),
  body: {
    v: 1,
    sectionId: 'step-1',
    anchor: { quote: 'calm', prefix: '', suffix: '', start: 0, end: 4, guideVersion: 1 },
    colour: 'yellow',
    note: '',
  },
});
const stepWork = (n: number, entry: StepWorkEntry, updated: number): StoredRecord => ({
  kind: 'step-work',
  ...stamps(n, updated, 0),
  body: { v: 1, entry },
});
const revision = (n: number, noteId: string, text: string, saved: number): StoredRecord => ({
  kind: 'note-revision',
  ...stamps(n, saved),
  body: { v: 1, noteId, text, savedAt: at(saved) },
});
/** `record` moved to the trash at `when` (a minute of the test's day, or a timestamp). */
function trashed(record: StoredRecord, when: number | string): StoredRecord {
  const { v, ...fields } = record.body as { v: number };
  void v;
  const { kind, id: itemId, created, updated } = record;
  const trashedAt = typeof when === 'number' ? at(when) : when;
  return {
    kind: 'trash',
    id: itemId,
    created,
    updated: trashedAt,
    body: { v: 1, trashedAt, item: { kind, id: itemId, created, updated, ...fields } },
  };
}
const place = (ids: SingletonIds, lastSectionId: string, updated: number): StoredRecord => ({
  kind: READING_STATE_KIND,
  ...stamps(0, updated, 0),
  id: ids.idHere(READING_STATE_KIND),
  body: { v: 2, lastSectionId, sections: {} },
});
const draft = (ids: SingletonIds, key: string, text: string, updated: number): StoredRecord => ({
  kind: 'draft',
  ...stamps(0, updated, 0),
  id: ids.idHere(draftRecordName(key)),
  body: { v: 1, key, fields: { text }, savedAt: at(updated) },
});

const bodyOf = (record: StoredRecord | undefined) => record?.body as Record<string, unknown>;

describe('rule 1: a record in both is the newer of the two', () => {
  it('writes the backup’s when it is newer, exactly as it is', () => {
    const incoming = note(1, 'step-1', 'Later words', 20);
    const { writes, summary } = plan([note(1, 'step-1', 'Earlier words', 10)], [incoming]);
    expect(writes).toEqual([incoming]);
    expect(summary.updated.notes).toBe(1);
  });

  it('keeps the one here when it is newer, and says so', () => {
    const { writes, summary } = plan([journal(1, 'Later', 20)], [journal(1, 'Earlier', 10)]);
    expect(writes).toEqual([]);
    expect(summary.keptHere).toBe(1);
  });

  it('writes nothing when both are of the same moment', () => {
    const { writes, summary } = plan([journal(1, 'One', 10)], [journal(1, 'One', 10)]);
    expect(writes).toEqual([]);
    expect(summary.same).toBe(1);
  });

  it('compares moments, not the way they are written', () => {
    const here = { ...journal(1, 'Here', 0), updated: '2026-11-26T09:00:00Z' };
    const sameMoment = { ...journal(1, 'Here', 0), updated: '2026-11-26T09:00:00.000Z' };
    const halfASecondLater = { ...journal(1, 'Backup', 0), updated: '2026-11-26T09:00:00.5Z' };
    expect(plan([here], [sameMoment]).summary.same).toBe(1);
    expect(plan([here], [halfASecondLater]).writes).toEqual([halfASecondLater]);
  });
});

describe('rule 2: the place in the guide and drafts, matched by name', () => {
  it('writes the backup’s newer place under this vault’s id, counted apart', () => {
    const here = place(HERE, 'intro', 10);
    const { writes, summary } = plan([here], [place(BACKUP, 'step-3', 20)]);
    expect(writes).toEqual([
      { ...place(BACKUP, 'step-3', 20), id: here.id, created: here.created },
    ]);
    expect(summary).toMatchObject({ placeAndDrafts: 1, keptHere: 0 });
    expect(Object.values(summary.updated).every((n) => n === 0)).toBe(true);
  });

  it('keeps a newer place here, and takes the backup’s into a vault that has none', () => {
    expect(plan([place(HERE, 'intro', 30)], [place(BACKUP, 'step-3', 20)]).writes).toEqual([]);
    const { writes } = plan([], [place(BACKUP, 'step-3', 20)]);
    expect(writes.map((r) => r.id)).toEqual([HERE.idHere(READING_STATE_KIND)]);
  });

  it('matches a draft by its form, writing the newer under this vault’s id', () => {
    const key = 'journal:new';
    const here = draft(HERE, key, 'Started here', 10);
    const { writes } = plan([here], [draft(BACKUP, key, 'Typed later', 20)]);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ id: here.id, body: { fields: { text: 'Typed later' } } });
    const read = writes.map((w) => readNotebookRecord(w, (k) => HERE.idHere(draftRecordName(k))));
    expect(read).toEqual([
      expect.objectContaining({ kind: 'draft', draft: expect.objectContaining({ key }) }),
    ]);
    expect(
      plan([draft(HERE, key, 'Newer here', 30)], [draft(BACKUP, key, 'x', 20)]).writes,
    ).toEqual([]);
  });

  it('skips a draft whose body does not read', () => {
    const damaged = {
      ...draft(BACKUP, 'journal:new', 'x', 20),
      body: { v: 1, key: 'journal:new' },
    };
    const { writes, summary } = plan([], [damaged]);
    expect(writes).toEqual([]);
    expect(summary.skipped).toBe(1);
  });
});

describe('rule 3: one note per section', () => {
  it('makes the backup’s newer text the section’s note, the older an earlier version', () => {
    const hereNote = { ...note(1, 'step-2', 'Written here', 10), created: at(5) };
    const { writes, summary } = plan([hereNote], [note(2, 'step-2', 'Written later', 20)]);
    expect(writes).toEqual([
      { ...hereNote, updated: at(20), body: { v: 1, sectionId: 'step-2', text: 'Written later' } },
      {
        kind: 'note-revision',
        id: `e${'0'.repeat(31)}`,
        created: at(10),
        updated: at(10),
        body: { v: 1, noteId: id(1), text: 'Written here', savedAt: at(10) },
      },
    ]);
    expect(summary.updated.notes).toBe(1);
    expect(summary.added).toMatchObject({ notes: 0, earlierVersions: 1 });
  });

  it('keeps the newer note here, and the backup’s text as an earlier version', () => {
    const { writes, summary } = plan(
      [note(1, 'step-2', 'Newer here', 30)],
      [note(2, 'step-2', 'From the backup', 20)],
    );
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      kind: 'note-revision',
      body: { noteId: id(1), text: 'From the backup', savedAt: at(20) },
    });
    expect(summary.added.earlierVersions).toBe(1);
  });

  it('keeps no second copy of a text already kept, nor of the same text', () => {
    const here = [note(1, 'step-2', 'Newer here', 30), revision(3, id(1), 'Kept before', 15)];
    const again = plan(here, [note(2, 'step-2', 'Kept before', 20)]);
    expect(again.writes).toEqual([]);
    expect(again.summary.keptHere).toBe(1);
    const same = plan([note(1, 'step-2', 'Same', 30)], [note(2, 'step-2', 'Same', 20)]);
    expect(same.writes).toEqual([]);
    expect(same.summary.same).toBe(1);
  });

  it('moves the backup’s earlier versions of its note to the section’s note', () => {
    const { writes } = plan(
      [note(1, 'step-2', 'Newer here', 30)],
      [note(2, 'step-2', 'Backup', 20), revision(3, id(2), 'Backup before', 12)],
    );
    const moved = writes.find((r) => r.id === id(3));
    expect(moved).toEqual({
      ...revision(3, id(1), 'Backup before', 12),
      body: { v: 1, noteId: id(1), text: 'Backup before', savedAt: at(12) },
    });
  });

  it(`keeps at most ${REVISIONS_KEPT} earlier versions, leaving out the backup’s oldest, never one here`, () => {
    const hereVersions = Array.from({ length: 15 }, (_, i) =>
      revision(100 + i, id(1), `here ${i}`, i),
    );
    const backupVersions = Array.from({ length: 10 }, (_, i) =>
      revision(200 + i, id(1), `backup ${i}`, 2 * i),
    );
    const { writes } = plan(
      [note(1, 'step-2', 'Text', 50), ...hereVersions],
      [note(1, 'step-2', 'Text', 50), ...backupVersions],
    );
    // The backup's five newest; every one here stays, as nothing is ever deleted.
    expect(writes.map((r) => bodyOf(r)['text'])).toEqual([
      'backup 5',
      'backup 6',
      'backup 7',
      'backup 8',
      'backup 9',
    ]);
  });

  it('keeps a text that was a note’s even when the note has its versions already', () => {
    const full = Array.from({ length: REVISIONS_KEPT }, (_, i) =>
      revision(100 + i, id(1), `v${i}`, i),
    );
    const { writes } = plan(
      [note(1, 'step-2', 'Here', 30), ...full],
      [note(2, 'step-2', 'Backup', 25), revision(3, id(2), 'Backup before', 24)],
    );
    expect(writes.map((r) => bodyOf(r)['text'])).toEqual(['Backup']);
  });
});

describe('rule 4: one step’s answers per step, and one weighing', () => {
  const lost = { type: 'step', step: 1, status: 'done', answers: { feel: 'Lost', want: 'Calm' } };
  const steadier = { type: 'step', step: 1, status: 'trying', answers: { feel: 'Steadier' } };

  it('joins the backup’s older answers into the newer ones here, under the id here', () => {
    const here = stepWork(1, steadier as StepWorkEntry, 30);
    const { writes, summary } = plan([here], [stepWork(2, lost as StepWorkEntry, 20)]);
    expect(writes).toEqual([
      {
        ...here,
        body: {
          v: 1,
          entry: {
            ...steadier,
            answers: { feel: `Steadier${RESTORED_DIVIDER}Lost`, want: 'Calm' },
          },
        },
      },
    ]);
    expect(summary.updated.stepWork).toBe(1);
  });

  it('puts the backup’s newer answers and status first, with its time', () => {
    const { writes } = plan(
      [stepWork(1, steadier as StepWorkEntry, 20)],
      [stepWork(2, lost as StepWorkEntry, 30)],
    );
    expect(writes).toEqual([
      {
        ...stepWork(1, lost as StepWorkEntry, 30),
        body: {
          v: 1,
          entry: { ...lost, answers: { feel: `Lost${RESTORED_DIVIDER}Steadier`, want: 'Calm' } },
        },
      },
    ]);
  });

  it('joins the weighing the same way, and adds nothing that is there in full', () => {
    const weighing = (costs: string, gives: string): StepWorkEntry => ({
      type: 'weighing',
      costs,
      gives,
    });
    const joined = plan(
      [stepWork(1, weighing('Evenings', 'Hope'), 30)],
      [stepWork(2, weighing('Sleep', 'Hope'), 20)],
    );
    expect(bodyOf(joined.writes[0])['entry']).toEqual(
      weighing(`Evenings${RESTORED_DIVIDER}Sleep`, 'Hope'),
    );
    const contained = plan(
      [stepWork(1, weighing('Sleep, and evenings', 'Hope'), 30)],
      [stepWork(2, weighing('Sleep', ''), 20)],
    );
    expect(contained.writes).toEqual([]);
    expect(contained.summary.keptHere).toBe(1);
  });

  it('keeps the backup’s beside the one here when the two joined would be too long', () => {
    const long = (letter: string) => letter.repeat(1_500_000);
    const backup = stepWork(
      2,
      { type: 'step', step: 2, status: null, answers: { past: long('b') } },
      20,
    );
    const { writes } = plan(
      [stepWork(1, { type: 'step', step: 2, status: null, answers: { past: long('h') } }, 30)],
      [backup],
    );
    expect(writes).toEqual([backup]);
  });

  it('joins a later answer into the newest of two kept side by side', () => {
    const answer = (past: string): StepWorkEntry => ({
      type: 'step',
      step: 2,
      status: null,
      answers: { past },
    });
    const { writes } = plan(
      [stepWork(1, answer('h'.repeat(1_500_000)), 30)],
      [stepWork(2, answer('b'.repeat(1_500_000)), 40), stepWork(3, answer('Later'), 50)],
    );
    expect(writes.map((r) => r.id)).toEqual([id(2)]);
    expect(bodyOf(writes[0])['entry']).toEqual(
      answer(`Later${RESTORED_DIVIDER}${'b'.repeat(1_500_000)}`),
    );
  });

  it('leaves the companion’s many-of entries to rule 1', () => {
    const message = stepWork(2, { type: 'message', text: 'Hello', waitUntil: null }, 20);
    const { writes } = plan(
      [stepWork(1, { type: 'message', text: 'Hi', waitUntil: null }, 30)],
      [message],
    );
    expect(writes).toEqual([message]);
  });
});

describe('rule 5: the trash, by id like anything else', () => {
  it('keeps an item trashed here that an older backup has as it was', () => {
    const item = journal(1, 'Words', 10);
    const { writes, summary } = plan([trashed(item, 20)], [item]);
    expect(writes).toEqual([]);
    expect(summary.keptHere).toBe(1);
  });

  it('trashes an item the backup trashed later', () => {
    const item = journal(1, 'Words', 10);
    const { writes, summary } = plan([item], [trashed(item, 20)]);
    expect(writes).toEqual([trashed(item, 20)]);
    expect(summary.updated.inTrash).toBe(1);
  });

  it('merges a trashed note that comes back live into its section’s note (rule 3)', () => {
    const backupNote = note(1, 'step-4', 'Came back', 40);
    const { writes } = plan(
      [trashed(note(1, 'step-4', 'Trashed', 10), 20), note(2, 'step-4', 'Section note', 30)],
      [backupNote],
    );
    expect(writes.map((r) => [r.kind, r.id, bodyOf(r)['text']])).toEqual([
      ['note', id(2), 'Came back'],
      ['note-revision', `e${'0'.repeat(31)}`, 'Section note'],
    ]);
  });

  it('frees a section the backup trashed its note from before placing another there', () => {
    const old = note(1, 'step-4', 'Old', 10);
    const { writes } = plan([old], [trashed(old, 20), note(2, 'step-4', 'New', 30)]);
    expect(writes.map((r) => [r.kind, r.id])).toEqual([
      ['note', id(2)],
      ['trash', id(1)],
    ]);
  });
});

describe('a slot judged against the newest version of each record', () => {
  it('loses no text of a backup that had two notes in one section', () => {
    // Older vaults could hold two; the backup's own newer copy of the note here comes first.
    const { writes } = plan(
      [note(1, 'step-5', 'Here', 10)],
      [note(1, 'step-5', 'Backup, newest', 40), note(2, 'step-5', 'Backup, second', 20)],
    );
    expect(writes.map((r) => [r.id, bodyOf(r)['text']])).toEqual([
      [id(1), 'Backup, newest'],
      [`e${'0'.repeat(31)}`, 'Backup, second'],
    ]);
  });
});

describe('rule 6: what is on one side only', () => {
  it('adds what only the backup has, as it is, and leaves what only here has alone', () => {
    const onlyBackup = [highlight(1, 10), journal(2, 'Backup', 10)];
    const { writes, summary } = plan([journal(3, 'Here', 10)], onlyBackup);
    expect(writes).toEqual(onlyBackup);
    expect(summary.added).toMatchObject({ highlights: 1, journalEntries: 1 });
  });

  it('skips a record that does not read, or of a kind Stillwater does not know', () => {
    const { writes, summary } = plan(
      [],
      [
        { ...journal(1, 'x', 10), body: { v: 1, text: 'no date' } },
        { ...journal(2, 'x', 10), body: { v: 9, text: 'newer Stillwater' } },
        { ...journal(3, 'x', 10), kind: 'telemetry' },
        { ...journal(4, 'x', 10), updated: 'yesterday' },
        trashed(journal(5, 'x', 10), 20),
        { ...trashed(journal(6, 'x', 10), 20), id: id(7) },
      ],
    );
    expect(writes.map((r) => r.id)).toEqual([id(5)]);
    expect(summary.skipped).toBe(5);
  });

  it('never writes over a record here that could not be read, or is of another kind', () => {
    const damagedHere = { ...journal(1, 'x', 10), body: { v: 1 } };
    const backup = [journal(1, 'Backup', 20), journal(2, 'Backup', 20), highlight(3, 20)];
    const { writes, summary } = plan([damagedHere, journal(3, 'Here', 10)], backup, [id(2)]);
    expect(writes).toEqual([]);
    expect(summary.skipped).toBe(3);
  });
});

describe('rule 7: the same inputs give the same plan', () => {
  it('whatever order the records come in, notes before their earlier versions', () => {
    const here = [note(1, 'step-1', 'Here', 30), journal(2, 'Here', 10), highlight(3, 5)];
    const backup = [
      revision(9, id(8), 'Before', 5),
      note(8, 'step-1', 'Backup', 20),
      note(7, 'step-3', 'Backup', 20),
      revision(6, id(7), 'Before', 5),
      journal(2, 'Backup', 20),
    ];
    const first = plan(here, backup);
    expect(plan([...here].reverse(), [...backup].reverse())).toEqual(first);
    const kinds = first.writes.map((r) => r.kind);
    expect(kinds.lastIndexOf('note')).toBeLessThan(kinds.indexOf('note-revision'));
  });
});

/**
 * Two notebooks that shared a past: records written as the notebook writes them, each with a
 * clock of its own, so either side may be the newer.
 */
class History {
  readonly records: Map<string, StoredRecord>;
  #next = 0;

  constructor(
    readonly side: number,
    readonly random: () => number,
    public clock: number,
    records: Iterable<[string, StoredRecord]> = [],
  ) {
    this.records = new Map(records);
  }

  branch(side: number, clock: number): History {
    return new History(side, this.random, clock, this.records);
  }

  #id(): string {
    return `${this.side.toString(16)}${(this.#next++).toString(16).padStart(31, '0')}`;
  }
  #tick(): string {
    this.clock += 1_000 + Math.floor(this.random() * 120_000);
    return new Date(this.clock).toISOString();
  }
  #text(): string {
    return `words ${this.side}.${this.#next++}`;
  }
  #pick<T>(list: readonly T[]): T | undefined {
    return list[Math.floor(this.random() * list.length)];
  }
  #choose<T>(list: readonly [T, ...T[]]): T {
    return list[Math.floor(this.random() * list.length)] ?? list[0];
  }
  #live(kind: string): StoredRecord[] {
    return [...this.records.values()].filter((r) => r.kind === kind);
  }
  #put(kind: string, body: unknown, id = this.#id(), created?: string): void {
    const updated = this.#tick();
    this.records.set(id, { kind, id, created: created ?? updated, updated, body });
  }

  act(): void {
    const roll = this.random();
    if (roll < 0.3) this.#writeNote();
    else if (roll < 0.5) this.#writeJournal();
    else if (roll < 0.7) this.#answerStep();
    else if (roll < 0.85) this.#trashSomething();
    else this.#restoreSomething();
  }

  #writeNote(): void {
    const sectionId = this.#choose(['step-1', 'step-2', 'step-3']);
    const existing = this.#live('note').find((r) => bodyOf(r)['sectionId'] === sectionId);
    if (existing) {
      const savedAt = this.#tick();
      const revisionId = this.#id();
      const text = bodyOf(existing)['text'];
      this.records.set(revisionId, {
        kind: 'note-revision',
        id: revisionId,
        created: savedAt,
        updated: savedAt,
        body: { v: 1, noteId: existing.id, text, savedAt },
      });
    }
    this.#put('note', { v: 1, sectionId, text: this.#text() }, existing?.id, existing?.created);
  }

  #writeJournal(): void {
    const existing = this.random() < 0.4 ? this.#pick(this.#live('journal-entry')) : undefined;
    const body = { v: 1, date: '2026-11-26', text: this.#text(), mood: null, tags: [] };
    this.#put('journal-entry', { ...body, sectionId: null }, existing?.id, existing?.created);
  }

  #answerStep(): void {
    const step = this.#choose([1, 2] as const);
    const prompt = this.#pick(REFLECTION_PROMPTS[step]);
    if (!prompt) return;
    const existing = this.#live('step-work').find((r) => {
      const entry = bodyOf(r)['entry'] as StepWorkEntry;
      return entry.type === 'step' && entry.step === step;
    });
    const before = existing ? (bodyOf(existing)['entry'] as { answers: object }).answers : {};
    const entry = {
      type: 'step',
      step,
      status: null,
      answers: { ...before, [prompt.id]: this.#text() },
    };
    this.#put('step-work', { v: 1, entry }, existing?.id, existing?.created);
  }

  #trashSomething(): void {
    const kinds = ['note', 'journal-entry', 'step-work'];
    const item = this.#pick([...this.records.values()].filter((r) => kinds.includes(r.kind)));
    if (item) this.records.set(item.id, trashed(item, this.#tick()));
  }

  /** Put back only where nothing holds its slot: merging it back is the notebook's test. */
  #restoreSomething(): void {
    const entry = this.#pick(this.#live('trash'));
    if (!entry) return;
    const { item } = bodyOf(entry) as { item: Record<string, unknown> & StoredRecord };
    const { kind, id: itemId, created, updated: _updated, ...fields } = item;
    void _updated;
    const taken = this.#live(kind).some((other) =>
      kind === 'note'
        ? bodyOf(other)['sectionId'] === fields['sectionId']
        : kind === 'step-work' &&
          (bodyOf(other)['entry'] as { step?: number }).step ===
            (fields['entry'] as { step?: number }).step,
    );
    if (!taken) this.#put(kind, { v: 1, ...fields }, itemId, created);
  }
}

/** Every text a person wrote in a record: a note's, a journal entry's, a step's answers. */
function textsOf(record: StoredRecord): string[] {
  const body = bodyOf(record);
  const fields = record.kind === 'trash' ? (body['item'] as Record<string, unknown>) : body;
  const texts: unknown[] = [fields['text']];
  const entry = fields['entry'] as { answers?: Record<string, string> } | undefined;
  if (entry?.answers) texts.push(...Object.values(entry.answers));
  return texts.filter((text): text is string => typeof text === 'string' && text !== '');
}

function histories(seed: number) {
  const random = seededRandom(seed);
  const base = new History(1, random, Date.parse('2026-11-01T09:00:00Z'));
  for (let i = 0; i < 4 + random() * 8; i++) base.act();
  const backup = base.branch(11, base.clock + random() * 600_000);
  const here = base.branch(10, base.clock + random() * 600_000);
  for (let i = 0; i < 3 + random() * 10; i++) backup.act();
  for (let i = 0; i < 3 + random() * 10; i++) here.act();
  return { base, here: [...here.records.values()], backup: [...backup.records.values()] };
}

describe('whole restores', () => {
  const { base, here, backup } = histories(7);

  it('into an empty vault adds everything', () => {
    const { writes, summary } = plan([], backup);
    const byIdOrder = (records: StoredRecord[]) =>
      [...records].sort((a, b) => a.id.localeCompare(b.id));
    expect(byIdOrder(writes)).toEqual(byIdOrder(backup));
    const added = Object.values(summary.added).reduce((sum, n) => sum + n, 0);
    expect(added).toBe(backup.length);
  });

  it('of the same backup twice changes nothing the second time', () => {
    const first = plan(here, backup);
    expect(first.writes.length).toBeGreaterThan(0);
    expect(plan(apply(here, first), backup).writes).toEqual([]);
  });

  it('of a backup older than the vault changes nothing', () => {
    const snapshot = [...base.records.values()];
    const later = base.branch(12, base.clock);
    for (let i = 0; i < 12; i++) later.act();
    const { writes, summary } = plan([...later.records.values()], snapshot);
    expect(writes).toEqual([]);
    expect(summary.keptHere + summary.same).toBe(snapshot.length);
  });
});

describe('over random histories of two vaults that shared a past', () => {
  const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);

  it('loses no text that is the newest of its record, on either side', () => {
    for (const seed of SEEDS) {
      const { here, backup } = histories(seed);
      const after = apply(here, plan(here, backup));
      const kept = after.flatMap(textsOf);
      const newest = new Map<string, StoredRecord>(here.map((r) => [r.id, r]));
      for (const record of backup) {
        const mine = newest.get(record.id);
        if (!mine || Date.parse(record.updated) > Date.parse(mine.updated)) {
          newest.set(record.id, record);
        }
      }
      for (const text of [...newest.values()].flatMap(textsOf)) {
        expect(
          kept.some((k) => k.includes(text)),
          `seed ${seed}: ${text}`,
        ).toBe(true);
      }
    }
  });

  it('keeps one note per section and one answers per step, all readable, and is done after one run', () => {
    for (const seed of SEEDS) {
      const { here, backup } = histories(seed);
      const first = plan(here, backup);
      const after = apply(here, first);
      const slots = after.flatMap((record) => {
        const read = readNotebookRecord(record, (key) => HERE.idHere(draftRecordName(key)));
        expect(read, `seed ${seed}: ${record.kind}`).not.toBe('damaged');
        if (read === 'damaged' || read?.kind !== 'item') return [];
        const { item } = read;
        if (item.kind === 'note') return [`note in ${item.sectionId}`];
        const { entry } = item.kind === 'step-work' ? item : { entry: null };
        return entry?.type === 'step' ? [`answers to step ${entry.step}`] : [];
      });
      expect(new Set(slots).size, `seed ${seed}`).toBe(slots.length);
      expect(plan(after, backup).writes, `seed ${seed}`).toEqual([]);
    }
  });
});

describe('a restore into a real vault', () => {
  const makeDir = tempDirs('stillwater-merge-');
  const PASSPHRASE = 'merge test passphrase';

  async function openNotebook() {
    const session = new VaultSession({ dir: path.join(makeDir(), 'vault'), kdf: FAST_KDF });
    await session.create(PASSPHRASE);
    const notebook = new NotebookService(session, { logger: captureLogger() });
    return { session, notebook };
  }

  it('is read back by the notebook: one note per section, every text kept', async () => {
    const mine = await openNotebook();
    const theirs = await openNotebook();
    await theirs.notebook.saveNote({ sectionId: 'step-1', text: 'Older, from the backup' });
    await theirs.notebook.saveStepWork({
      entry: { type: 'step', step: 1, status: null, answers: { feel: 'Lost' } },
    });
    await theirs.notebook.saveDraft('journal:new', { text: 'Half a thought' });
    await mine.notebook.saveNote({ sectionId: 'step-1', text: 'Newer, here' });
    await mine.notebook.saveStepWork({
      entry: { type: 'step', step: 1, status: 'trying', answers: { feel: 'Steadier' } },
    });
    const vault = mine.session.current();
    const { writes } = planMerge(
      (await vault.list()).records,
      (await theirs.session.current().list()).records,
      { idHere: (name) => vault.singletonId(name) },
      { newRecordId: newIds() },
    );
    for (const record of writes)
      await vault.put(record.kind, record.body, record.id, record.created);
    await mine.session.lock();
    await mine.session.unlock(PASSPHRASE);
    const notebook = new NotebookService(mine.session, { logger: captureLogger() });
    const { items, drafts, unreadable } = await notebook.notebook();
    expect(unreadable).toBe(0);
    expect(drafts).toEqual([expect.objectContaining({ fields: { text: 'Half a thought' } })]);
    const note = items.find((item) => item.kind === 'note');
    expect(items.filter((item) => item.kind === 'note')).toHaveLength(1);
    expect(note).toMatchObject({ text: 'Newer, here' });
    expect((await notebook.revisions(note?.id ?? '')).map((r) => r.text)).toContain(
      'Older, from the backup',
    );
    expect(items.filter((item) => item.kind === 'step-work')).toEqual([
      expect.objectContaining({
        entry: expect.objectContaining({
          answers: { feel: `Steadier${RESTORED_DIVIDER}Lost` },
        }),
      }),
    ]);
  });
});
