import {
  AUTOMATIC_BACKUP_NAME_PATTERN,
  type AutomaticBackupEvery,
} from '../../shared/backup/automatic-backup';

const HOUR_MS = 60 * 60 * 1000;
/** How long after the last automatic backup the next one is due. */
export const AUTOMATIC_BACKUP_INTERVAL_MS = {
  day: 24 * HOUR_MS,
  week: 7 * 24 * HOUR_MS,
} as const satisfies Record<Exclude<AutomaticBackupEvery, 'off'>, number>;

/**
 * Whether an automatic backup is due at `now`. The first one is due at once. After that, one is
 * due when `now` is a whole interval away from the last, on either side: a last time ahead of
 * the clock (the clock was put back, or the time was recorded while it ran fast) then delays
 * the next backup by less than one more interval, and a clock put back by an interval or more
 * is due at once, so no jump of the clock ever stops backups for longer than that.
 */
export function isDue(lastAt: Date | null, every: AutomaticBackupEvery, now: Date): boolean {
  if (every === 'off') return false;
  if (lastAt === null || Number.isNaN(lastAt.getTime())) return true;
  return Math.abs(now.getTime() - lastAt.getTime()) >= AUTOMATIC_BACKUP_INTERVAL_MS[every];
}

/**
 * `stillwater-YYYY-MM-DD-HHMMSS.stillwater-backup`, in UTC: names that sort as their times do,
 * and that read the same wherever the computer is and whatever its summer time.
 */
export function automaticBackupName(now: Date): string {
  const iso = now.toISOString();
  const time = `${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `stillwater-${iso.slice(0, 10)}-${time}.stillwater-backup`;
}

/**
 * Whether `name` is one automaticBackupName could have made: the pattern, and a real moment
 * (no 13th month, no 61st second) that gives that name back.
 */
export function isAutomaticBackupName(name: string): boolean {
  const match = AUTOMATIC_BACKUP_NAME_PATTERN.exec(name);
  if (!match) return false;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const at = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
  return !Number.isNaN(at.getTime()) && automaticBackupName(at) === name;
}

/**
 * The automatic backups among `names` to remove, oldest first by the moments they are named
 * for, so that the newest `keep` of them remain; at least one is always kept. `names` are those
 * Stillwater wrote itself: a name merely found in the folder says nothing of who wrote it, and
 * one dated far ahead would push the real backups out. Any other name is never returned.
 * `justWritten` is always kept, and counts towards `keep`: after the clock was put back, the
 * backup just written has an older name than those before it, and must not be the one to go.
 */
export function namesToPrune(names: string[], keep: number, justWritten?: string): string[] {
  const ours = [...new Set(names.filter(isAutomaticBackupName))].sort();
  const others = ours.filter((name) => name !== justWritten);
  const room = Math.max(1, Math.floor(keep)) - (others.length < ours.length ? 1 : 0);
  return others.slice(0, Math.max(0, others.length - room));
}
