import { copyFileSync, existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import ElectronStore from 'electron-store';
import type { z } from 'zod';
import { describeError, type Logger } from '../logger';

/** A small JSON settings file whose content is always valid against its schema. */
export interface ValidatedStore<T> {
  readonly path: string;
  read(): T;
  write(value: T): void;
}

export interface ValidatedStoreOptions<S extends z.ZodObject> {
  /** The file's name, without ".json". */
  name: string;
  /** The folder it lives in. */
  cwd: string;
  schema: S;
  defaults: z.output<S>;
  logger: Logger;
  /** When a file is set aside; injectable so tests can name the copy. */
  now?: () => Date;
}

function openElectronStore(name: string, cwd: string) {
  // clearInvalidConfig would delete a file it cannot read. Ours is set aside instead.
  return new ElectronStore<Record<string, unknown>>({
    name,
    cwd,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
  });
}

/**
 * Opens a settings file through electron-store, checked against a zod schema. A file that
 * cannot be parsed, or that holds values the schema refuses, never stops the app and is never
 * deleted: it is kept beside the original as "<name>.json.damaged-<time>", and every field
 * that can be saved from it is kept, the rest falling back to defaults.
 */
export function openValidatedStore<S extends z.ZodObject>(
  options: ValidatedStoreOptions<S>,
): ValidatedStore<z.output<S>> {
  const { name, cwd, schema, defaults, logger, now = () => new Date() } = options;
  const filePath = path.join(cwd, `${name}.json`);
  const asidePath = () => `${filePath}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`;

  let store: ElectronStore<Record<string, unknown>>;
  try {
    store = openElectronStore(name, cwd);
  } catch (error) {
    const aside = asidePath();
    if (existsSync(filePath)) renameSync(filePath, aside);
    logger.warn(
      `${name}.json could not be read (${describeError(error)}); kept as ${path.basename(aside)}, using defaults`,
    );
    store = openElectronStore(name, cwd);
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
    if (Object.keys(raw).length > 0) {
      const aside = asidePath();
      copyFileSync(filePath, aside);
      logger.warn(
        `${name}.json had invalid values in ${badFields.join(', ')}; kept as ${path.basename(aside)}, using defaults for those`,
      );
    }
    store.store = current as Record<string, unknown>;
  }

  return {
    path: filePath,
    // electron-store reads the file on every access; the validated copy in memory is the truth.
    read: () => structuredClone(current),
    write(value) {
      current = schema.parse(value);
      store.store = current as Record<string, unknown>;
    },
  };
}

/** Keeps each top-level field that is valid on its own; defaults fill in the rest. */
function salvage<S extends z.ZodObject>(
  schema: S,
  defaults: z.output<S>,
  raw: Record<string, unknown>,
): z.output<S> {
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, fieldSchema] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const field = fieldSchema.safeParse(raw[key]);
    if (key in raw && field.success) result[key] = field.data;
  }
  return schema.parse(result);
}
