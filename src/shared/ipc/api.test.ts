import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './channels';
import { makeApi, makeBridge, withStartupSent, type IpcTransport } from './api';
import { StillwaterIpcError } from './result';

function recordingTransport(answer: unknown) {
  const calls: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const transport: IpcTransport = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return answer;
    },
    subscribe: (channel, listener) => {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    },
  };
  return { transport, calls, listeners };
}

describe('makeBridge and makeApi', () => {
  it('leaves the envelope whole on the bridge, so the kind survives the context bridge', async () => {
    const envelope = { ok: false, error: { kind: 'wrong-passphrase', message: 'no' } };
    const bridge = makeBridge(recordingTransport(envelope).transport);
    await expect(bridge.unlockVault({ passphrase: 'x' })).resolves.toEqual(envelope);
  });

  it('has one verb per contract channel', () => {
    const api = makeApi(makeBridge(recordingTransport(null).transport));
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort(),
    );
  });

  it('sends each call on its channel and returns the value main answered', async () => {
    const { transport, calls } = recordingTransport({
      ok: true,
      value: { theme: 'dark', textScale: 1 },
    });
    const api = makeApi(makeBridge(transport));
    await expect(api.updatePreferences({ theme: 'dark' })).resolves.toEqual({
      theme: 'dark',
      textScale: 1,
    });
    expect(calls).toEqual([{ channel: 'preferences:update', input: { theme: 'dark' } }]);
  });

  it('throws a typed error when main refuses', async () => {
    const api = makeApi(
      makeBridge(
        recordingTransport({ ok: false, error: { kind: 'invalid-input', message: 'theme: bad' } })
          .transport,
      ),
    );
    const failure = api.getStartup();
    await expect(failure).rejects.toBeInstanceOf(StillwaterIpcError);
    await expect(failure).rejects.toMatchObject({ kind: 'invalid-input', message: 'theme: bad' });
  });

  it('subscribes to events and can unsubscribe', () => {
    const { transport, listeners } = recordingTransport(null);
    const received: unknown[] = [];
    const unsubscribe = makeApi(makeBridge(transport)).onMenuCommand((command) =>
      received.push(command),
    );
    listeners.get('menu:command')?.('next-section');
    expect(received).toEqual(['next-section']);
    unsubscribe();
    expect(listeners.has('menu:command')).toBe(false);
  });
});

describe('withStartupSent', () => {
  const startup = { ok: true, value: { vault: 'locked', preferences: {} } };

  it('sends start-up at once, and gives that answer to the first call only', async () => {
    const { transport, calls } = recordingTransport(startup);
    const bridge = withStartupSent(makeBridge(transport));
    expect(calls).toEqual([{ channel: 'app:startup', input: undefined }]);
    await expect(bridge.getStartup()).resolves.toEqual(startup);
    expect(calls).toHaveLength(1);
    await expect(bridge.getStartup()).resolves.toEqual(startup);
    expect(calls).toHaveLength(2);
  });

  it('asks again when main refused the early call, so sending early never costs an answer', async () => {
    const answers = [
      { ok: false, error: { kind: 'forbidden-sender', message: 'not yet' } },
      startup,
    ];
    const calls: string[] = [];
    const bridge = withStartupSent(
      makeBridge({
        invoke: async (channel) => {
          calls.push(channel);
          return answers.shift();
        },
        subscribe: () => () => {},
      }),
    );
    await expect(bridge.getStartup()).resolves.toEqual(startup);
    expect(calls).toEqual(['app:startup', 'app:startup']);
  });

  it('leaves every other verb as it was', () => {
    const bridge = makeBridge(recordingTransport(startup).transport);
    const sent = withStartupSent(bridge);
    expect(Object.keys(sent).sort()).toEqual(Object.keys(bridge).sort());
    expect(sent.saveNote).toBe(bridge.saveNote);
  });
});
