/**
 * A second process that holds a vault open and saves to it, for the crash and
 * two-process tests. Run with `node --import tsx`. It prints "ack <n>" once save n has
 * resolved, i.e. once the vault has told its caller the record is safe.
 *
 *   vault-child.ts <dir> <passphrase> <first n> <slots>
 */
import { FAST_KDF } from './vault-fixtures';
import { unlockVault } from '../../src/main/vault/opening';

export const slotId = (slot: number) => slot.toString(16).padStart(32, '0');

async function main() {
  const [dir = '', passphrase = '', first = '0', slots = '50'] = process.argv.slice(2);
  let vault;
  try {
    vault = await unlockVault(dir, passphrase, { kdf: FAST_KDF });
  } catch (error) {
    process.stdout.write(`refused ${(error as { kind?: string }).kind ?? 'unknown'}\n`);
    process.exit(3);
  }
  process.stdout.write('ready\n');
  for (let n = Number(first); ; n++) {
    await vault.put('note', { n, text: `entry ${n} `.repeat(40) }, slotId(n % Number(slots)));
    process.stdout.write(`ack ${n}\n`);
  }
}

if (process.argv[1]?.endsWith('vault-child.ts')) void main();
