import type { PrivacySettings, PrivacyStatus } from '../../shared/privacy/model';
import { AppError } from '../app-error';
import type { SettingsService } from '../settings/settings-service';

export interface PrivacyControlsOptions {
  settings: SettingsService;
  contentProtectionAvailable: boolean;
  spellCheckAvailable: boolean;
  blockedRequests: () => number;
  /** Applies the settings to the running app: shortcut, content protection. */
  apply: (settings: PrivacySettings) => void;
  panic: () => Promise<void>;
  /** Takes the quick hide shortcut from the OS; false when another program holds it. */
  useShortcut: (accelerator: string) => boolean;
  clearClipboardLater: (text: string) => void;
}

/** What the privacy settings page reads and changes, and the panic and clipboard actions. */
export function createPrivacyControls(options: PrivacyControlsOptions) {
  const status = (): PrivacyStatus => ({
    settings: options.settings.privacySettings(),
    contentProtectionAvailable: options.contentProtectionAvailable,
    spellCheckAvailable: options.spellCheckAvailable,
    blockedRequests: options.blockedRequests(),
  });
  options.apply(options.settings.privacySettings());
  return {
    status,
    /** Fixed for the life of the app: whether spelling can be checked without sending anything. */
    spellCheckAvailable: options.spellCheckAvailable,
    /** Saves the patch; a shortcut another program holds is refused, and nothing is saved. */
    update(patch: Partial<PrivacySettings>): PrivacyStatus {
      if (patch.panicShortcut !== undefined && !options.useShortcut(patch.panicShortcut)) {
        throw new AppError('shortcut-taken', 'another program holds that shortcut');
      }
      options.settings.updatePrivacySettings(patch);
      options.apply(options.settings.privacySettings());
      return status();
    },
    panic: options.panic,
    clearClipboardLater(text: string): void {
      if (options.settings.privacySettings().clearClipboard) options.clearClipboardLater(text);
    },
  };
}
export type PrivacyControls = ReturnType<typeof createPrivacyControls>;
