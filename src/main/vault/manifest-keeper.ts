import { adoptNewer, missingRecords, standingOf, type ManifestBounds } from './integrity';
import { writeManifest, type ManifestSealing } from './manifest-file';
import { FORMAT_ONE_SEQ, emptyManifest, type Manifest } from './manifest-format';
import { readRecordStamp, recordIds } from './record-files';
import type { RecordStamp } from './record-format';

/** How long the manifest waits after a save, so a burst of saves shares one write. */
const MANIFEST_PAUSE_MS = 250;
/**
 * How many writes each manifest reserves ahead. A crash can leave at most this many writes
 * it does not list; an older manifest put back is noticed once more than this many writes
 * came after it.
 */
const MANIFEST_RESERVE = 8;

/** Whether a record read from disk may be used; see `ManifestKeeper.judge`. */
export type Verdict = 'use' | 'adopted' | 'stale' | 'replayed';

/**
 * The open vault's manifest: the number each write takes, what the manifest on disk has
 * reserved, the verdict on each record read, and when the manifest is written again. It
 * holds record ids and numbers only, never anything decrypted.
 */
export class ManifestKeeper {
  readonly #dir: string;
  /** The current key, asked for at each write, so a re-key's new key is used at once. */
  readonly #sealing: () => ManifestSealing;
  /** Runs the delayed write as one of the vault's operations, so the lock waits for it. */
  readonly #runWhileOpen: (work: () => Promise<void>) => Promise<void>;
  #manifest: Manifest;
  #unverified: boolean;
  /** Whether a manifest was read at all: without one, a record's absence from it means nothing. */
  readonly #readFromDisk: boolean;
  /** Whether the manifest failed to vouch at any point this session; never reset. */
  #everUnverified: boolean;
  /** The manifest's numbers as read from disk; verdicts are judged against these. */
  readonly #bounds: ManifestBounds;
  /** What the manifest on disk has reserved: a write at or past it waits for a new manifest. */
  #reservedOnDisk: number;
  /** Numbers taken by writes not yet listed: the manifest's next number stays below them. */
  readonly #unlisted = new Set<number>();
  /** Records taken in this session without the manifest's word for them. */
  readonly #adoptedNow = new Set<string>();
  #changes = 0;
  #saved = 0;
  #saving: Promise<void> | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** `read` is null when the manifest was missing or damaged: then nothing can be checked. */
  constructor(
    dir: string,
    read: Manifest | null,
    sealing: () => ManifestSealing,
    runWhileOpen: (work: () => Promise<void>) => Promise<void>,
  ) {
    this.#dir = dir;
    this.#sealing = sealing;
    this.#runWhileOpen = runWhileOpen;
    const manifest = read ?? emptyManifest();
    this.#manifest = manifest;
    this.#unverified = read === null;
    this.#readFromDisk = read !== null;
    this.#everUnverified = read === null;
    this.#bounds = read
      ? { firstUnseen: manifest.nextSeq, reservedUpTo: manifest.reservedUpTo }
      : { firstUnseen: 0, reservedUpTo: Number.MAX_SAFE_INTEGER };
    this.#reservedOnDisk = manifest.reservedUpTo;
    // Numbers in the reserved range may already be on disk (a crash's leftovers): skip them.
    manifest.nextSeq = Math.max(manifest.nextSeq, manifest.reservedUpTo);
  }

  /**
   * Runs `write` with the next write's number (or `keep`, a record's own number when it is
   * sealed again unchanged), and lists the record under it once written.
   */
  async writeNumbered(
    id: string,
    write: (seq: number) => Promise<void>,
    keep: number | null = null,
  ): Promise<void> {
    const seq = keep ?? (await this.#takeSeq());
    try {
      await write(seq);
      this.#manifest.entries.set(id, seq);
    } finally {
      this.#unlisted.delete(seq);
    }
  }

  /**
   * Numbers for a batch of `count` writes, taken as one change: at most one manifest is
   * written first, reserving past them all. Each is listed by listWrite() once its record is
   * in place; release() lets go of those that never were.
   */
  async takeSeqs(count: number): Promise<number[]> {
    const seqs = Array.from({ length: count }, () => this.#manifest.nextSeq++);
    for (const seq of seqs) this.#unlisted.add(seq);
    const last = seqs[seqs.length - 1];
    if (last !== undefined && last >= this.#reservedOnDisk) await this.save();
    return seqs;
  }

  /** A record of a batch is in place under `seq`: the manifest lists it from now on. */
  listWrite(id: string, seq: number): void {
    this.#manifest.entries.set(id, seq);
    this.#unlisted.delete(seq);
  }

  /** Numbers of a batch that were never written: they no longer hold the manifest back. */
  release(seqs: readonly number[]): void {
    for (const seq of seqs) this.#unlisted.delete(seq);
  }

  /** After a save: the record is vouched for again, and the manifest follows soon. */
  saved(id: string): void {
    this.#adoptedNow.delete(id);
    this.#saveSoon();
  }

  /** After a record's file is removed: the manifest forgets it before the deletion completes. */
  async removed(id: string): Promise<void> {
    await this.removedAll([id]);
  }

  /** After several records' files are removed: one change, one manifest written. */
  async removedAll(ids: Iterable<string>): Promise<void> {
    for (const id of ids) this.#manifest.entries.delete(id);
    await this.save();
  }

  /**
   * Whether a record read from disk may be used: the manifest's own write, or one a crash
   * kept from it. A format 1 record may be used only while the manifest still lists it as
   * the upgrade found it.
   */
  judge(id: string, stamp: RecordStamp): Verdict {
    if (stamp.seq === null) return this.#judgeFormatOne(id);
    const standing = standingOf(this.#manifest, id, stamp.seq, this.#bounds);
    if (standing === 'current') return 'use';
    if (standing === 'stale' || standing === 'replayed') return standing;
    // A write beyond what the manifest reserved: the manifest is an older copy.
    if (standing === 'beyond') this.#unverified = this.#everUnverified = true;
    adoptNewer(this.#manifest, id, stamp.seq);
    this.#adoptedNow.add(id);
    return 'adopted';
  }

  /**
   * A format 1 record carries no number of its own. The upgrade lists each one it finds
   * under FORMAT_ONE_SEQ; a copy of one since written again is older than the record, and
   * a copy of one since deleted (or never there) is a replay. With no manifest to ask, it
   * is taken in, unvouched, as any record is then.
   */
  #judgeFormatOne(id: string): Verdict {
    const standing = this.#formatOneStanding(id);
    if (standing !== 'unchecked') return standing;
    this.#manifest.entries.set(id, FORMAT_ONE_SEQ);
    this.#adoptedNow.add(id);
    return 'adopted';
  }

  #formatOneStanding(id: string): 'use' | 'stale' | 'replayed' | 'unchecked' {
    const listed = this.#manifest.entries.get(id);
    if (listed === FORMAT_ONE_SEQ) return 'use';
    if (listed !== undefined) return 'stale';
    return this.#readFromDisk ? 'replayed' : 'unchecked';
  }

  /** Whether the manifest disowns this copy of a record (an older copy, or a replay). */
  #disowns(id: string, stamp: RecordStamp): boolean {
    if (stamp.seq === null) {
      const standing = this.#formatOneStanding(id);
      return standing === 'stale' || standing === 'replayed';
    }
    const standing = standingOf(this.#manifest, id, stamp.seq, this.#bounds);
    return standing === 'stale' || standing === 'replayed';
  }

  /**
   * Whether every record the manifest lists has a file, and no file is still sealed under
   * `generation` but for copies the manifest disowns (older copies, replays): then the key
   * of that generation can go.
   */
  async nothingLeftUnder(generation: number): Promise<boolean> {
    const ids = await recordIds(this.#dir);
    if (this.missingFrom(new Set(ids)).length > 0) return false;
    for (const id of ids) {
      const stamp = await readRecordStamp(this.#dir, id);
      if (!stamp) return false;
      if (stamp === 'undecodable' || stamp.generation !== generation) continue;
      if (!this.#disowns(id, stamp)) return false;
    }
    return true;
  }

  /** Every record the manifest lists. */
  listedIds(): string[] {
    return [...this.#manifest.entries.keys()];
  }

  /**
   * A manifest for a backup: this one's numbers, listing only `entries` (the records the
   * backup holds), so that the vault a backup becomes numbers its next write past them all.
   */
  forBackup(entries: ReadonlyMap<string, number>): Manifest {
    let nextSeq = this.#manifest.nextSeq;
    for (const seq of entries.values()) nextSeq = Math.max(nextSeq, seq + 1);
    return {
      nextSeq,
      reservedUpTo: Math.max(this.#manifest.reservedUpTo, nextSeq),
      trustedFrom: this.#manifest.trustedFrom,
      entries: new Map(entries),
    };
  }

  /** Whether the manifest lists the record: one it lists, but that is not found, went missing. */
  lists(id: string): boolean {
    return this.#manifest.entries.has(id);
  }

  /** The records the manifest lists that have no file among those found. */
  missingFrom(found: ReadonlySet<string>): string[] {
    return missingRecords(this.#manifest, found);
  }

  /**
   * Whether a record may be acted on by something automatic (the trash's 30-day purge):
   * listed, written since the manifest was last trusted, and not taken in this session on
   * a crash's word.
   */
  isVouched(id: string): boolean {
    const seq = this.#manifest.entries.get(id);
    // A format 1 record was only found, never checked, until it is sealed again.
    if (seq === undefined || seq === FORMAT_ONE_SEQ) return false;
    return seq >= this.#manifest.trustedFrom && !this.#adoptedNow.has(id);
  }

  /**
   * Whether the manifest could not vouch for what was read; told once. The manifest rebuilt
   * from what was found vouches only for writes from here on, so nothing automatic ever acts
   * on what it could not check. The caller then saves it.
   */
  /** Whether the manifest has vouched for everything read so far this session. */
  get trusted(): boolean {
    return !this.#everUnverified;
  }

  /**
   * Every write so far stops being vouched for: for format 1 records sealed again while the
   * manifest could not vouch for them, whose new numbers would otherwise vouch for them.
   */
  distrustWritesSoFar(): void {
    this.#manifest.trustedFrom = this.#manifest.nextSeq;
    this.#saveSoon();
  }

  takeUnverified(): boolean {
    if (!this.#unverified) return false;
    this.#manifest.trustedFrom = this.#manifest.nextSeq;
    this.#unverified = false;
    return true;
  }

  /**
   * The next write's number. Past what the manifest on disk has reserved, a new manifest
   * (reserving more) is written first, so no genuine write is ever beyond the reservation.
   */
  async #takeSeq(): Promise<number> {
    const seq = this.#manifest.nextSeq++;
    this.#unlisted.add(seq);
    if (seq >= this.#reservedOnDisk) await this.save();
    return seq;
  }

  /**
   * After a save, the manifest is written a moment later, once for a burst of saves, and
   * always before the lock. A crash in between loses nothing: a record newer than the
   * manifest is taken in on the next open (see integrity.ts), so the save itself costs one
   * file write, not two.
   */
  #saveSoon(): void {
    this.#changes += 1;
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      // Refused once the vault is locking; a failure is retried by the next save, and by the lock.
      this.#runWhileOpen(() => this.save()).catch(() => {});
    }, MANIFEST_PAUSE_MS);
  }

  /** Writes the manifest so that it includes every change made before this call. */
  async save(): Promise<void> {
    const wanted = ++this.#changes;
    while (this.#saved < wanted) {
      if (!this.#saving) {
        const covers = this.#changes;
        const reserved = this.#manifest.nextSeq + MANIFEST_RESERVE;
        this.#manifest.reservedUpTo = Math.max(this.#manifest.reservedUpTo, reserved);
        // Its next number is the first write it does not list yet, so such a write, found
        // after a crash, reads as newer, never as replayed.
        const listedUpTo = Math.min(this.#manifest.nextSeq, ...this.#unlisted);
        this.#saving = writeManifest(
          this.#dir,
          { ...this.#manifest, nextSeq: listedUpTo },
          this.#sealing(),
        )
          .then(() => {
            this.#saved = Math.max(this.#saved, covers);
            this.#reservedOnDisk = Math.max(this.#reservedOnDisk, reserved);
          })
          .finally(() => {
            this.#saving = null;
          });
      }
      await this.#saving;
    }
  }

  /** Before the lock: the delayed write, if one is still owed, is made now. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#saved < this.#changes) {
      // If the disk refuses even now, the records are taken in on the next open.
      await this.save().catch(() => {});
    }
  }

  /** At the lock: the list of records goes with the keys. */
  forget(): void {
    this.#manifest = emptyManifest();
  }
}
