/** Median and 95th percentile of a set of timings. */
export function summarise(values: number[]): { median: number; p95: number } {
  // A run that recorded nothing (NaN) is left out rather than poisoning the figures.
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

/** Prints a Markdown table, so figures can be pasted into BENCHMARKS.md as they are. */
export function printTable(title: string, header: string[], rows: string[][]): void {
  const lines = [
    '',
    `### ${title}`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
