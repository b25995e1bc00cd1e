import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** Returns a maker of fresh folders; every folder it made is removed after each test. */
export function tempDirs(prefix = 'stillwater-test-'): () => string {
  const created: string[] = [];
  afterEach(() => {
    for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    created.push(dir);
    return dir;
  };
}

/** The names in a folder, for tests whose own code may not reach the file system. */
export function namesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}
