import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithExplained, findingsFromSarif } from './electronegativity-report';

/**
 * A real report: electronegativity 1.10.3 with `-r -o report.sarif` on one file named
 * `main/say "hello", then go.js`, which opens a window with nodeIntegration and passes a
 * concatenated string to insertCSS. Its DANGEROUS_FUNCTIONS_JS_CHECK description is
 * "Do not use insertCSS, executeJavaScript, eval, …", commas and all. Only the absolute
 * working folder was changed by hand, and the links to the tool’s web pages were taken out
 * (the parser reads neither, and nothing in this project names a remote address).
 */
const REAL_REPORT = readFileSync(
  path.resolve(import.meta.dirname, '../test/fixtures/electronegativity/report.sarif'),
  'utf8',
);

const QUOTED_FILE = 'main/say "hello", then go.js';

/** A report of the tool's shape with the given results. */
function report(
  results: { ruleId: string; text: string; uri: string; line?: number; column?: number }[],
): string {
  return JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Electronegativity', rules: [] } },
        results: results.map(({ ruleId, text, uri, line = 1, column = 1 }) => ({
          ruleId,
          level: 'warning',
          message: { text },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri },
                region: { startLine: line, startColumn: column, charLength: 0 },
              },
            },
          ],
        })),
      },
    ],
  });
}

describe("reading electronegativity's SARIF report", () => {
  it('reads every finding of a real report, whatever commas and quotes its cells hold', () => {
    expect(findingsFromSarif(REAL_REPORT)).toEqual([
      { check: 'CSP_GLOBAL_CHECK', file: 'N/A', location: '1:1' },
      { check: 'LIMIT_NAVIGATION_GLOBAL_CHECK', file: 'N/A', location: '1:1' },
      { check: 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', file: 'N/A', location: '1:1' },
      { check: 'NODE_INTEGRATION_JS_CHECK', file: QUOTED_FILE, location: '2:54' },
      { check: 'AUXCLICK_JS_CHECK', file: QUOTED_FILE, location: '2:16' },
      { check: 'CONTEXT_ISOLATION_JS_CHECK', file: QUOTED_FILE, location: '2:16' },
      { check: 'SANDBOX_JS_CHECK', file: QUOTED_FILE, location: '2:16' },
      { check: 'DANGEROUS_FUNCTIONS_JS_CHECK', file: QUOTED_FILE, location: '4:1' },
    ]);
  });

  it('keeps a description with commas, quotes and line breaks out of the check and the file', () => {
    const text = 'Do not use "insertCSS", eval, or Function,\nwith "user-supplied, content"';
    expect(
      findingsFromSarif(
        report([{ ruleId: 'SANDBOX_JS_CHECK', text, uri: 'main/index.ts', line: 117, column: 18 }]),
      ),
    ).toEqual([{ check: 'SANDBOX_JS_CHECK', file: 'main/index.ts', location: '117:18' }]);
  });

  it('gives Windows paths forward slashes, as the explanations have them', () => {
    expect(
      findingsFromSarif(report([{ ruleId: 'SANDBOX_JS_CHECK', text: '', uri: 'main\\index.ts' }])),
    ).toMatchObject([{ file: 'main/index.ts' }]);
  });

  it('refuses a report it does not understand, rather than finding nothing in it', () => {
    expect(() => findingsFromSarif('')).toThrow();
    expect(() => findingsFromSarif('issue, severity, confidence, filename')).toThrow();
    expect(() => findingsFromSarif(JSON.stringify({ version: '2.1.0', runs: [] }))).toThrow();
    expect(() =>
      findingsFromSarif(JSON.stringify({ version: '2.1.0', runs: [{ results: [{}] }] })),
    ).toThrow();
  });

  it('reads a report with no findings as none', () => {
    expect(findingsFromSarif(report([]))).toEqual([]);
  });
});

describe('comparing findings with their explanations', () => {
  const explained = [
    { check: 'CSP_GLOBAL_CHECK', file: 'N/A', reason: 'sent as a header' },
    { check: 'SANDBOX_JS_CHECK', file: 'main/index.ts', reason: 'set in window-options.ts' },
  ];

  it('matches by check and file, and names what is unexplained and what is stale', () => {
    const findings = findingsFromSarif(
      report([
        { ruleId: 'CSP_GLOBAL_CHECK', text: 'No CSP, anywhere', uri: 'file:///' },
        { ruleId: 'SANDBOX_JS_CHECK', text: 'Use sandbox', uri: 'main/other.ts', line: 3 },
      ]),
    );
    expect(compareWithExplained(findings, explained)).toEqual({
      unexplained: [{ check: 'SANDBOX_JS_CHECK', file: 'main/other.ts', location: '3:1' }],
      stale: [explained[1]],
    });
  });

  it('passes when every finding is explained', () => {
    const findings = findingsFromSarif(
      report([
        { ruleId: 'CSP_GLOBAL_CHECK', text: 'No CSP', uri: 'file:///' },
        { ruleId: 'SANDBOX_JS_CHECK', text: 'Use sandbox', uri: 'main/index.ts' },
      ]),
    );
    expect(compareWithExplained(findings, explained)).toEqual({ unexplained: [], stale: [] });
  });
});
