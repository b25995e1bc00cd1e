import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';
import type { MainServices } from '../../src/main/ipc/handlers';
import { APP_ENTRY_URL } from '../../src/main/security/app-protocol';
import { VAULT_FOLDER } from '../../src/main/services';
import { READING_STATE_KIND } from '../../src/main/reading/reading-service';
import { HEADER_FILE, LOCK_FILE, RECORDS_DIR } from '../../src/main/vault/format';
import { decodeHeader, encodeHeader, type Header } from '../../src/main/vault/header-format';
import { acquireProcessLock } from '../../src/main/vault/process-lock';
import { makeApi, makeBridge, type StillwaterApi } from '../../src/shared/ipc/api';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type InvokeMethod } from '../../src/shared/ipc/channels';
import type { InputOf, OutputOf } from '../../src/shared/ipc/contract';
import type { IpcResult } from '../../src/shared/ipc/result';
import type { MenuCommand } from '../../src/shared/menu-commands';
import type { Notebook } from '../../src/shared/notebook/model';
import { captureLogger } from './capture-logger';
import type { ScriptedDialogs } from './scripted-dialogs';
import { startTestMainApp } from './test-main-app';

// The jsdom environment puts the page's typed arrays on the global object, and Node's
// Buffer is not one of them; the libraries main uses check bytes with `instanceof
// Uint8Array`. Main runs in Node, so it gets Node's own back: the one Buffer extends.
globalThis.Uint8Array = Object.getPrototypeOf(Buffer.prototype)
  .constructor as Uint8ArrayConstructor;

/**
 * The real main process for component tests: every service on a fresh folder, behind the
 * real IPC router, reached through the same bridge and API the preload and the page build.
 * What a test wants from main (a full vault, a wrong passphrase, a damaged file) it makes
 * happen for real, through the API or on disk; nothing here answers in main's place.
 */
export const TEST_PASSPHRASE = 'correct horse battery';

export interface Answer<M extends InvokeMethod> {
  input: InputOf<M>;
  result: IpcResult<OutputOf<M>>;
}

/**
 * What can happen to the vault's files from outside Stillwater, done for real on disk. Done
 * while the vault is locked, it is what Stillwater finds when it next opens them.
 */
export interface VaultFiles {
  /**
   * Moves the records folder away and leaves an empty file in its place, as a sync tool
   * caught half-way might; returns what puts it back.
   */
  displaceRecordsFolder(): () => void;
  readRecord(id: string): Buffer;
  writeRecord(id: string, bytes: Buffer): void;
  removeRecord(id: string): void;
  /** Flips the last bit of a record's seal, as a failing disk would. */
  damageRecord(id: string): void;
  /** Changes one byte of the header, so it no longer matches its checksum. */
  damageHeader(): void;
  /** Rewrites the header as a newer Stillwater would have, with a format version above ours. */
  writeNewerHeader(): void;
  /** Takes the vault's process lock, as a second Stillwater would; returns its release. */
  holdLock(): Promise<() => Promise<void>>;
}

export interface RealMain {
  api: StillwaterApi;
  services: MainServices;
  /** The recovery key the vault was created with; null when it was left uncreated. */
  recoveryKey: string | null;
  files: VaultFiles;
  /** Shortcuts another program holds, so main cannot take them for quick hide. */
  heldElsewhere: Set<string>;
  /** Each time main set the session's spell-checker on or off, in order. */
  spellChecker: readonly boolean[];
  /** The save and open dialogs, answered as the test says. */
  dialogs: ScriptedDialogs;
  /** The folder main keeps its settings and vault in. */
  userData: string;
  /** The id of the record that holds the reading position. */
  readingStateId(): string;
  /** Every call the page made on `method`, with main's answer, in order. */
  answers<M extends InvokeMethod>(method: M): Answer<M>[];
  /** The method of every call main has answered so far, on any channel, in the order answered. */
  answeredMethods(): InvokeMethod[];
  /** The inputs of the calls on `method` that main carried out, in order. */
  inputsHandled<M extends InvokeMethod>(method: M): InputOf<M>[];
  /** Resolves once main has answered every call the page has made so far. */
  settled(): Promise<void>;
  /** Sends a menu command the way main's application menu does. */
  sendMenuCommand(command: MenuCommand): void;
  notebook(): Promise<Notebook>;
  items(): Promise<Notebook['items']>;
  trash(): Promise<Notebook['trash']>;
  drafts(): Promise<Notebook['drafts']>;
  /** Whether `passphrase` opens the vault now: it locks the vault and tries it. */
  passphraseOpens(passphrase: string): Promise<boolean>;
}

const closers: (() => Promise<void>)[] = [];

// The page goes first, so its last saves reach main while main is still there; then main
// finishes what it was asked, locks, and its folder goes.
afterEach(async () => {
  cleanup();
  for (const close of closers.splice(0)) await close();
});

/**
 * Opens main on a fresh folder, its vault as asked: open (the default), locked, or not made;
 * on a system that checks spelling on the computer (macOS) or, by default, one that does not.
 */
export async function openRealMain({
  vault = 'unlocked',
  passphrase = TEST_PASSPHRASE,
  spellCheckAvailable = false,
}: {
  vault?: 'none' | 'locked' | 'unlocked';
  passphrase?: string;
  spellCheckAvailable?: boolean;
} = {}): Promise<RealMain> {
  const userData = mkdtempSync(path.join(tmpdir(), 'stillwater-component-'));
  const vaultDir = path.join(userData, VAULT_FOLDER);
  const logger = captureLogger('main');
  const { services, router, heldElsewhere, spellChecker, dialogs, page } = startTestMainApp(
    userData,
    logger,
    { spellCheckAvailable },
  );
  const methodOf = new Map<string, InvokeMethod>(
    Object.entries(INVOKE_CHANNELS).map(([method, channel]) => [channel, method as InvokeMethod]),
  );
  const calls: { method: InvokeMethod; input: unknown; result: IpcResult<unknown> }[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  // Once the test is over its page is gone, as a window closed: whatever its leftover timers
  // still send reaches no main, and is never answered.
  let pageClosed = false;
  const bridge = makeBridge({
    invoke(channel, input) {
      if (pageClosed) return new Promise<never>(() => {});
      // Electron copies what crosses, both ways, with the structured clone algorithm.
      const sent = input === undefined ? undefined : structuredClone(input);
      const dispatched = router
        .dispatch(channel, { senderFrame: { url: APP_ENTRY_URL, parent: null } }, sent)
        .then((result) => {
          const method = methodOf.get(channel);
          if (method) calls.push({ method, input: sent, result });
          return structuredClone(result);
        });
      inFlight.add(dispatched);
      void dispatched.finally(() => inFlight.delete(dispatched));
      return dispatched;
    },
    subscribe(channel, listener) {
      const forChannel = listeners.get(channel) ?? new Set();
      listeners.set(channel, forChannel);
      forChannel.add(listener);
      return () => forChannel.delete(listener);
    },
  });

  page.onProgress((progress) =>
    listeners.get(EVENT_CHANNELS.onTaskProgress)?.forEach((listener) => listener(progress)),
  );

  const settled = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  closers.push(async () => {
    pageClosed = true;
    await settled();
    await services.vault.lock().catch(() => {});
    rmSync(userData, { recursive: true, force: true });
  });

  let recoveryKey: string | null = null;
  if (vault !== 'none') recoveryKey = await services.vault.create(passphrase);
  if (vault === 'locked') await services.vault.lock();

  const answers = <M extends InvokeMethod>(method: M) =>
    calls.filter((call) => call.method === method) as unknown as Answer<M>[];
  const notebook = () => services.notebook.notebook();

  return {
    api: makeApi(bridge),
    services,
    recoveryKey,
    files: vaultFiles(vaultDir),
    heldElsewhere,
    spellChecker,
    dialogs,
    userData,
    readingStateId: () => services.vault.current().singletonId(READING_STATE_KIND),
    answers,
    answeredMethods: () => calls.map((call) => call.method),
    inputsHandled: (method) =>
      answers(method)
        .filter((answer) => answer.result.ok)
        .map((answer) => answer.input),
    settled,
    sendMenuCommand(command) {
      listeners.get(EVENT_CHANNELS.onMenuCommand)?.forEach((listener) => listener(command));
    },
    notebook,
    items: async () => (await notebook()).items,
    trash: async () => (await notebook()).trash,
    drafts: async () => (await notebook()).drafts,
    async passphraseOpens(candidate) {
      await services.vault.lock();
      return services.vault.unlock(candidate).then(
        () => true,
        () => false,
      );
    },
  };
}

function vaultFiles(vaultDir: string): VaultFiles {
  const recordFile = (id: string) => path.join(vaultDir, RECORDS_DIR, `${id}.rec`);
  const headerFile = path.join(vaultDir, HEADER_FILE);
  return {
    displaceRecordsFolder() {
      const records = path.join(vaultDir, RECORDS_DIR);
      renameSync(records, `${records}.away`);
      writeFileSync(records, '');
      return () => {
        rmSync(records);
        renameSync(`${records}.away`, records);
      };
    },
    readRecord: (id) => readFileSync(recordFile(id)),
    writeRecord: (id, bytes) => writeFileSync(recordFile(id), bytes),
    removeRecord: (id) => rmSync(recordFile(id)),
    damageRecord(id) {
      const bytes = readFileSync(recordFile(id));
      bytes.writeUInt8((bytes.at(-1) ?? 0) ^ 1, bytes.length - 1);
      writeFileSync(recordFile(id), bytes);
    },
    damageHeader() {
      writeFileSync(headerFile, readFileSync(headerFile, 'utf8').replace('"kdf"', '"kdF"'));
    },
    writeNewerHeader() {
      const header = decodeHeader(readFileSync(headerFile));
      writeFileSync(headerFile, encodeHeader({ ...header, version: 3 } as unknown as Header));
    },
    async holdLock() {
      const held = await acquireProcessLock(path.join(vaultDir, LOCK_FILE));
      return () => held.release();
    },
  };
}
