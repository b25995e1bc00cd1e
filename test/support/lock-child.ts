/**
 * A process that races for a process lock when told to, for the take-over tests. Run with
 * `node --import tsx`. On "take" it tries the lock and prints "won" or "busy"; on "release"
 * it lets go and prints "released". It appends "hold <name>" to the shared log only once it
 * holds the lock, and "release <name>" before it lets go, so the logged spans lie inside the
 * real ones: two logged spans that overlap prove two holders at once.
 *
 *   lock-child.ts <lock path> <log path> <name>
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isAppError } from '../../src/main/app-error';
import { acquireProcessLock, type ProcessLock } from '../../src/main/vault/process-lock';

async function main() {
  const [lockPath = '', logPath = '', name = ''] = process.argv.slice(2);
  let held: ProcessLock | null = null;
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'take') {
      try {
        held = await acquireProcessLock(lockPath);
        appendFileSync(logPath, `hold ${name}\n`);
        process.stdout.write('won\n');
      } catch (error) {
        process.stdout.write(isAppError(error, 'vault-busy') ? 'busy\n' : `error ${error}\n`);
      }
    } else if (line === 'release') {
      appendFileSync(logPath, `release ${name}\n`);
      await held?.release();
      held = null;
      process.stdout.write('released\n');
    }
  }
}

if (process.argv[1]?.endsWith('lock-child.ts')) void main();
