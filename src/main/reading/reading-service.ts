import type { SectionId } from '../../shared/guide/ids';
import { EMPTY_READING_STATE, type ReadingState } from '../../shared/reading/model';
import type { PositionReport } from '../../shared/reading/schemas';
import { isAppError } from '../app-error';
import { describeError, type Logger } from '../logger';
import { vaultLocked } from '../vault/errors';
import type { StoredRecord, Vault } from '../vault/vault';
import type { VaultSession } from '../vault/vault-session';
import { readReadingState, readingStateBody } from './stored-reading-state';

export type { PositionReport };

export const READING_STATE_KIND = 'reading-state';

export interface ReadingServiceOptions {
  /** How long scrolling must pause before the position is written. */
  pauseMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

interface Held {
  vault: Vault;
  state: ReadingState;
  /** When the record was first written, kept because a save reads nothing back. */
  created: string | undefined;
  /** The section last written to the vault; leaving it is written at once. */
  writtenSection: SectionId | null;
  dirty: boolean;
  /**
   * The record on disk could not be read: it is left as it is, so positions are kept in
   * memory only, until the next unlock.
   */
  keepRecord: boolean;
  /** The saved place was lost (unreadable, or gone from the folder): the page says so. */
  lost: boolean;
}

/**
 * Where the reader is in the guide, and which parts of each section they have read. It lives
 * in the vault, because what someone reads, and how far, says as much about them as what
 * they write. Scrolling and reading report many times a minute; the record is written when
 * the reports pause, when the reader moves to another section, and before the vault locks,
 * so the file's times do not trace every scroll or every paragraph read.
 */
export class ReadingService {
  readonly #session: VaultSession;
  readonly #logger: Logger;
  readonly #pauseMs: number;
  readonly #setTimer: (callback: () => void, ms: number) => unknown;
  readonly #clearTimer: (timer: unknown) => void;
  #held: Held | null = null;
  #timer: unknown = null;

  constructor(
    session: VaultSession,
    logger: Logger,
    {
      pauseMs = 2_000,
      setTimer = (callback, ms) => setTimeout(callback, ms),
      clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
    }: ReadingServiceOptions = {},
  ) {
    this.#session = session;
    this.#logger = logger;
    this.#pauseMs = pauseMs;
    this.#setTimer = setTimer;
    this.#clearTimer = clearTimer;
    session.onLock({
      save: () => this.#write(),
      forget: () => {
        this.#cancelTimer();
        this.#held = null;
      },
    });
  }

  async state(): Promise<ReadingState> {
    const held = await this.#hold();
    const state = structuredClone(held.state);
    return held.lost ? { ...state, unreadable: true } : state;
  }

  async record({ sectionId, position, read }: PositionReport): Promise<void> {
    const current = await this.#hold();
    // Checked again after the wait: once a lock has begun it has saved what was pending, so a
    // position taken now would be answered as kept, and then lost.
    this.#refuseIfLocking(current);
    const previous = current.state.sections[sectionId]?.read ?? [];
    // A block once read stays read, whatever a later report leaves out.
    const allRead = [...new Set([...previous, ...read])].sort((a, b) => a - b);
    current.state.sections[sectionId] = { position, read: allRead };
    current.state.lastSectionId = sectionId;
    current.dirty = true;
    if (sectionId !== current.writtenSection) return this.#write();
    this.#clearTimer(this.#timer);
    this.#timer = this.#setTimer(() => {
      this.#write().catch((error: unknown) =>
        this.#logger.warn(`the reading position could not be saved: ${describeError(error)}`),
      );
    }, this.#pauseMs);
  }

  /** Writes a pending position now. */
  flush(): Promise<void> {
    return this.#write();
  }

  /** Reads the saved position again on next use: a restore may have written a newer one. */
  reread(): void {
    this.#cancelTimer();
    this.#held = null;
  }

  async #hold(): Promise<Held> {
    const vault = this.#session.current();
    if (this.#held?.vault === vault) return this.#held;
    const held = await this.#read(vault);
    // Nothing read is kept once a lock has begun.
    this.#refuseIfLocking(held);
    // Another call may have read it meanwhile, and recorded positions since: they stay.
    if (this.#held?.vault !== vault) this.#held = held;
    return this.#held;
  }

  #refuseIfLocking(held: Held): void {
    if (this.#session.current() !== held.vault) throw vaultLocked();
  }

  /**
   * The position saved in `vault`. A record that cannot be read (damaged, moved aside, put
   * back from an older copy, from a newer Stillwater) is left exactly as it is: the reader
   * starts from the beginning and moves on, in memory only, until the next unlock.
   */
  async #read(vault: Vault): Promise<Held> {
    const id = vault.singletonId(READING_STATE_KIND);
    let record: StoredRecord | null = null;
    let unreadable: string | null = null;
    try {
      record = await vault.get(id);
    } catch (error) {
      if (!isAppError(error) || error.kind === 'vault-locked') throw error;
      unreadable = error.kind;
    }
    const stored = record ? readReadingState(record.body) : null;
    if (record && !stored) unreadable = 'it has an unexpected shape';
    if (unreadable) {
      this.#logger.warn(
        `the saved reading position could not be read (${unreadable}); starting from the ` +
          'beginning, and leaving it as it is',
      );
    }
    // Saved once and never deleted, yet not in the folder: nothing to keep, but a place lost.
    const missing = !record && !unreadable && vault.isExpected(id);
    if (missing) {
      this.#logger.warn(
        'the saved reading position is gone from its folder; starting from the beginning',
      );
    }
    const state = stored ?? structuredClone(EMPTY_READING_STATE);
    return {
      vault,
      state,
      created: record?.created,
      writtenSection: state.lastSectionId,
      dirty: false,
      keepRecord: unreadable !== null,
      lost: unreadable !== null || missing,
    };
  }

  #cancelTimer(): void {
    this.#clearTimer(this.#timer);
    this.#timer = null;
  }

  async #write(): Promise<void> {
    this.#cancelTimer();
    const current = this.#held;
    if (!current?.dirty || current.keepRecord) return;
    current.dirty = false;
    current.writtenSection = current.state.lastSectionId;
    try {
      const saved = await current.vault.put(
        READING_STATE_KIND,
        readingStateBody(current.state),
        current.vault.singletonId(READING_STATE_KIND),
        current.created,
      );
      current.created = saved.created;
    } catch (error) {
      current.dirty = true;
      throw error;
    }
  }
}
