import type { PrivacySettings, PrivacyStatus } from '../../shared/privacy/model';
import type { SettingsService } from '../settings/settings-service';

export interface PrivacyControlsOptions {
  settings: SettingsService;
  contentProtectionAvailable: boolean;
  blockedRequests: () => number;
  /** Applies the settings to the running app: shortcut, content protection. */
  apply: (settings: PrivacySettings) => void;
  panic: () => Promise<void>;
  clearClipboardLater: (text: string) => void;
}

/** What the privacy settings page reads and changes, and the panic and clipboard actions. */
export function createPrivacyControls(options: PrivacyControlsOptions) {
  const status = (): PrivacyStatus => ({
    settings: options.settings.privacySettings(),
    contentProtectionAvailable: options.contentProtectionAvailable,
    blockedRequests: options.blockedRequests(),
  });
  options.apply(options.settings.privacySettings());
  return {
    status,
    update(patch: Partial<PrivacySettings>): PrivacyStatus {
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
