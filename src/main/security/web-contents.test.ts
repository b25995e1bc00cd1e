import { describe, expect, it } from 'vitest';
import { DENIED_WEB_CONTENTS_EVENTS, hardenWebContents } from './web-contents';

describe('hardenWebContents', () => {
  it('denies new windows and prevents navigation, redirects and webviews', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    hardenWebContents({
      setWindowOpenHandler: (handler) => (openHandler = handler),
      on: (event, listener) => listeners.set(event, listener),
    });

    expect(openHandler?.()).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) });
      expect(prevented, event).toBe(true);
    }
    expect([...listeners.keys()]).toEqual([...DENIED_WEB_CONTENTS_EVENTS]);
  });
});
