import path from 'node:path';
import type { TaskProgress } from '../shared/backup/schemas';
import type { MenuCommand } from '../shared/menu-commands';
import { createAutomaticBackup } from './backup/automatic-backup';
import { BackupService } from './backup/backup-service';
import { ExportService } from './export/export-service';
import type { FileDialogs } from './backup/file-dialogs';
import { CLIPBOARD_CLEAR_SECONDS, type PrivacySettings } from '../shared/privacy/model';
import { createIpcHandlers, type MainServices } from './ipc/handlers';
import { createIpcRouter, type IpcRouter } from './ipc/ipc-router';
import { createLogger, type Logger } from './logger';
import { startAutoLock, type PowerMonitorLike } from './privacy/auto-lock';
import { createClipboardGuard, type ClipboardLike } from './privacy/clipboard-guard';
import { createPanic, type GlobalShortcutLike } from './privacy/panic';
import { createPrivacyControls } from './privacy/privacy-controls';
import { followSpellCheckSetting, type SpellCheckerLike } from './privacy/spell-check';
import { SAFETY_COPIES_FOLDER, openSettings, openVaultServices } from './services';
import type { SettingsService } from './settings/settings-service';
import type { OpenSettingsFile } from './storage/validated-store';
import type { KdfSettings } from './vault/vault';
import { lockAfterSaving } from './window/page-handshakes';

/** The window and the page in it, as main acts on them. */
export interface MainPage {
  /** Starts the page again from nothing: after a lock, it holds nothing decrypted. */
  reload(): void;
  /** Sends a command to the page, as the application menu does. */
  send(command: MenuCommand): void;
  /** Keeps the window out of screenshots and screen sharing, or lets it back in. */
  setContentProtection(on: boolean): void;
  onMinimise(listener: () => void): void;
  /** Tells the page how far a long backup or restore has come. */
  progress(progress: TaskProgress): void;
  /** What the page shows, as its print styles lay it out, as a PDF. */
  printToPdf(): Promise<Uint8Array>;
}

export interface PollingClock {
  pollMs: number;
  setInterval(callback: () => void, ms: number): unknown;
}

export interface MainAppPorts<Page extends MainPage> {
  /** The folder Stillwater keeps its settings file and its vault in. */
  userData: string;
  openSettingsFile: OpenSettingsFile;
  /**
   * Opens the window the page lives in, placed from the saved settings. Called once, before
   * anything can lock the vault, since every lock reloads the page.
   */
  openPage(settings: SettingsService): Page;
  clipboard: ClipboardLike;
  /** The system's save and open dialogs: every file main writes or reads is chosen there. */
  dialogs: FileDialogs;
  shortcuts: GlobalShortcutLike;
  power: PowerMonitorLike;
  hideAllWindows(): void;
  /** Only some systems can keep a window out of screenshots. */
  contentProtectionAvailable: boolean;
  /** The session's spell-checker, which main turns on only where that sends nothing out. */
  spellChecker: SpellCheckerLike;
  /** Whether spelling can be checked on the computer alone: spellCheckAvailableOn(platform). */
  spellCheckAvailable: boolean;
  /** How many requests the session policy has refused, for the privacy page. */
  blockedRequests(): number;
  /** Origins ("app://stillwater") whose top frame may call main. */
  trustedOrigins: readonly string[];
  logger?: (name: string) => Logger;
  /** Fixed KDF settings for tests; the app calibrates. */
  kdf?: KdfSettings;
  /** How often auto-lock looks at the idle time, and the clock that does it. */
  autoLockClock?: PollingClock;
  /** How often automatic backups look whether one is due, and the clock that does it. */
  automaticBackupClock?: PollingClock;
}

/**
 * Everything main does, wired once, with the OS reached only through `ports`: the app hands
 * it Electron's objects, and the end-to-end tests a browser page and stand-ins.
 */
export class MainApp<Page extends MainPage = MainPage> {
  readonly page: Page;
  readonly services: MainServices;
  /** Every call from the page goes through it; the app registers it with ipcMain. */
  readonly router: IpcRouter;
  readonly #contentProtectionAvailable: boolean;
  readonly #panic: ReturnType<typeof createPanic>;
  readonly #log: Logger;

  constructor(ports: MainAppPorts<Page>) {
    const logger = ports.logger ?? createLogger;
    this.#contentProtectionAvailable = ports.contentProtectionAvailable;
    this.#log = logger('main');
    const settings = openSettings(ports.userData, ports.openSettingsFile, logger('storage'));
    const page = ports.openPage(settings);
    this.page = page;
    const stored = openVaultServices({
      userData: ports.userData,
      logger: logger('storage'),
      ...(ports.kdf ? { kdf: ports.kdf } : {}),
      // Locking reloads the page: it then holds nothing decrypted, and starts at the lock screen.
      onLocked: () => page.reload(),
    });
    const { vault } = stored;
    const clipboardGuard = createClipboardGuard(ports.clipboard, CLIPBOARD_CLEAR_SECONDS * 1000);
    // What was copied from behind the lock goes with it, whatever locked it.
    vault.onLock({ save: () => clipboardGuard.clearNow() });
    this.#panic = createPanic({
      shortcuts: ports.shortcuts,
      hideAllWindows: ports.hideAllWindows,
      // Hide clears it too when the vault was locked already.
      lock: async () => {
        await clipboardGuard.clearNow();
        await vault.lock();
      },
    });
    const privacy = createPrivacyControls({
      settings,
      contentProtectionAvailable: ports.contentProtectionAvailable,
      spellCheckAvailable: ports.spellCheckAvailable,
      blockedRequests: ports.blockedRequests,
      apply: (chosen) => this.#applyPrivacy(chosen),
      // The one way to hide, from the shortcut and from the page's button alike.
      panic: () => this.#panic.panic(),
      useShortcut: (accelerator) => this.#panic.useShortcut(accelerator),
      clearClipboardLater: (text) => clipboardGuard.clearLater(text),
    });
    const backup = new BackupService({
      session: vault,
      notebook: stored.notebook,
      reading: stored.reading,
      dialogs: ports.dialogs,
      vaultDir: stored.vaultDir,
      safetyCopiesDir: path.join(ports.userData, SAFETY_COPIES_FOLDER),
      progress: (progress) => page.progress(progress),
    });
    const automaticBackup = createAutomaticBackup({
      settings: {
        get: () => settings.automaticBackup(),
        set: (patch) => settings.updateAutomaticBackup(patch),
      },
      isUnlocked: async () => (await vault.state()) === 'unlocked',
      backUp: (target) => backup.backUpTo(target),
      now: () => new Date(),
      setInterval: ports.automaticBackupClock?.setInterval ?? setInterval,
      logger: logger('backup'),
    });
    automaticBackup.start(
      ports.automaticBackupClock ? { pollMs: ports.automaticBackupClock.pollMs } : {},
    );
    // A backup that fell due while the vault was locked is written as soon as it opens.
    vault.onOpen(() => void automaticBackup.runIfDue());
    const exports = new ExportService({
      session: vault,
      dialogs: ports.dialogs,
      printToPdf: () => page.printToPdf(),
    });
    this.services = { settings, ...stored, privacy, backup, automaticBackup, exports };
    followSpellCheckSetting(settings, ports.spellChecker, ports.spellCheckAvailable);

    const autoLock = startAutoLock({
      power: ports.power,
      isUnlocked: async () => (await vault.state()) === 'unlocked',
      lock: () => vault.lock(),
      minutes: () => settings.privacySettings().autoLockMinutes,
      lockOnMinimise: () => settings.privacySettings().lockOnMinimise,
      ...ports.autoLockClock,
    });
    page.onMinimise(() => autoLock.minimised());

    this.router = createIpcRouter({
      handlers: createIpcHandlers(this.services),
      trustedOrigins: ports.trustedOrigins,
      logger: logger('ipc'),
    });
  }

  /** Locks as the menu does: the page saves what is pending and locks; main makes sure. */
  lockSoon(): void {
    lockAfterSaving(
      (command) => this.page.send(command),
      // Does nothing if the page has locked already.
      () => this.services.vault.lock(),
    );
  }

  #applyPrivacy({ panicShortcut, contentProtection }: PrivacySettings): void {
    if (!this.#panic.useShortcut(panicShortcut)) {
      this.#log.warn('the panic shortcut is taken by another program; keeping the previous one');
    }
    this.page.setContentProtection(this.#contentProtectionAvailable && contentProtection);
  }
}

export function createMainApp<Page extends MainPage>(ports: MainAppPorts<Page>): MainApp<Page> {
  return new MainApp(ports);
}
