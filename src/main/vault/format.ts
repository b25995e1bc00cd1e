/**
 * The on-disk format, version 2 (and what is needed to read and upgrade version 1): the
 * version numbers, the vault folder's layout and the size limits. Each file's byte layout
 * is beside it: header-format, record-format (with padding) and manifest-format.
 * docs/vault-format.md describes the same thing for people; keep the two in step.
 */
import { RECORD_ID_PATTERN, RecordIdSchema } from '../../shared/vault/schemas';

export const FORMAT_VERSION = 2;
/** The first format; its records belong to key generation 0 and are re-sealed on upgrade. */
export const LEGACY_FORMAT_VERSION = 1;
export const LEGACY_GENERATION = 0;
export const HEADER_FILE = 'vault.header';
/** Written by format 1 before each change of passphrase; removed on open, since the old passphrase opens it. */
export const LEGACY_PREVIOUS_HEADER_FILE = 'vault.header.previous';
export const MANIFEST_FILE = 'vault.manifest';
export const LOCK_FILE = 'vault.lock';
export const RECORDS_DIR = 'records';
export const RECORD_EXTENSION = '.rec';
/** Larger files are refused before they are read: no record is legitimately this big. */
export const MAX_RECORD_FILE_BYTES = 32 * 1024 * 1024;
export const MAX_HEADER_FILE_BYTES = 64 * 1024;
/** 24 bytes an entry: room for about 2.6 million records. */
export const MAX_MANIFEST_FILE_BYTES = 64 * 1024 * 1024;

/** Record ids name the record's file; their one schema is shared with the IPC contract. */
export { RECORD_ID_PATTERN, RecordIdSchema };
