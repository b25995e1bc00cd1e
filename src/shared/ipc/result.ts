/**
 * What crosses the bridge for every call. Errors travel as data rather than as thrown
 * exceptions, because Electron flattens thrown errors into one string and loses their kind.
 */
/** Why the vault refused; the vault in main throws these, and the UI explains each. */
export const VAULT_ERROR_KINDS = [
  'wrong-passphrase',
  'recovery-key-typo',
  'vault-corrupt',
  'vault-from-future',
  'vault-locked',
  'vault-busy',
  'vault-missing',
  'vault-exists',
  'too-large',
  'disk-full',
  'disk-read-only',
  'disk-denied',
] as const;
export type VaultErrorKind = (typeof VAULT_ERROR_KINDS)[number];

/** What main refuses on purpose (its AppError), each an answer the UI can explain. */
export const APP_ERROR_KINDS = [
  'try-later',
  'not-found',
  /** The quick hide shortcut asked for is held by another program. */
  'shortcut-taken',
  /** A backup that is not one, was cut short, or was changed after it was made. */
  'backup-damaged',
  /** A backup made by a newer Stillwater. */
  'backup-from-future',
  /** A merge the disk stopped part-way: some of the backup is in, the safety copy holds the rest. */
  'restore-incomplete',
  /** An export main will not write: a path outside the rule, or something in its way. */
  'export-refused',
  ...VAULT_ERROR_KINDS,
] as const;
export type AppErrorKind = (typeof APP_ERROR_KINDS)[number];

/** The router's own refusals, then everything main may answer with. */
export const IPC_ERROR_KINDS = [
  'invalid-input',
  'forbidden-sender',
  'unknown-channel',
  'internal',
  ...APP_ERROR_KINDS,
] as const;
export type IpcErrorKind = (typeof IPC_ERROR_KINDS)[number];

export interface IpcError {
  kind: IpcErrorKind;
  /** Plain words for a developer. Never contains anything the user wrote. */
  message: string;
  /** With 'try-later': how long until another attempt is allowed. */
  retryAfterMs?: number;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Thrown in the renderer when main answers a call with an error. */
export class StillwaterIpcError extends Error {
  readonly kind: IpcErrorKind;
  readonly retryAfterMs: number | undefined;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'StillwaterIpcError';
    this.kind = error.kind;
    this.retryAfterMs = error.retryAfterMs;
  }
}
