/**
 * The seven-step companion's entries, kept by the notebook on the real vault: each tool's
 * entries are sealed, listed, trashed and drafted as everything else the person writes is.
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { tempDirs } from '../../../test/support/temp-dir';
import { FAST_KDF } from '../../../test/support/vault-fixtures';
import type { StepWorkEntry } from '../../shared/companion/model';
import { INVOKE_SCHEMAS } from '../../shared/ipc/contract';
import { VaultSession } from '../vault/vault-session';
import { NotebookService } from './notebook-service';

const PASSPHRASE = 'companion test passphrase';
const makeDir = tempDirs('stillwater-steps-');
const NOW = Date.parse('2026-11-26T09:00:00Z');
let session: VaultSession;
let notebook: NotebookService;

beforeEach(async () => {
  session = new VaultSession({ dir: path.join(makeDir(), 'vault'), kdf: FAST_KDF });
  await session.create(PASSPHRASE);
  notebook = new NotebookService(session, { logger: captureLogger(), now: () => new Date(NOW) });
});

async function reopen(): Promise<NotebookService> {
  await session.lock();
  await session.unlock(PASSPHRASE);
  return new NotebookService(session, { logger: captureLogger(), now: () => new Date(NOW) });
}

/** One entry of each tool, as the page would send it, checked at the boundary. */
const ONE_OF_EACH: StepWorkEntry[] = [
  { type: 'step', step: 2, status: 'trying', answers: { 'his-side': 'Work has been hard.' } },
  {
    type: 'message',
    text: 'When you are ready, I am here.',
    waitUntil: '2026-11-26T15:00:00.000Z',
  },
  { type: 'need', text: 'Time on his own at weekends', canGive: 'not-yet' },
  { type: 'contact', date: '2026-11-25', from: 'him', note: 'A short reply, kind.' },
  { type: 'self-care', text: 'Swim on Saturday', doneOn: null },
  { type: 'weighing', costs: 'Sleepless nights', gives: 'The good years' },
];

const saveAll = (service: NotebookService) =>
  Promise.all(
    ONE_OF_EACH.map((entry) =>
      service.saveStepWork(INVOKE_SCHEMAS.saveStepWork.input.parse({ entry })),
    ),
  );

describe('the companion’s entries', () => {
  it('are kept in the vault, each tool’s, across a lock', async () => {
    await saveAll(notebook);
    const { items } = await (await reopen()).notebook();
    const entries = items.flatMap((item) => (item.kind === 'step-work' ? [item.entry] : []));
    expect(entries).toEqual(expect.arrayContaining(ONE_OF_EACH));
    expect(entries).toHaveLength(ONE_OF_EACH.length);
    expect((await session.current().list('step-work')).records).toHaveLength(6);
  });

  it('keep one set of answers per step, and one weighing, whatever id the page sends', async () => {
    const first = await notebook.saveStepWork({
      entry: { type: 'step', step: 3, status: null, answers: { heard: 'Space.' } },
    });
    const again = await notebook.saveStepWork({
      entry: { type: 'step', step: 3, status: 'done', answers: { heard: 'Space, and time.' } },
    });
    const otherStep = await notebook.saveStepWork({
      entry: { type: 'step', step: 4, status: 'trying', answers: {} },
    });
    const weighing = await notebook.saveStepWork({
      entry: { type: 'weighing', costs: 'a', gives: 'b' },
    });
    const weighedAgain = await notebook.saveStepWork({
      id: first.id,
      entry: { type: 'weighing', costs: 'a, and c', gives: 'b' },
    });
    expect(again.id).toBe(first.id);
    expect(again.created).toBe(first.created);
    expect(otherStep.id).not.toBe(first.id);
    expect(weighedAgain.id).toBe(weighing.id);
    const { items } = await notebook.notebook();
    expect(items).toHaveLength(3);
  });

  it('let a message wait three days at most, by main’s clock', async () => {
    const saved = await notebook.saveStepWork({
      entry: { type: 'message', text: 'Later.', waitUntil: '2027-01-01T00:00:00.000Z' },
    });
    expect(saved.entry).toMatchObject({ waitUntil: '2026-11-29T09:00:00.000Z' });
  });

  it('go to the trash and come back whole', async () => {
    const [, message] = await saveAll(notebook);
    if (!message) throw new Error('no message saved');
    await notebook.trash(message.id);
    expect((await notebook.notebook()).items.some((item) => item.id === message.id)).toBe(false);
    const back = await (await reopen()).restore(message.id);
    // Back with its words and its first date; its last change is the putting back.
    expect(back).toMatchObject({ id: message.id, created: message.created, entry: message.entry });
  });

  it('keep their forms’ drafts across a lock', async () => {
    const keys = ['step-work:new-message', 'step-work:step-7', 'step-work:weighing'];
    for (const key of keys) {
      await notebook.saveDraft(
        INVOKE_SCHEMAS.saveDraft.input.parse({ key, fields: { text: key } }).key,
        {
          text: key,
        },
      );
    }
    const { drafts } = await (await reopen()).notebook();
    expect(drafts.map((draft) => draft.key).sort()).toEqual([...keys].sort());
  });
});

describe('the companion at the boundary', () => {
  const save = INVOKE_SCHEMAS.saveStepWork.input;
  it.each([
    [
      'an answer to a question the step does not ask',
      { type: 'step', step: 1, status: null, answers: { heard: 'x' } },
    ],
    ['a status of its own', { type: 'step', step: 1, status: 'failed', answers: {} }],
    ['a step the guide does not have', { type: 'step', step: 8, status: null, answers: {} }],
    ['a day that is not a day', { type: 'contact', date: '2026-02-30', from: 'him', note: '' }],
    ['someone else reaching out', { type: 'contact', date: '2026-11-26', from: 'them', note: '' }],
    ['a wait that is not a time', { type: 'message', text: 'x', waitUntil: 'soon' }],
    ['a tool it does not have', { type: 'streak', days: 3 }],
  ])('refuses %s', (_, entry) => {
    expect(save.safeParse({ entry }).success).toBe(false);
  });

  it('refuses draft keys of forms the companion does not have', () => {
    for (const key of ['step-work:step-8', 'step-work:new-weighing', 'step-work:', 'steps:new']) {
      expect(INVOKE_SCHEMAS.saveDraft.input.safeParse({ key, fields: {} }).success, key).toBe(
        false,
      );
    }
  });
});

describe('the companion’s one-of entries put back from the trash', () => {
  it('join the one there is since, so there is still one, with every word of both', async () => {
    const first = await notebook.saveStepWork({
      entry: { type: 'weighing', costs: 'Sleep', gives: '' },
    });
    await notebook.trash(first.id);
    const second = await notebook.saveStepWork({
      entry: { type: 'weighing', costs: 'Evenings', gives: 'Hope' },
    });
    const back = await notebook.restore(first.id);
    expect(back.id).toBe(second.id);
    const { items, trash } = await (await reopen()).notebook();
    expect(trash).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      entry: { costs: expect.stringMatching(/^Evenings[\s\S]+Sleep$/), gives: 'Hope' },
    });
  });

  it('keep a step’s answers of both, and the status set since', async () => {
    const first = await notebook.saveStepWork({
      entry: { type: 'step', step: 1, status: 'done', answers: { feel: 'Lost', want: 'Calm' } },
    });
    await notebook.trash(first.id);
    await notebook.saveStepWork({
      entry: { type: 'step', step: 1, status: 'trying', answers: { feel: 'Steadier' } },
    });
    await notebook.restore(first.id);
    const { items } = await notebook.notebook();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      entry: {
        status: 'trying',
        answers: { feel: expect.stringMatching(/^Steadier[\s\S]+Lost$/), want: 'Calm' },
      },
    });
  });
});

describe('the companion’s one-of entries put back from the trash, when held in full', () => {
  it('add no answer the one there is holds already', async () => {
    const first = await notebook.saveStepWork({
      entry: { type: 'step', step: 1, status: null, answers: { feel: 'Lost', want: 'Calm' } },
    });
    await notebook.trash(first.id);
    await notebook.saveStepWork({
      entry: {
        type: 'step',
        step: 1,
        status: null,
        answers: { feel: 'Lost, then steadier', want: '' },
      },
    });
    await notebook.restore(first.id);
    const { items } = await (await reopen()).notebook();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      entry: { answers: { feel: 'Lost, then steadier', want: 'Calm' } },
    });
  });
});

describe('a save with the id of another entry', () => {
  it('never writes over an entry of another tool or another step', async () => {
    const need = await notebook.saveStepWork({
      entry: { type: 'need', text: 'Space', canGive: null },
    });
    const stepOne = await notebook.saveStepWork({
      entry: { type: 'step', step: 1, status: null, answers: { feel: 'Lost' } },
    });
    const message = await notebook.saveStepWork({
      id: need.id,
      entry: { type: 'message', text: 'Hello', waitUntil: null },
    });
    const stepTwo = await notebook.saveStepWork({
      id: stepOne.id,
      entry: { type: 'step', step: 2, status: null, answers: {} },
    });
    expect(message.id).not.toBe(need.id);
    expect(stepTwo.id).not.toBe(stepOne.id);
    const { items } = await notebook.notebook();
    expect(items.map((item) => item.id).sort()).toEqual(
      [need.id, stepOne.id, message.id, stepTwo.id].sort(),
    );
    expect(items.find((item) => item.id === need.id)).toEqual(need);
  });
});
