import { EventEmitter } from 'node:events';
import type { Logger } from '../../src/main/logger';
import { APP_ORIGIN } from '../../src/main/security/app-protocol';
import { createMainApp, type MainApp, type MainPage } from '../../src/main/main-app';
import type { PowerMonitorLike } from '../../src/main/privacy/auto-lock';
import type { GlobalShortcutLike } from '../../src/main/privacy/panic';
import type { TaskProgress } from '../../src/shared/backup/schemas';
import type { MenuCommand } from '../../src/shared/menu-commands';
import { captureLogger } from './capture-logger';
import { ScriptedDialogs } from './scripted-dialogs';
import { openConfSettingsFile } from './settings-file';
import { FAST_KDF } from './vault-fixtures';

/** A page that keeps what main asked of it, and lets the test minimise its window. */
export class RecordingPage implements MainPage {
  readonly sent: MenuCommand[] = [];
  readonly contentProtection: boolean[] = [];
  readonly progressTold: TaskProgress[] = [];
  reloads = 0;
  readonly #events = new EventEmitter();

  reload(): void {
    this.reloads += 1;
    this.#events.emit('reload');
  }
  send(command: MenuCommand): void {
    this.sent.push(command);
  }
  setContentProtection(on: boolean): void {
    this.contentProtection.push(on);
  }
  onMinimise(listener: () => void): void {
    this.#events.on('minimise', listener);
  }
  progress(progress: TaskProgress): void {
    this.progressTold.push(progress);
    this.#events.emit('progress', progress);
  }
  /** Hears each report of progress, as the page's bridge would. */
  onProgress(listener: (progress: TaskProgress) => void): void {
    this.#events.on('progress', listener);
  }
  /** jsdom lays nothing out; printing is tested in a real browser (test/e2e). */
  printToPdf(): Promise<Uint8Array> {
    return Promise.reject(new Error('A page in jsdom cannot be printed'));
  }
  minimise(): void {
    this.#events.emit('minimise');
  }
  /** Resolves at the next reload: main's sign that the vault has locked. */
  nextReload(): Promise<void> {
    return new Promise((resolve) => this.#events.once('reload', () => resolve()));
  }
}

/** The system as auto-lock sees it: an idle time the test sets, and events it sends. */
export class TestPowerMonitor implements PowerMonitorLike {
  idleSeconds = 0;
  readonly #events = new EventEmitter();
  on(event: 'lock-screen' | 'suspend', listener: () => void): void {
    this.#events.on(event, listener);
  }
  getSystemIdleTime(): number {
    return this.idleSeconds;
  }
  emit(event: 'lock-screen' | 'suspend'): void {
    this.#events.emit(event);
  }
}

export interface TestMainApp extends MainApp<RecordingPage> {
  readonly power: TestPowerMonitor;
  /** The system clipboard: what any program, Stillwater or another, last put there. */
  readonly clipboard: { text: string };
  /** The global shortcuts main holds, by accelerator: calling one is pressing it. */
  readonly shortcuts: Map<string, () => void>;
  /** Shortcuts another program holds: main cannot register them. */
  readonly heldElsewhere: Set<string>;
  /** How many times main hid every window. */
  hidden(): number;
  /** Each time main set the session's spell-checker on or off, in order. */
  readonly spellChecker: boolean[];
  /** The save and open dialogs, answered as the test says. */
  readonly dialogs: ScriptedDialogs;
}

export interface TestMainAppOptions {
  /** As on macOS, where spelling is checked on the computer; off, as on Windows and Linux. */
  spellCheckAvailable?: boolean;
}

/**
 * The whole main side, as createMainApp wires it for the app, on a throwaway folder: the OS
 * is replaced by recorders, and auto-lock's clock never ticks by itself.
 */
export function startTestMainApp(
  userData: string,
  logger: Logger = captureLogger(),
  { spellCheckAvailable = false }: TestMainAppOptions = {},
): TestMainApp {
  const power = new TestPowerMonitor();
  const shortcuts = new Map<string, () => void>();
  const heldElsewhere = new Set<string>();
  const shortcutPort: GlobalShortcutLike = {
    register: (accelerator, callback) =>
      !heldElsewhere.has(accelerator) && (shortcuts.set(accelerator, callback), true),
    unregister: (accelerator) => void shortcuts.delete(accelerator),
  };
  let hidden = 0;
  const clipboard = { text: '' };
  const spellChecker: boolean[] = [];
  const dialogs = new ScriptedDialogs();
  const main = createMainApp({
    dialogs,
    userData,
    openSettingsFile: openConfSettingsFile,
    openPage: () => new RecordingPage(),
    clipboard: { readText: () => clipboard.text, clear: () => void (clipboard.text = '') },
    shortcuts: shortcutPort,
    power,
    hideAllWindows: () => (hidden += 1),
    contentProtectionAvailable: false,
    spellChecker: { setSpellCheckerEnabled: (on) => void spellChecker.push(on) },
    spellCheckAvailable,
    blockedRequests: () => 0,
    trustedOrigins: [APP_ORIGIN],
    logger: () => logger,
    kdf: FAST_KDF,
    autoLockClock: { pollMs: 60_000, setInterval: () => 0 },
    automaticBackupClock: { pollMs: 60_000, setInterval: () => 0 },
  });
  return Object.assign(main, {
    power,
    shortcuts,
    heldElsewhere,
    clipboard,
    spellChecker,
    dialogs,
    hidden: () => hidden,
  });
}
