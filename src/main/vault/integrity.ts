import type { AppErrorKind } from '../app-error';
import type { Manifest } from './manifest-format';

export interface UnreadableRecord {
  recordId: string;
  kind: AppErrorKind;
}

/**
 * How the records on disk agree with the manifest. Records that disagree are left exactly
 * as they are, and are not returned: nothing acts on them.
 */
export interface IntegrityReport {
  /** Listed in the manifest, with no file. */
  missing: string[];
  /** An older copy of a record put back over the real one. */
  stale: string[];
  /** A record put back after it was deleted. */
  replayed: string[];
  /** The manifest itself was missing or damaged, so nothing could be checked this time. */
  unverified: boolean;
}

/** What the manifest says of one record file found on disk. */
export type RecordStanding =
  /** The manifest names this very write. */
  | 'current'
  /**
   * A write the manifest has not caught up with: newer than anything it knows, which only
   * a crash between saving a record and saving the manifest leaves behind. An older copy
   * cannot look like this, since every write takes a number no earlier write had.
   */
  | 'newer'
  /** An older write of a record the manifest knows: a copy put back over the real one. */
  | 'stale'
  /** A write of a record the manifest no longer lists, from before its removal: put back after deletion. */
  | 'replayed'
  /**
   * A write numbered beyond anything the manifest had reserved: no crash leaves that, so the
   * manifest itself is an older copy, and vouches for nothing this time.
   */
  | 'beyond';

/** The manifest's numbers as they were read from disk, before this session changed them. */
export interface ManifestBounds {
  /** Its next number (0 when there was no manifest to trust). */
  firstUnseen: number;
  reservedUpTo: number;
}

/**
 * Pure policy, apart from I/O: how a record's sequence number stands against the manifest.
 * Judged against the bounds read from disk, so the order in which records are read, and
 * what this session has written since, change no verdict.
 */
export function standingOf(
  manifest: Manifest,
  id: string,
  seq: number,
  { firstUnseen, reservedUpTo }: ManifestBounds,
): RecordStanding {
  const known = manifest.entries.get(id);
  // Checked first: this session's own writes are listed, however far past the old bounds.
  if (seq === known) return 'current';
  if (seq >= reservedUpTo) return 'beyond';
  if (known === undefined) return seq >= firstUnseen ? 'newer' : 'replayed';
  return seq > known ? 'newer' : 'stale';
}

/** The records the manifest lists that have no file on disk. */
export function missingRecords(manifest: Manifest, found: ReadonlySet<string>): string[] {
  return [...manifest.entries.keys()].filter((id) => !found.has(id));
}

/** Takes in writes that a crash kept from the manifest, so they read as current from now on. */
export function adoptNewer(manifest: Manifest, id: string, seq: number): void {
  manifest.entries.set(id, seq);
  manifest.nextSeq = Math.max(manifest.nextSeq, seq + 1);
  manifest.reservedUpTo = Math.max(manifest.reservedUpTo, manifest.nextSeq);
}
