import type { AppErrorKind } from '../shared/ipc/result';

export type { AppErrorKind };

/**
 * The one error main throws on purpose. Its kind is one the bridge carries as it is, so the
 * router needs no case per service; anything else that escapes is a fault, answered as
 * 'internal'. Messages are Stillwater's own words, naming files and record ids at most,
 * never anything a person wrote or anything decrypted.
 */
export class AppError extends Error {
  readonly kind: AppErrorKind;
  /** The record that could not be read, when the failure is one record's. */
  readonly recordId: string | undefined;
  /** With 'try-later': how long until another attempt is allowed. */
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: AppErrorKind,
    message: string,
    { recordId, retryAfterMs }: { recordId?: string; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.recordId = recordId;
    this.retryAfterMs = retryAfterMs;
  }
}

export function isAppError(error: unknown, kind?: AppErrorKind): error is AppError {
  return error instanceof AppError && (kind === undefined || error.kind === kind);
}
