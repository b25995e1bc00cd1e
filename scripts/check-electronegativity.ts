/**
 * Runs electronegativity over src/ and fails on any finding that
 * security/electronegativity-explained.json does not explain. Offline: the check that looks
 * up Electron releases on the network is left out.
 *
 *   npm run check:security
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  compareWithExplained,
  findingsFromSarif,
  type Explained,
  type Finding,
} from './electronegativity-report';

const root = path.resolve(import.meta.dirname, '..');
const electronVersion = (
  createRequire(import.meta.url)('electron/package.json') as { version: string }
).version;
const explained = (
  JSON.parse(
    readFileSync(path.join(root, 'security/electronegativity-explained.json'), 'utf8'),
  ) as {
    findings: Explained[];
  }
).findings;

const scratch = mkdtempSync(path.join(tmpdir(), 'stillwater-electronegativity-'));
const report = path.join(scratch, 'findings.sarif');
const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'),
    '-i',
    path.join(root, 'src'),
    '-x',
    'availablesecurityfixesglobalcheck',
    '-e',
    electronVersion,
    '-r',
    '-o',
    report,
  ],
  { encoding: 'utf8', timeout: 300_000 },
);
if (run.status !== 0) {
  process.stderr.write(`electronegativity did not run: ${run.stderr || run.error?.message}\n`);
  process.exit(1);
}

/** The findings, or null when there is no report, or not one of the shape we know. */
function readFindings(): Finding[] | null {
  try {
    return findingsFromSarif(readFileSync(report, 'utf8'));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    process.stderr.write(`electronegativity's report could not be read: ${why}\n`);
    return null;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
const findings = readFindings();
// An unreadable report fails the check; it never counts as "no findings".
if (!findings) process.exit(1);
const { unexplained, stale } = compareWithExplained(findings, explained);

process.stdout.write(
  `electronegativity: ${findings.length} findings, ${findings.length - unexplained.length} explained\n`,
);
for (const finding of unexplained) {
  process.stdout.write(
    `  UNEXPLAINED ${finding.check} in ${finding.file} at ${finding.location}\n`,
  );
}
for (const entry of stale) {
  process.stdout.write(
    `  no longer reported, remove its explanation: ${entry.check} in ${entry.file}\n`,
  );
}
process.exit(unexplained.length > 0 ? 1 : 0);
