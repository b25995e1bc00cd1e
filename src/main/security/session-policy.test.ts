import { describe, expect, it } from 'vitest';
import { captureLogger } from '../../../test/support/capture-logger';
import { APP_ORIGIN } from './app-protocol';
import {
  LOCAL_DICTIONARY_URL,
  applySessionPolicy,
  isAllowedUrl,
  type PolicySession,
} from './session-policy';

function fakeSession() {
  const handlers: {
    permissionRequest?: Parameters<PolicySession['setPermissionRequestHandler']>[0];
    permissionCheck?: (webContents: unknown, permission: string) => boolean;
    beforeRequest?: Parameters<PolicySession['webRequest']['onBeforeRequest']>[0];
    willDownload?: (event: { preventDefault(): void }) => void;
    spellChecker?: boolean;
    dictionaryUrl?: string;
  } = {};
  const session: PolicySession = {
    setPermissionRequestHandler: (handler) => (handlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler) => (handlers.permissionCheck = handler),
    setSpellCheckerEnabled: (enabled) => (handlers.spellChecker = enabled),
    setSpellCheckerDictionaryDownloadURL: (url) => (handlers.dictionaryUrl = url),
    on: (_event, listener) => (handlers.willDownload = listener),
    webRequest: { onBeforeRequest: (listener) => (handlers.beforeRequest = listener) },
  };
  return { session, handlers };
}

function request(
  handlers: ReturnType<typeof fakeSession>['handlers'],
  url: string,
): { cancel: boolean } {
  let answer: { cancel: boolean } | undefined;
  handlers.beforeRequest?.({ url }, (response) => (answer = response));
  if (!answer) throw new Error('the policy did not answer');
  return answer;
}

describe('applySessionPolicy', () => {
  it('denies every permission request and check but writing to the clipboard', () => {
    const { session, handlers } = fakeSession();
    applySessionPolicy(session, {
      allowedUrlPrefixes: ['app://stillwater'],
      logger: captureLogger(),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      let granted: boolean | undefined;
      handlers.permissionRequest?.({}, permission, (answer) => (granted = answer));
      expect(granted).toBe(false);
    }
    expect(handlers.permissionCheck?.({}, 'clipboard-read')).toBe(false);
    expect(handlers.permissionCheck?.({}, 'media')).toBe(false);
    let clipboardWrite: boolean | undefined;
    handlers.permissionRequest?.(
      {},
      'clipboard-sanitized-write',
      (answer) => (clipboardWrite = answer),
    );
    expect(clipboardWrite).toBe(true);
    expect(handlers.permissionCheck?.({}, 'clipboard-sanitized-write')).toBe(true);
  });

  it('turns the spellchecker off so no dictionary is downloaded', () => {
    const { session, handlers } = fakeSession();
    applySessionPolicy(session, {
      allowedUrlPrefixes: ['app://stillwater'],
      logger: captureLogger(),
    });
    expect(handlers.spellChecker).toBe(false);
  });

  it('points any dictionary download at the app itself, never at a server', () => {
    const { session, handlers } = fakeSession();
    applySessionPolicy(session, {
      allowedUrlPrefixes: ['app://stillwater'],
      logger: captureLogger(),
    });
    expect(handlers.dictionaryUrl).toBe(LOCAL_DICTIONARY_URL);
    expect(isAllowedUrl(LOCAL_DICTIONARY_URL, [APP_ORIGIN])).toBe(true);
    expect(LOCAL_DICTIONARY_URL).not.toMatch(/^(https?|ftp|wss?):/);
  });

  it('cancels every request outside the app, and counts them', () => {
    const { session, handlers } = fakeSession();
    const logger = captureLogger();
    const policy = applySessionPolicy(session, {
      allowedUrlPrefixes: ['app://stillwater'],
      logger,
    });
    expect(request(handlers, 'app://stillwater/index.html')).toEqual({ cancel: false });
    expect(request(handlers, 'https://example.org/track?note=secret')).toEqual({ cancel: true });
    expect(request(handlers, 'app://stillwater.evil/x')).toEqual({ cancel: true });
    expect(request(handlers, 'file:///etc/passwd')).toEqual({ cancel: true });
    expect(request(handlers, 'ws://127.0.0.1:9/')).toEqual({ cancel: true });
    expect(policy.cancelledRequestCount()).toBe(4);
    expect(logger.lines.map((l) => l.line).join('\n')).not.toContain('secret');
  });

  it('refuses downloads', () => {
    const { session, handlers } = fakeSession();
    applySessionPolicy(session, {
      allowedUrlPrefixes: ['app://stillwater'],
      logger: captureLogger(),
    });
    let prevented = false;
    handlers.willDownload?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('isAllowedUrl', () => {
  it('matches whole origins, not prefixes of a host name', () => {
    expect(isAllowedUrl('app://stillwater', ['app://stillwater'])).toBe(true);
    expect(isAllowedUrl('app://stillwater/a.js', ['app://stillwater'])).toBe(true);
    expect(isAllowedUrl('app://stillwaterx/a.js', ['app://stillwater'])).toBe(false);
  });
});
