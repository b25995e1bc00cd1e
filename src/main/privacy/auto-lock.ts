import type { AutoLockMinutes } from '../../shared/privacy/model';

/** The parts of Electron's powerMonitor that auto-lock listens to. */
export interface PowerMonitorLike {
  on(event: 'lock-screen' | 'suspend', listener: () => void): unknown;
  /** Seconds since the person last used the keyboard or mouse, anywhere on the computer. */
  getSystemIdleTime(): number;
}

export interface AutoLockOptions {
  power: PowerMonitorLike;
  isUnlocked: () => Promise<boolean>;
  lock: () => Promise<void>;
  minutes: () => AutoLockMinutes;
  lockOnMinimise: () => boolean;
  /** How often idleness is checked. */
  pollMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
}

/**
 * Locks the vault when the person steps away: after the chosen minutes without input, as
 * soon as the computer's screen locks or it goes to sleep, and on minimise if they asked.
 */
export function startAutoLock({
  power,
  isUnlocked,
  lock,
  minutes,
  lockOnMinimise,
  pollMs = 5_000,
  setInterval: every = setInterval,
}: AutoLockOptions) {
  const lockIfOpen = async () => {
    if (await isUnlocked()) await lock();
  };
  power.on('lock-screen', () => void lockIfOpen());
  power.on('suspend', () => void lockIfOpen());
  every(() => {
    const limit = minutes();
    if (limit > 0 && power.getSystemIdleTime() >= limit * 60) void lockIfOpen();
  }, pollMs);
  return {
    /** Called when the window is minimised. */
    minimised(): void {
      if (lockOnMinimise()) void lockIfOpen();
    },
  };
}
