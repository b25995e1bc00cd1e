import type { Logger } from '../logger';
import { APP_ORIGIN } from './app-protocol';

/** The parts of Electron's Session that the policy sets. */
export interface PolicySession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setSpellCheckerEnabled(enabled: boolean): void;
  setSpellCheckerDictionaryDownloadURL(url: string): void;
  on(event: 'will-download', listener: (event: { preventDefault(): void }) => void): unknown;
  webRequest: {
    onBeforeRequest(
      listener: (
        details: { url: string },
        callback: (response: { cancel: boolean }) => void,
      ) => void,
    ): void;
  };
}

export interface SessionPolicyOptions {
  /** URL prefixes the page may load: the app origin, and the dev server during development. */
  allowedUrlPrefixes: readonly string[];
  logger: Logger;
}

export interface SessionPolicy {
  /** How many requests were cancelled because they tried to leave the app. */
  cancelledRequestCount(): number;
}

/**
 * The one permission the page may have: writing plain text to the clipboard, for "Copy" on
 * the recovery key. Reading the clipboard, and everything else, is refused.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * Where Chromium would download spell-checking dictionaries from: the app's own origin, which
 * serves none. The spell-checker only ever runs on macOS, which needs no dictionaries
 * (src/main/privacy/spell-check.ts); this keeps even a stray download on the computer.
 */
export const LOCAL_DICTIONARY_URL = `${APP_ORIGIN}/no-dictionaries/`;

export function isAllowedUrl(url: string, allowedUrlPrefixes: readonly string[]): boolean {
  return allowedUrlPrefixes.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
}

/**
 * Electron grants permissions by default and fetches spellcheck dictionaries on Linux and
 * Windows; the app needs neither, and must never reach the network. The spell-checker starts
 * off; only the person's choice, where it sends nothing out, turns it on.
 */
export function applySessionPolicy(
  session: PolicySession,
  { allowedUrlPrefixes, logger }: SessionPolicyOptions,
): SessionPolicy {
  let cancelled = 0;
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    const granted = GRANTED_PERMISSIONS.has(permission);
    if (!granted) logger.warn(`denied a request for the ${permission} permission`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_webContents, permission) =>
    GRANTED_PERMISSIONS.has(permission),
  );
  session.setSpellCheckerEnabled(false);
  session.setSpellCheckerDictionaryDownloadURL(LOCAL_DICTIONARY_URL);
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedUrl(details.url, allowedUrlPrefixes);
    if (!allowed) {
      cancelled += 1;
      // Only the scheme: the full URL could carry something the user typed.
      logger.warn(`cancelled a request to a ${details.url.split(':')[0] ?? 'unknown'}: URL`);
    }
    callback({ cancel: !allowed });
  });
  return { cancelledRequestCount: () => cancelled };
}
