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

interface Explained {
  check: string;
  file: string;
  reason: string;
}

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
const report = path.join(scratch, 'findings.csv');
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

/** Findings as [check, file, location], from the CSV the tool writes. */
const findings = readFileSync(report, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [check = '', , , file = '', location = ''] = line
      .split(',')
      .map((cell) => cell.replace(/^"|"$/g, ''));
    return { check, file, location };
  });
rmSync(scratch, { recursive: true, force: true });

const unexplained = findings.filter(
  (finding) =>
    !explained.some((entry) => entry.check === finding.check && entry.file === finding.file),
);
const stale = explained.filter(
  (entry) =>
    !findings.some((finding) => finding.check === entry.check && finding.file === entry.file),
);

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
