import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { KdfSettings } from '../../src/main/vault/vault';

/** The lowest settings the vault accepts, so tests spend milliseconds, not seconds, in Argon2. */
export const FAST_KDF: KdfSettings = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };

/** Every file under `dir`, by relative path, with its bytes: to prove nothing was changed. */
export function snapshotFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      const info = statSync(full);
      if (info.isDirectory()) walk(full);
      // A huge (sparse) test file is compared by size: reading it would need gigabytes.
      else if (info.size > 64 * 1024 * 1024)
        files.set(path.relative(dir, full), Buffer.from(`size ${info.size}`));
      else files.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return files;
}
