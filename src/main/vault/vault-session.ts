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
export function createVaultSession({
  dir,
  kdf,
  now = Date.now,
  onLocked,
  onBackgroundError = () => {},
}: VaultSessionOptions) {
  let vault: Vault | null = null;
  let failures = 0;
  let nextAttemptAt = 0;
  const options = kdf ? { kdf } : {};
  /** Services that keep plaintext in memory, to drop it, or save it, before the keys go. */
  const beforeLock = new Set<() => Promise<void> | void>();
  const afterLock = new Set<() => void>();

  async function limited<T>(attempt: () => Promise<T>): Promise<T> {
    const wait = nextAttemptAt - now();
    if (wait > 0) throw tryLater(wait);
    try {
      const result = await attempt();
      failures = 0;
      nextAttemptAt = 0;
      return result;
    } catch (error) {
      if (isAppError(error, 'wrong-passphrase')) {
        failures += 1;
        if (failures >= FREE_ATTEMPTS) {
          const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
          nextAttemptAt = now() + delay;
        }
      }
      throw error;
    }
  }

  /** Records left by an unfinished re-key or upgrade are sealed again in the background. */
  function opened(next: Vault): void {
    vault = next;
    if (next.isRetiringKey) void next.finishRetiring().catch(onBackgroundError);
  }

  function current(): Vault {
    if (!vault || vault.isLocked) throw vaultLocked();
    return vault;
  }

  let locking: Promise<void> | null = null;

  /**
   * Locking what is not open does nothing and tells no one, and a second lock while one is
   * under way waits for it: Hide locks in main and then the page asks too, and the page must
   * be reloaded once, not twice.
   */
  function lock(): Promise<void> {
    locking ??= closeVault().finally(() => (locking = null));
    return locking;
  }

  async function closeVault(): Promise<void> {
    const open = vault;
    if (!open) return;
    if (!open.isLocked) {
      for (const hook of beforeLock) await Promise.resolve(hook()).catch(onBackgroundError);
    }
    vault = null;
    await open.lock();
    for (const hook of afterLock) hook();
    onLocked?.();
  }

  return {
    async state(): Promise<VaultState> {
      if (vault && !vault.isLocked) return 'unlocked';
      return (await vaultExists(dir)) ? 'locked' : 'none';
    },
    async create(passphrase: string): Promise<string> {
      const created = await createVault(dir, passphrase, options);
      opened(created.vault);
      return created.recoveryKey;
    },
    unlock: (passphrase: string) =>
      limited(async () => {
        if (vault) await lock();
        opened(await unlockVault(dir, passphrase, options));
      }),
    async recover(recoveryKey: string, passphrase: string): Promise<void> {
      if (recoveryKeyHasTypo(recoveryKey)) throw recoveryKeyTypo();
      await limited(async () => {
        if (vault) await lock();
        opened(await recoverVault(dir, recoveryKey, passphrase, options));
      });
    },
    changePassphrase: (currentPassphrase: string, next: string) =>
      limited(() => current().changePassphrase(currentPassphrase, next)),
    /**
     * A new key for everything, in two steps: this one changes nothing on disk and returns
     * the new recovery key, to be shown and kept; confirmRekey() then makes it so.
     */
    prepareRekey: (currentPassphrase: string, next: string) =>
      limited(() => current().prepareRekey(currentPassphrase, next)),
    confirmRekey: () => current().commitRekey(),
    lock,
    /**
     * `save` runs before every lock, while the vault is still open (to write what is
     * pending); `forget` runs after it (to drop what was decrypted).
     */
    onLock({ save, forget }: { save?: () => Promise<void> | void; forget?: () => void }): void {
      if (save) beforeLock.add(save);
      if (forget) afterLock.add(forget);
    },
    /** The open vault, or VaultLocked. */
    current,
  };
}
export type VaultSession = ReturnType<typeof createVaultSession>;
