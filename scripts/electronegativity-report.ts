/**
 * Reads electronegativity's SARIF report and compares it with the findings we explain.
 * Kept apart from check-electronegativity.ts so the tests can feed it reports.
 *
 * SARIF, not CSV: the tool writes its CSV header and its rows with two writes that race,
 * so the header now and then lands over the first row, and a hand-split CSV also breaks on
 * any comma or quote in a cell. The SARIF report is one JSON document, written at once.
 */
import { z } from 'zod';

export interface Finding {
  check: string;
  /** Relative to src/, with forward slashes; "N/A" for a finding about no one file. */
  file: string;
  /** "line:column", both from 1. */
  location: string;
}

export interface Explained {
  check: string;
  file: string;
  reason: string;
}

// Only what we read is checked; anything else the tool adds is left alone. The tool writes
// one run, and one location for each result.
const SarifSchema = z.object({
  version: z.literal('2.1.0'),
  runs: z.tuple([
    z.object({
      results: z.array(
        z.object({
          ruleId: z.string().min(1),
          locations: z.tuple([
            z.object({
              physicalLocation: z.object({
                artifactLocation: z.object({ uri: z.string() }),
                region: z.object({ startLine: z.number(), startColumn: z.number() }),
              }),
            }),
          ]),
        }),
      ),
    }),
  ]),
});

/** The uri the tool gives a finding that belongs to no file, such as a missing CSP. */
const NO_FILE_URI = 'file:///';

/** Every finding in a SARIF report from electronegativity run with `-r`. */
export function findingsFromSarif(text: string): Finding[] {
  const [run] = SarifSchema.parse(JSON.parse(text)).runs;
  return run.results.map(({ ruleId, locations: [{ physicalLocation }] }) => {
    const { uri } = physicalLocation.artifactLocation;
    const { startLine, startColumn } = physicalLocation.region;
    return {
      check: ruleId,
      // On Windows the tool's relative paths use backslashes; the explanations use slashes.
      file: uri === NO_FILE_URI ? 'N/A' : uri.replaceAll('\\', '/'),
      location: `${startLine}:${startColumn}`,
    };
  });
}

/** Findings that nothing explains, and explanations that no finding needs any more. */
export function compareWithExplained(
  findings: Finding[],
  explained: Explained[],
): { unexplained: Finding[]; stale: Explained[] } {
  const same = (finding: Finding, entry: Explained) =>
    finding.check === entry.check && finding.file === entry.file;
  return {
    unexplained: findings.filter((finding) => !explained.some((entry) => same(finding, entry))),
    stale: explained.filter((entry) => !findings.some((finding) => same(finding, entry))),
  };
}
