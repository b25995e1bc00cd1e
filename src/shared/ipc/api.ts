import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventMethod, type InvokeMethod } from './channels';
import type { InputOf, OutputOf, PayloadOf } from './contract';
import { StillwaterIpcError, type IpcResult } from './result';

/** How the API reaches main: ipcRenderer in the preload, a test bridge elsewhere. */
export interface IpcTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

type InvokeFunction<M extends InvokeMethod> = [InputOf<M>] extends [undefined]
  ? () => Promise<OutputOf<M>>
  : (input: InputOf<M>) => Promise<OutputOf<M>>;

type EventFunction<E extends EventMethod> = (
  listener: (payload: PayloadOf<E>) => void,
) => () => void;

/** The whole surface the renderer sees as `window.stillwater`: one verb per channel. */
export type StillwaterApi = { [M in InvokeMethod]: InvokeFunction<M> } & {
  [E in EventMethod]: EventFunction<E>;
};

function unwrap(result: unknown): unknown {
  const envelope = result as IpcResult<unknown>;
  if (envelope.ok) return envelope.value;
  throw new StillwaterIpcError(envelope.error);
}

export function makeApi(transport: IpcTransport): StillwaterApi {
  const api: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(INVOKE_CHANNELS)) {
    api[method] = async (input?: unknown) => unwrap(await transport.invoke(channel, input));
  }
  for (const [method, channel] of Object.entries(EVENT_CHANNELS)) {
    api[method] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener);
  }
  return api as StillwaterApi;
}
