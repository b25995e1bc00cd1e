import { describe, expect, it, vi } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { DEFAULT_READER_PREFERENCES } from '../../shared/preferences/model';
import { EMPTY_READING_STATE, MAX_READING_BLOCKS } from '../../shared/reading/model';
import { AppError } from '../app-error';
import { asDiskError, tryLater, wrongPassphrase } from '../vault/errors';
import { createIpcRouter, isTrustedSender, type IpcHandlers } from './ipc-router';

const appFrame = { url: 'app://stillwater/index.html', parent: null };

/** A handler this file's tests never reach. */
const unused = () =>
  vi.fn(() => {
    throw new Error('not used');
  });

function setup(overrides: Partial<IpcHandlers> = {}) {
  const handlers: IpcHandlers = {
    getStartup: vi.fn(() => ({
      vault: 'unlocked' as const,
      preferences: DEFAULT_READER_PREFERENCES,
      reading: EMPTY_READING_STATE,
    })),
    createVault: vi.fn(() => ({ recoveryKey: 'KEY' })),
    unlockVault: vi.fn(() => undefined),
    recoverVault: vi.fn(() => undefined),
    lockVault: vi.fn(() => undefined),
    changePassphrase: vi.fn(() => undefined),
    rekeyVault: vi.fn(() => ({ recoveryKey: 'NEW' })),
    confirmRekey: vi.fn(() => undefined),
    getNotebook: vi.fn(() => ({
      items: [],
      drafts: [],
      trash: [],
      unreadable: 0,
      integrity: { missing: 0, stale: 0, replayed: 0, unverified: false },
      olderJournalEntries: 0,
    })),
    getOlderJournal: unused(),
    saveNote: unused(),
    saveHighlight: unused(),
    saveJournalEntry: unused(),
    saveStepWork: unused(),
    trashItem: unused(),
    restoreItem: unused(),
    emptyTrash: vi.fn(() => undefined),
    deleteForGood: vi.fn(() => undefined),
    saveDraft: vi.fn(() => undefined),
    discardDraft: vi.fn(() => undefined),
    getRevisions: vi.fn(() => []),
    restoreRevision: unused(),
    search: unused(),
    getPrivacyStatus: unused(),
    updatePrivacySettings: unused(),
    panic: vi.fn(() => undefined),
    clearClipboardLater: vi.fn(() => undefined),
    updatePreferences: vi.fn(() => DEFAULT_READER_PREFERENCES),
    getReadingState: vi.fn(() => EMPTY_READING_STATE),
    recordReadingPosition: vi.fn(() => undefined),
    backUpNow: unused(),
    chooseRestoreFile: unused(),
    openRestore: unused(),
    confirmRestore: unused(),
    cancelRestore: vi.fn(() => undefined),
    getAutomaticBackup: unused(),
    updateAutomaticBackup: unused(),
    chooseAutomaticBackupFolder: unused(),
    exportMarkdown: unused(),
    savePdf: unused(),
    ...overrides,
  };
  const logger = captureLogger('ipc');
  const router = createIpcRouter({ handlers, trustedOrigins: ['app://stillwater'], logger });
  return { handlers, router, logger };
}

describe('the IPC router', () => {
  it('opens a backup only with one passphrase or one recovery key, and nothing else', async () => {
    const { router, handlers } = setup({
      openRestore: vi.fn(() => Promise.reject(new Error('unused'))),
    });
    for (const input of [
      {},
      { passphrase: 'a', recoveryKey: 'b' },
      { passphrase: 'a', file: '/etc/passwd' },
      { recoveryKey: 'x'.repeat(201) },
      { passphrase: 42 },
      'passphrase',
    ]) {
      const result = await router.dispatch('backup:open-restore', { senderFrame: appFrame }, input);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(handlers.openRestore).not.toHaveBeenCalled();
  });

  it('takes no path from the page for a backup, and only a valid new passphrase to restore', async () => {
    const { router, handlers } = setup();
    for (const [channel, input] of [
      ['backup:now', { path: '/tmp/x' }],
      ['backup:choose-restore', '/tmp/x'],
      ['backup:update-automatic', { folder: '/tmp' }],
      ['backup:update-automatic', { keep: 0 }],
      ['backup:update-automatic', { every: 'hour' }],
      ['backup:choose-automatic-folder', '/tmp'],
      ['export:markdown', { files: [{ path: '../outside.md', text: 'x' }] }],
      ['export:markdown', { files: [{ path: '/etc/cron.d/x.md', text: 'x' }] }],
      ['export:markdown', { files: [], folder: '/tmp' }],
      ['export:pdf', { what: 'notebook', target: '/tmp/x.pdf' }],
      ['export:pdf', { what: 'everything' }],
      ['backup:confirm-restore', { newPassphrase: 'short' }],
      ['backup:confirm-restore', { newPassphrase: '          ' }],
      ['backup:confirm-restore', { newPassphrase: 'long enough', vaultDir: '/tmp' }],
    ] as const) {
      const result = await router.dispatch(channel, { senderFrame: appFrame }, input);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(handlers.backUpNow).not.toHaveBeenCalled();
    expect(handlers.confirmRestore).not.toHaveBeenCalled();
  });

  it('passes parsed input to the handler and wraps its answer', async () => {
    const { router, handlers } = setup();
    const result = await router.dispatch(
      'reading:record-position',
      { senderFrame: appFrame },
      { sectionId: 'step-3', position: 0.5, read: [0, 2] },
    );
    expect(result).toEqual({ ok: true, value: undefined });
    expect(handlers.recordReadingPosition).toHaveBeenCalledWith({
      sectionId: 'step-3',
      position: 0.5,
      read: [0, 2],
    });
  });

  it.each([
    ['another origin', { url: 'https://example.org/', parent: null }],
    ['a look-alike host', { url: 'app://stillwater.example/index.html', parent: null }],
    ['a sub-frame of the app', { url: 'app://stillwater/index.html', parent: {} }],
    ['no frame at all', null],
  ])('refuses a call from %s before any handler runs', async (_name, senderFrame) => {
    const { router, handlers } = setup();
    const result = await router.dispatch('app:startup', { senderFrame }, undefined);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'forbidden-sender', message: 'app:startup may only be called by the app' },
    });
    expect(handlers.getStartup).not.toHaveBeenCalled();
  });

  it('refuses start-up with any input, and answers it without', async () => {
    const { router, handlers } = setup();
    const refused = await router.dispatch('app:startup', { senderFrame: appFrame }, { vault: 1 });
    expect(refused).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'app:startup: (input): invalid_type' },
    });
    expect(handlers.getStartup).not.toHaveBeenCalled();
    const answered = await router.dispatch('app:startup', { senderFrame: appFrame }, undefined);
    expect(answered).toEqual({
      ok: true,
      value: {
        vault: 'unlocked',
        preferences: DEFAULT_READER_PREFERENCES,
        reading: EMPTY_READING_STATE,
      },
    });
  });

  it.each([
    [{ theme: 'neon' }, 'theme'],
    [{ textScale: 40 }, 'textScale'],
    [{ lineWidth: 'endless' }, 'lineWidth'],
    [{ focusMode: 'yes' }, 'focusMode'],
    [{ unlockOpens: 'the-guide' }, 'unlockOpens'],
    [{ discreetTitles: 1 }, 'discreetTitles'],
    [{ spellCheck: 'on' }, 'spellCheck'],
    // A key the call does not have is refused, and not named: the page chose it.
    [{ theme: 'dark', extra: true }, '(input): unrecognized_keys'],
    ['dark', '(input)'],
  ])('refuses malformed input %j, naming the field', async (input, field) => {
    const { router, handlers } = setup();
    const result = await router.dispatch('preferences:update', { senderFrame: appFrame }, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-input');
    expect(result.error.message).toMatch(
      new RegExp(`^preferences:update: .*${field.replace(/[()]/g, '\\$&')}`),
    );
    expect(handlers.updatePreferences).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a field of a draft with a value of the wrong kind',
      'notebook:save-draft',
      { key: 'journal:new', fields: { canaryKeyOne: 42 } },
      'fields.<key>: invalid_type',
    ],
    [
      'a field of a draft with a name no form has',
      'notebook:save-draft',
      { key: 'journal:new', fields: { 'canary-key-two': 'x' } },
      'fields.<key>: invalid_key',
    ],
    [
      'a field the call does not have',
      'preferences:update',
      { theme: 'dark', canaryKeyThree: true },
      '(input): unrecognized_keys',
    ],
  ])('names no key the page chose when it refuses %s', async (_, channel, input, described) => {
    const { router } = setup();
    const result = await router.dispatch(channel, { senderFrame: appFrame }, input);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: `${channel}: ${described}` },
    });
    expect(JSON.stringify(result).toLowerCase()).not.toContain('canary');
  });

  it('refuses a fraction outside 0 to 1 and an unknown section', async () => {
    const { router } = setup();
    const frame = { senderFrame: appFrame };
    const tooFar = await router.dispatch('reading:record-position', frame, {
      sectionId: 'step-1',
      position: 2,
      read: [],
    });
    const unknown = await router.dispatch('reading:record-position', frame, {
      sectionId: 'step-99',
      position: 0,
      read: [],
    });
    expect(tooFar).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('position') },
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('sectionId') },
    });
  });

  it('refuses a highlight that ends where or before it starts', async () => {
    const { router, handlers } = setup();
    const highlight = (start: number, end: number) =>
      router.dispatch(
        'notebook:save-highlight',
        { senderFrame: appFrame },
        {
          sectionId: 'intro',
          anchor: { quote: 'a', prefix: '', suffix: '', start, end, guideVersion: 1 },
          colour: 'yellow',
          note: '',
        },
      );
    for (const [start, end] of [
      [900, 3],
      [5, 5],
    ] as const) {
      await expect(highlight(start, end)).resolves.toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', message: expect.stringContaining('anchor.end') },
      });
    }
    expect(handlers.saveHighlight).not.toHaveBeenCalled();
  });

  it('refuses read blocks that are not a section’s: negative, fractional, too far or too many', async () => {
    const { router, handlers } = setup();
    const frame = { senderFrame: appFrame };
    const report = (read: unknown) =>
      router.dispatch('reading:record-position', frame, { sectionId: 'step-1', position: 0, read });
    for (const read of [[-1], [0.5], [MAX_READING_BLOCKS], Array(MAX_READING_BLOCKS + 1).fill(0)]) {
      await expect(report(read)).resolves.toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', message: expect.stringContaining('read') },
      });
    }
    expect(handlers.recordReadingPosition).not.toHaveBeenCalled();
  });

  it('passes main’s own errors through with their kind', async () => {
    const { router } = setup({
      unlockVault: () => {
        throw wrongPassphrase();
      },
      recoverVault: () => {
        throw tryLater(4000);
      },
      trashItem: () => {
        throw new AppError('not-found', 'That item was not found');
      },
    });
    const frame = { senderFrame: appFrame };
    await expect(router.dispatch('vault:unlock', frame, { passphrase: 'nope' })).resolves.toEqual({
      ok: false,
      error: { kind: 'wrong-passphrase', message: wrongPassphrase().message },
    });
    await expect(
      router.dispatch('vault:recover', frame, { recoveryKey: 'K', passphrase: 'long enough' }),
    ).resolves.toMatchObject({ ok: false, error: { kind: 'try-later', retryAfterMs: 4000 } });
    await expect(router.dispatch('notebook:trash', frame, { id: '0'.repeat(32) })).resolves.toEqual(
      {
        ok: false,
        error: { kind: 'not-found', message: 'That item was not found' },
      },
    );
  });

  it('refuses a new passphrase that is too short, or absurdly long', async () => {
    const { router, handlers } = setup();
    const frame = { senderFrame: appFrame };
    const short = await router.dispatch('vault:create', frame, { passphrase: 'short' });
    const flood = await router.dispatch('vault:unlock', frame, {
      passphrase: 'x'.repeat(1024 * 1024),
    });
    expect(short).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringContaining('passphrase') },
    });
    expect(flood).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(handlers.createVault).not.toHaveBeenCalled();
    expect(handlers.unlockVault).not.toHaveBeenCalled();
  });

  it.each([
    ['vault:create', { passphrase: ' '.repeat(12) }, 'passphrase'],
    ['vault:change-passphrase', { current: 'the old one', next: '\t \u00a0'.repeat(4) }, 'next'],
  ])('refuses a new passphrase of spaces only on %s', async (channel, input, field) => {
    const { router, handlers } = setup();
    const result = await router.dispatch(channel, { senderFrame: appFrame }, input);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringContaining(field) },
    });
    expect(handlers.createVault).not.toHaveBeenCalled();
    expect(handlers.changePassphrase).not.toHaveBeenCalled();
  });

  it('names a full, read-only or forbidden disk, rather than a failure inside', async () => {
    const frame = { senderFrame: appFrame };
    for (const [code, kind] of [
      ['ENOSPC', 'disk-full'],
      ['EROFS', 'disk-read-only'],
      ['EACCES', 'disk-denied'],
    ] as const) {
      const { router } = setup({
        changePassphrase: () => {
          throw asDiskError(Object.assign(new Error('no'), { code }));
        },
      });
      await expect(
        router.dispatch('vault:change-passphrase', frame, {
          current: 'the old one',
          next: 'the new one',
        }),
      ).resolves.toMatchObject({ ok: false, error: { kind } });
    }
  });

  it('answers an unknown channel with an error', async () => {
    const { router } = setup();
    const result = await router.dispatch('vault:dump', { senderFrame: appFrame }, undefined);
    expect(result).toMatchObject({ ok: false, error: { kind: 'unknown-channel' } });
    expect(JSON.stringify(result)).not.toContain('vault:dump');
  });

  it('hides what a failing handler said, and logs only the kind of error', async () => {
    const { router, logger } = setup({
      getReadingState: () => {
        throw new TypeError('could not read "my private words"');
      },
    });
    const result = await router.dispatch('reading:get', { senderFrame: appFrame }, undefined);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'reading:get could not be completed' },
    });
    expect(logger.lines.map((l) => l.line).join()).toContain('TypeError');
    expect(logger.lines.map((l) => l.line).join()).not.toContain('private');
  });

  it('registers one handler for every channel of the contract', () => {
    const { router } = setup();
    const channels: string[] = [];
    router.register({ handle: (channel) => channels.push(channel) });
    expect(channels.sort()).toEqual(Object.values(INVOKE_CHANNELS).sort());
  });
});

describe('isTrustedSender', () => {
  it('accepts the dev server origin only when it is listed', () => {
    const frame = { url: 'http://localhost:5173/', parent: null };
    expect(isTrustedSender(frame, ['app://stillwater'])).toBe(false);
    expect(isTrustedSender(frame, ['app://stillwater', 'http://localhost:5173'])).toBe(true);
  });
});
