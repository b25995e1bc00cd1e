import { describe, expect, it } from 'vitest';
import { SESSION_PARTITION, WINDOW_TITLE, createMainWindowOptions } from './window-options';

describe('createMainWindowOptions', () => {
  const options = createMainWindowOptions({
    preloadPath: '/app/out/preload/index.cjs',
    iconPath: '/app/resources/icon.png',
    placement: { x: 10, y: 20, width: 900, height: 700 },
    backgroundColor: '#f7f5f0',
    allowDevTools: false,
  });

  it('sets exactly the security baseline, and nothing that weakens it', () => {
    expect(options.webPreferences).toStrictEqual({
      preload: '/app/out/preload/index.cjs',
      partition: SESSION_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: false,
    });
  });

  it('uses an in-memory session, a CommonJS preload and a neutral title', () => {
    expect(SESSION_PARTITION).not.toMatch(/^persist:/);
    expect(options.webPreferences?.preload).toMatch(/\.cjs$/);
    expect(options.title).toBe('Stillwater');
    expect(options.icon).toBe('/app/resources/icon.png');
    expect(WINDOW_TITLE).toBe('Stillwater');
  });

  it('lets the page check spelling only where that sends nothing out, and takes the title given', () => {
    const input = {
      preloadPath: '/app/out/preload/index.cjs',
      iconPath: '/app/resources/icon.png',
      placement: { width: 900, height: 700 },
      backgroundColor: '#f7f5f0',
      allowDevTools: false,
    };
    const onAMac = createMainWindowOptions({ ...input, title: 'Notes', spellCheckAvailable: true });
    expect(onAMac.webPreferences?.spellcheck).toBe(true);
    expect(onAMac.title).toBe('Notes');
    const elsewhere = createMainWindowOptions({ ...input, spellCheckAvailable: false });
    expect(elsewhere.webPreferences?.spellcheck).toBe(false);
    expect(elsewhere.title).toBe('Stillwater');
  });

  it('stays hidden until the page is ready, at the placement given', () => {
    expect(options).toMatchObject({ show: false, x: 10, y: 20, width: 900, height: 700 });
  });
});
