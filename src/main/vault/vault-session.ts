import type { VaultState } from '../../shared/vault/schemas';
import { isAppError } from '../app-error';
import { recoveryKeyTypo, tryLater, vaultLocked } from './errors';
import { createVault, recoverVault, unlockVault, vaultExists } from './opening';
import { recoveryKeyHasTypo } from './recovery-key';
import type { KdfSettings, Vault } from './vault';

export type { VaultState };

/** Failed attempts allowed before each new attempt has to wait. */
const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;

/**
 * The wait before the next attempt, after `failures` wrong ones in a row (FREE_ATTEMPTS or more).
 */
function waitAfter(failures: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export interface VaultSessionOptions {
  dir: string;
  /** Fixed KDF settings for tests; production calibrates when a vault is created. */
  kdf?: KdfSettings;
  now?: () => number;
  /** Called after the vault is locked, so the composition root can clear the window. */
  onLocked?: () => void;
  /** Told when work that runs after opening (sealing records again) stops on an error. */
  onBackgroundError?: (error: unknown) => void;
}

/**
 * The app's one vault, open or not. Every attempt to prove the passphrase or the recovery
 * key (opening, recovery, a change of passphrase, a re-key) goes through one limiter:
 * repeated wrong ones make each further attempt wait a little longer, doubling up to a minute.
 * A recovery key with a typing mistake in it is no guess: it is refused at once, waits for
 * nothing, counts for nothing and derives no key.
 */
export class VaultSession {
  readonly #dir: string;
  readonly #openOptions: { kdf?: KdfSettings };
  readonly #now: () => number;
  readonly #onLocked: (() => void) | undefined;
  readonly #onBackgroundError: (error: unknown) => void;
  #vault: Vault | null = null;
  #failures = 0;
  #nextAttemptAt = 0;
  #locking: Promise<void> | null = null;
  /** Set from the first moment of a lock: work started after it could be saved by no one. */
  #closing = false;
  /** Services that keep plaintext in memory, to drop it, or save it, before the keys go. */
  readonly #beforeLock = new Set<() => Promise<void> | void>();
  readonly #afterLock = new Set<() => void>();
  readonly #afterOpen = new Set<() => void>();
  readonly #afterKeysChange = new Set<() => Promise<void> | void>();

  constructor({
    dir,
    kdf,
    now = Date.now,
    onLocked,
    onBackgroundError = () => {},
  }: VaultSessionOptions) {
    this.#dir = dir;
    this.#openOptions = kdf ? { kdf } : {};
    this.#now = now;
    this.#onLocked = onLocked;
    this.#onBackgroundError = onBackgroundError;
  }

  async state(): Promise<VaultState> {
    if (this.#vault && !this.#vault.isLocked) return 'unlocked';
    return (await vaultExists(this.#dir)) ? 'locked' : 'none';
  }

  async create(passphrase: string): Promise<string> {
    const created = await createVault(this.#dir, passphrase, this.#openOptions);
    this.#opened(created.vault);
    return created.recoveryKey;
  }

  unlock(passphrase: string): Promise<void> {
    return this.#limited(async () => {
      if (this.#vault) await this.lock();
      this.#opened(await unlockVault(this.#dir, passphrase, this.#openOptions));
    });
  }

  async recover(recoveryKey: string, passphrase: string): Promise<void> {
    if (recoveryKeyHasTypo(recoveryKey)) throw recoveryKeyTypo();
    await this.#limited(async () => {
      if (this.#vault) await this.lock();
      this.#opened(await recoverVault(this.#dir, recoveryKey, passphrase, this.#openOptions));
    });
    await this.#keysChanged();
  }

  async changePassphrase(currentPassphrase: string, next: string): Promise<void> {
    await this.#limited(() => this.current().changePassphrase(currentPassphrase, next));
    await this.#keysChanged();
  }

  /**
   * A new key for everything, in two steps: this one changes nothing on disk and returns
   * the new recovery key, to be shown and kept; confirmRekey() then makes it so.
   */
  prepareRekey(currentPassphrase: string, next: string): Promise<string> {
    return this.#limited(() => this.current().prepareRekey(currentPassphrase, next));
  }

  async confirmRekey(): Promise<void> {
    await this.current().commitRekey();
    await this.#keysChanged();
  }

  /**
   * Locking what is not open does nothing and tells no one, and a second lock while one is
   * under way waits for it: Hide locks in main and then the page asks too, and the page must
   * be reloaded once, not twice.
   */
  lock(): Promise<void> {
    this.#locking ??= this.#closeVault().finally(() => (this.#locking = null));
    return this.#locking;
  }

  /**
   * `save` runs before every lock, while the vault is still open but refuses new work (to
   * write what is pending, or to clear what must not outlast the lock); `forget` runs after
   * it (to drop what was decrypted).
   */
  onLock({ save, forget }: { save?: () => Promise<void> | void; forget?: () => void }): void {
    if (save) this.#beforeLock.add(save);
    if (forget) this.#afterLock.add(forget);
  }

  /**
   * `listener` runs once what opens the vault has changed (a new passphrase, by choice or
   * through the recovery key, or a re-key): whatever Stillwater keeps sealed under the old
   * one (its own safety copies) must go, so that nothing it wrote opens with it any more.
   */
  onKeysChange(listener: () => Promise<void> | void): void {
    this.#afterKeysChange.add(listener);
  }

  async #keysChanged(): Promise<void> {
    for (const listener of this.#afterKeysChange) {
      await Promise.resolve(listener()).catch(this.#onBackgroundError);
    }
  }

  /** `listener` runs each time the vault opens: created, unlocked or recovered. */
  onOpen(listener: () => void): void {
    this.#afterOpen.add(listener);
  }

  /**
   * The open vault, or VaultLocked, from the moment a lock begins: what was pending is saved
   * then, once, so work started after that would be answered as done and then lost.
   */
  current(): Vault {
    if (!this.#vault || this.#vault.isLocked || this.#closing) throw vaultLocked();
    return this.#vault;
  }

  async #limited<T>(attempt: () => Promise<T>): Promise<T> {
    const wait = this.#nextAttemptAt - this.#now();
    if (wait > 0) throw tryLater(wait);
    try {
      const result = await attempt();
      this.#failures = 0;
      this.#nextAttemptAt = 0;
      return result;
    } catch (error) {
      if (isAppError(error, 'wrong-passphrase')) {
        this.#failures += 1;
        if (this.#failures >= FREE_ATTEMPTS) {
          this.#nextAttemptAt = this.#now() + waitAfter(this.#failures);
        }
      }
      throw error;
    }
  }

  /** Records left by an unfinished re-key or upgrade are sealed again in the background. */
  #opened(next: Vault): void {
    this.#vault = next;
    if (next.isRetiringKey) void next.finishRetiring().catch(this.#onBackgroundError);
    for (const listener of this.#afterOpen) listener();
  }

  async #closeVault(): Promise<void> {
    const open = this.#vault;
    if (!open) return;
    this.#closing = true;
    try {
      if (!open.isLocked) {
        for (const hook of this.#beforeLock) {
          await Promise.resolve(hook()).catch(this.#onBackgroundError);
        }
      }
      this.#vault = null;
      await open.lock();
    } finally {
      this.#closing = false;
    }
    for (const hook of this.#afterLock) hook();
    this.#onLocked?.();
  }
}
