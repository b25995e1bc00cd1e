import { isVaultError, vaultLocked, VaultError } from './errors';
import {
  createVault,
  recoverVault,
  unlockVault,
  vaultExists,
  type KdfSettings,
  type Vault,
} from './vault';

export type VaultState = 'none' | 'locked' | 'unlocked';

/** Failed attempts allowed before each new attempt has to wait. */
const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 60_000;

export class TryLaterError extends Error {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super('Too many attempts; wait before trying again');
    this.name = 'TryLaterError';
    this.retryAfterMs = retryAfterMs;
  }
}

export interface VaultSessionOptions {
  dir: string;
  /** Fixed KDF settings for tests; production calibrates when a vault is created. */
  kdf?: KdfSettings;
  now?: () => number;
  /** Called after the vault is locked, so the composition root can clear the window. */
  onLocked?: () => void;
}

/**
 * The app's one vault, open or not. Repeated wrong passphrases or recovery keys make each
 * further attempt wait a little longer, doubling up to a minute.
 */
export function createVaultSession({ dir, kdf, now = Date.now, onLocked }: VaultSessionOptions) {
  let vault: Vault | null = null;
  let failures = 0;
  let nextAttemptAt = 0;
  const options = kdf ? { kdf } : {};

  async function attempt(open: () => Promise<Vault>): Promise<void> {
    const wait = nextAttemptAt - now();
    if (wait > 0) throw new TryLaterError(wait);
    if (vault) await vault.lock();
    try {
      vault = await open();
      failures = 0;
      nextAttemptAt = 0;
    } catch (error) {
      if (isVaultError(error, 'wrong-passphrase')) {
        failures += 1;
        if (failures >= FREE_ATTEMPTS) {
          const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
          nextAttemptAt = now() + delay;
        }
      }
      throw error;
    }
  }

  return {
    async state(): Promise<VaultState> {
      if (vault && !vault.isLocked) return 'unlocked';
      return (await vaultExists(dir)) ? 'locked' : 'none';
    },
    async create(passphrase: string): Promise<string> {
      const created = await createVault(dir, passphrase, options);
      vault = created.vault;
      return created.recoveryKey;
    },
    unlock: (passphrase: string) => attempt(() => unlockVault(dir, passphrase, options)),
    recover: (recoveryKey: string, passphrase: string) =>
      attempt(() => recoverVault(dir, recoveryKey, passphrase, options)),
    async changePassphrase(current: string, next: string): Promise<void> {
      await this.current().changePassphrase(current, next);
    },
    async lock(): Promise<void> {
      const open = vault;
      vault = null;
      await open?.lock();
      onLocked?.();
    },
    /** The open vault, or VaultLocked. */
    current(): Vault {
      if (!vault || vault.isLocked) throw vaultLocked();
      return vault;
    },
  };
}
export type VaultSession = ReturnType<typeof createVaultSession>;
export { VaultError };
