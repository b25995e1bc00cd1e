import { copyFileSync, existsSync, lstatSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeError, type Logger } from '../logger';

/** A small JSON settings file whose content is always valid against its schema. */
export interface ValidatedStore<T> {
  readonly path: string;
  read(): T;
  write(value: T): void;
}

/**
 * The JSON file underneath, as electron-store (in the app) or conf, the engine it is built
 * on (in tests), keeps it: the whole content is read and written at once.
 */
export interface SettingsFile {
  store: Record<string, unknown>;
}

/**
 * How every settings file is opened. clearInvalidConfig would delete a file it cannot read:
 * ours is set aside instead, so opening one throws, and is tried again once it is out of the way.
 */
export const SETTINGS_FILE_OPTIONS = {
  clearInvalidConfig: false,
  accessPropertiesByDotNotation: false,
  watch: false,
} as const;

/**
 * Far more than any settings file Stillwater writes. A bigger one was not written by it,
 * and is not read into memory at start-up.
 */
export const MAX_SETTINGS_FILE_BYTES = 256 * 1024;

export type SettingsFileOptions = typeof SETTINGS_FILE_OPTIONS & { name: string; cwd: string };

/** Opens `<cwd>/<name>.json`; throws if the file is there but cannot be parsed. */
export type OpenSettingsFile = (options: SettingsFileOptions) => SettingsFile;

export interface ValidatedStoreOptions<S extends z.ZodObject> {
  /** The file's name, without ".json". */
  name: string;
  /** The folder it lives in. */
  cwd: string;
  openFile: OpenSettingsFile;
  schema: S;
  defaults: z.output<S>;
  logger: Logger;
  /** When a file is set aside; injectable so tests can name the copy. */
  now?: () => Date;
}

/**
 * Opens a settings file, checked against a zod schema. A file that cannot be parsed, or that
 * holds values the schema refuses, never stops the app and is never deleted: it is kept
 * beside the original as "<name>.json.damaged-<time>", and every field that can be saved from
 * it is kept, the rest falling back to defaults.
 */
export function openValidatedStore<S extends z.ZodObject>(
  options: ValidatedStoreOptions<S>,
): ValidatedStore<z.output<S>> {
  const { name, cwd, openFile, schema, defaults, logger, now = () => new Date() } = options;
  const open = () => openFile({ ...SETTINGS_FILE_OPTIONS, name, cwd });
  const filePath = path.join(cwd, `${name}.json`);
  const asidePath = () => `${filePath}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`;

  // The store reads the file with a plain blocking read and writes through links, so what is
  // not a small regular file (a pipe would hang start-up; a link would be written through) is
  // set aside before the store ever opens it.
  const planted = notASmallFile(filePath);
  if (planted) {
    const aside = asidePath();
    renameSync(filePath, aside);
    logger.warn(`${name}.json was ${planted}; kept as ${path.basename(aside)}, using defaults`);
  }

  let store: SettingsFile;
  try {
    store = open();
  } catch (error) {
    const aside = asidePath();
    if (existsSync(filePath)) renameSync(filePath, aside);
    logger.warn(
      `${name}.json could not be read (${describeError(error)}); kept as ${path.basename(aside)}, using defaults`,
    );
    store = open();
  }

  const raw = store.store;
  let current: z.output<S>;
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    current = parsed.data;
  } else {
    const badFields = [
      ...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '(file)'))),
    ];
    current = salvage(schema, defaults, raw);
    // What the store hands over is already reshaped (an array or a string becomes an object of
    // its items, null an empty one), so whether there is anything to keep is read off the file.
    if (holdsSomething(filePath)) {
      const aside = asidePath();
      copyFileSync(filePath, aside);
      logger.warn(
        `${name}.json had invalid values in ${badFields.join(', ')}; kept as ${path.basename(aside)}, using defaults for those`,
      );
    }
    store.store = current;
  }

  return {
    path: filePath,
    // The file is read again on every access; the validated copy in memory is the truth.
    read: () => structuredClone(current),
    write(value) {
      current = schema.parse(value);
      store.store = current;
    },
  };
}

/** What is wrong with the file at `filePath`, when it is there and not a small regular file. */
function notASmallFile(filePath: string): string | null {
  let stats;
  try {
    stats = lstatSync(filePath);
  } catch {
    return null;
  }
  if (stats.isSymbolicLink()) return 'a link';
  if (!stats.isFile()) return 'not a file';
  if (stats.size > MAX_SETTINGS_FILE_BYTES) return `larger than ${MAX_SETTINGS_FILE_BYTES} bytes`;
  return null;
}

/** Whether the file holds anything a person could want back: not absent, blank or `{}`. */
function holdsSomething(filePath: string): boolean {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch {
    return false;
  }
  try {
    const value: unknown = JSON.parse(text);
    const isEmptyObject =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length === 0;
    return !isEmptyObject;
  } catch {
    return text.trim() !== '';
  }
}

/**
 * Keeps each top-level field that is valid on its own; defaults fill in the rest. A group of
 * settings kept as one object is salvaged the same way, value by value, so one damaged value
 * does not cost the group's others.
 */
function salvage<S extends z.ZodObject>(
  schema: S,
  defaults: z.output<S>,
  raw: Record<string, unknown>,
): z.output<S> {
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, fieldSchema] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    if (!(key in raw)) continue;
    const field = fieldSchema.safeParse(raw[key]);
    const group = objectWithin(fieldSchema);
    const rawGroup = raw[key];
    if (field.success) {
      result[key] = field.data;
    } else if (group && isPlainObject(rawGroup)) {
      result[key] = salvage(group, result[key] as z.output<typeof group>, rawGroup);
    }
  }
  return schema.parse(result);
}

/** The object schema a field holds, defaulted or not; undefined for any other field. */
function objectWithin(fieldSchema: z.ZodType): z.ZodObject | undefined {
  const inner = fieldSchema instanceof z.ZodDefault ? fieldSchema.unwrap() : fieldSchema;
  return inner instanceof z.ZodObject ? inner : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
