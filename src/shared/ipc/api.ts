import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventMethod, type InvokeMethod } from './channels';
import type { InputOf, OutputOf, PayloadOf } from './contract';
import { StillwaterIpcError, type IpcResult } from './result';

/** How the bridge reaches main: ipcRenderer in the preload, a test bridge elsewhere. */
export interface IpcTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

type Call<M extends InvokeMethod, R> = [InputOf<M>] extends [undefined]
  ? () => Promise<R>
  : (input: InputOf<M>) => Promise<R>;

type EventFunction<E extends EventMethod> = (
  listener: (payload: PayloadOf<E>) => void,
) => () => void;

type Events = { [E in EventMethod]: EventFunction<E> };

/**
 * What the preload puts on `window.stillwater`: one verb per channel, answering with the
 * result envelope as main sent it. Envelopes are plain data, so they cross the context
 * bridge whole; a thrown error would lose its kind on the way.
 */
export type StillwaterBridge = { [M in InvokeMethod]: Call<M, IpcResult<OutputOf<M>>> } & Events;

/** What the renderer calls: the same verbs, resolving to the value or throwing a typed error. */
export type StillwaterApi = { [M in InvokeMethod]: Call<M, OutputOf<M>> } & Events;

export function makeBridge(transport: IpcTransport): StillwaterBridge {
  const bridge: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(INVOKE_CHANNELS)) {
    bridge[method] = (input?: unknown) => transport.invoke(channel, input);
  }
  for (const [method, channel] of Object.entries(EVENT_CHANNELS)) {
    bridge[method] = (listener: (payload: unknown) => void) =>
      transport.subscribe(channel, listener);
  }
  return bridge as StillwaterBridge;
}

/**
 * The bridge with start-up's one call already sent. The preload sends it as the page is
 * created, so main answers while the page's script is still loading; the page's first
 * `getStartup` takes that answer, and any later one asks main again. Should main have refused
 * the early call, the page's call asks again too, so sending early can only save time.
 */
export function withStartupSent(bridge: StillwaterBridge): StillwaterBridge {
  let early: Promise<IpcResult<OutputOf<'getStartup'>>> | null = bridge.getStartup();
  // The page takes it in a moment; until then a failed send is not an unhandled one.
  early.catch(() => {});
  const getStartup = () => {
    const answer = early;
    early = null;
    if (!answer) return bridge.getStartup();
    return answer.then((result) => (result.ok ? result : bridge.getStartup()));
  };
  return { ...bridge, getStartup };
}

/** Wraps the bridge for the renderer, turning error envelopes into StillwaterIpcError. */
export function makeApi(bridge: StillwaterBridge): StillwaterApi {
  const api: Record<string, unknown> = {};
  const calls = bridge as unknown as Record<
    string,
    (input?: unknown) => Promise<IpcResult<unknown>>
  >;
  for (const method of Object.keys(INVOKE_CHANNELS)) {
    api[method] = async (input?: unknown) => {
      const result = await calls[method]?.(input);
      if (!result)
        throw new StillwaterIpcError({ kind: 'internal', message: `${method} had no answer` });
      if (result.ok) return result.value;
      throw new StillwaterIpcError(result.error);
    };
  }
  for (const method of Object.keys(EVENT_CHANNELS) as EventMethod[]) api[method] = bridge[method];
  return api as StillwaterApi;
}
