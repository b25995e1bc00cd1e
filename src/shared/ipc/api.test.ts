import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from './channels';
import { makeApi, makeBridge, type IpcTransport } from './api';
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
    const failure = api.getPreferences();
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
