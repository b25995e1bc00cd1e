import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestMainApp } from '../../../test/support/test-main-app';
import { tempDirs } from '../../../test/support/temp-dir';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { DEFAULT_PRIVACY_SETTINGS } from '../../shared/privacy/model';
import { DEFAULT_READER_PREFERENCES } from '../../shared/preferences/model';
import { APP_ENTRY_URL } from '../security/app-protocol';
import { spellCheckAvailableOn, spellCheckOn } from './spell-check';

const makeDir = tempDirs('stillwater-spell-check-');
const fromThePage = { senderFrame: { url: APP_ENTRY_URL, parent: null } };

/** A settings file from an earlier run, in which spell-checking was chosen. */
function chosenBefore(userData: string): void {
  writeFileSync(
    path.join(userData, 'settings.json'),
    JSON.stringify({
      ...DEFAULT_READER_PREFERENCES,
      spellCheck: true,
      ...DEFAULT_PRIVACY_SETTINGS,
      window: null,
    }),
  );
}

describe('where spelling may be checked', () => {
  it('is only macOS, whose own checker sends nothing out', () => {
    expect(spellCheckAvailableOn('darwin')).toBe(true);
    for (const platform of ['win32', 'linux', 'freebsd', 'openbsd'] as const) {
      expect(spellCheckAvailableOn(platform)).toBe(false);
    }
  });

  it('is on only when chosen, and only where it is available', () => {
    expect(spellCheckOn(true, true)).toBe(true);
    expect(spellCheckOn(true, false)).toBe(false);
    expect(spellCheckOn(false, true)).toBe(false);
    expect(spellCheckOn(false, false)).toBe(false);
  });
});

describe('main and the spell-checker', () => {
  /** Asks main, as the page's settings do, to check spelling or not. */
  async function choose(main: ReturnType<typeof startTestMainApp>, spellCheck: boolean) {
    const answer = await main.router.dispatch(INVOKE_CHANNELS.updatePreferences, fromThePage, {
      spellCheck,
    });
    expect(answer).toMatchObject({ ok: true, value: { spellCheck } });
  }

  it('on a Mac, starts off and follows the choice as it changes', async () => {
    const main = startTestMainApp(makeDir(), undefined, { spellCheckAvailable: true });
    expect(main.spellChecker).toEqual([false]);
    expect(main.services.privacy.status().spellCheckAvailable).toBe(true);
    await choose(main, true);
    await choose(main, false);
    expect(main.spellChecker).toEqual([false, true, false]);
  });

  it('on a Mac, starts on when it was chosen before', () => {
    const userData = makeDir();
    chosenBefore(userData);
    const main = startTestMainApp(userData, undefined, { spellCheckAvailable: true });
    expect(main.spellChecker).toEqual([true]);
  });

  it('elsewhere, stays off whatever the settings file or the page says', async () => {
    const userData = makeDir();
    chosenBefore(userData);
    const main = startTestMainApp(userData, undefined, { spellCheckAvailable: false });
    expect(main.services.privacy.status().spellCheckAvailable).toBe(false);
    // The page is told it is off, so none of its fields asks the browser to check either.
    const startup = await main.router.dispatch(INVOKE_CHANNELS.getStartup, fromThePage, undefined);
    expect(startup).toMatchObject({ ok: true, value: { preferences: { spellCheck: false } } });
    await choose(main, false);
    const answer = await main.router.dispatch(INVOKE_CHANNELS.updatePreferences, fromThePage, {
      spellCheck: true,
    });
    expect(answer).toMatchObject({ ok: true, value: { spellCheck: false } });
    expect(main.spellChecker).toEqual([false, false, false]);
  });
});
