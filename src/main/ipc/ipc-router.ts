import { INVOKE_CHANNELS, type InvokeMethod } from '../../shared/ipc/channels';
import { INVOKE_SCHEMAS, type OutputOf, type ParsedInputOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import { describeError, type Logger } from '../logger';
import { AppError } from '../app-error';
import { describeIssues } from './describe-issues';

/** The parts of Electron's WebFrameMain that the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

export type IpcHandlers = {
  [M in InvokeMethod]: (input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>;
};

/** The part of Electron's ipcMain the router needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, input: unknown) => Promise<unknown>): void;
}

export interface IpcRouterOptions {
  handlers: IpcHandlers;
  /** Origins ("app://stillwater") whose top frame may call main. */
  trustedOrigins: readonly string[];
  logger: Logger;
}

const METHOD_BY_CHANNEL = new Map<string, InvokeMethod>(
  Object.entries(INVOKE_CHANNELS).map(([method, channel]) => [channel, method as InvokeMethod]),
);

/**
 * scheme://host of a URL. URL.origin is "null" for schemes Node does not know as special
 * (app: among them), so the origin is rebuilt from its parts.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

export function isTrustedSender(frame: SenderFrame | null, trustedOrigins: readonly string[]) {
  if (!frame || frame.parent !== null) return false;
  const origin = originOf(frame.url);
  return origin !== null && trustedOrigins.includes(origin);
}

/**
 * The one way into main from the renderer: every call is checked for its sender, then its
 * input is parsed from `unknown` against the contract, and only then does a service run.
 */
export function createIpcRouter({ handlers, trustedOrigins, logger }: IpcRouterOptions) {
  async function dispatch(
    channel: string,
    event: InvokeEvent,
    rawInput: unknown,
  ): Promise<IpcResult<unknown>> {
    const method = METHOD_BY_CHANNEL.get(channel);
    if (!method) {
      return {
        ok: false,
        // Not named: it is the caller's string, not the contract's.
        error: { kind: 'unknown-channel', message: 'No such channel' },
      };
    }
    if (!isTrustedSender(event.senderFrame, trustedOrigins)) {
      logger.warn(`refused ${channel} from a frame outside the app`);
      return {
        ok: false,
        error: { kind: 'forbidden-sender', message: `${channel} may only be called by the app` },
      };
    }
    const schema = INVOKE_SCHEMAS[method].input;
    const parsed = schema.safeParse(rawInput);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          kind: 'invalid-input',
          message: `${channel}: ${describeIssues(schema, parsed.error)}`,
        },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      // An AppError is an expected answer ("wrong passphrase"), and its words are ours.
      if (error instanceof AppError) {
        const { kind, message, retryAfterMs } = error;
        return {
          ok: false,
          error: retryAfterMs === undefined ? { kind, message } : { kind, message, retryAfterMs },
        };
      }
      logger.error(`${channel} failed: ${describeError(error)}`);
      return {
        ok: false,
        error: { kind: 'internal', message: `${channel} could not be completed` },
      };
    }
  }

  return {
    dispatch,
    register(ipcMain: IpcMainLike) {
      for (const channel of METHOD_BY_CHANNEL.keys()) {
        ipcMain.handle(channel, (event, input) => dispatch(channel, event, input));
      }
    },
  };
}
export type IpcRouter = ReturnType<typeof createIpcRouter>;
