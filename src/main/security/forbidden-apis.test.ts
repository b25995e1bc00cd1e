import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|svelte|html|css|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)
      ? [full]
      : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({
  file: path.relative(SRC, file),
  text: readFileSync(file, 'utf8'),
}));

describe('what the app never does', () => {
  it.each([
    ['opens anything outside itself', /\bopenExternal\b|\bopenPath\b/],
    ['starts the crash reporter, which could write or send dumps', /\bcrashReporter\b/],
    ['checks for updates or reports telemetry', /\bautoUpdater\b|\btelemetry\b|\banalytics\b/i],
    ['adds to the OS recent-documents list', /\baddRecentDocument\b/],
    ['shows OS notifications', /\bnew Notification\b|\bNotification\.requestPermission\b/],
    ['names a remote URL', /\bhttps?:\/\/(?!127\.0\.0\.1|localhost)/],
    ['uses a webview', /<webview|webviewTag:\s*true/],
  ])('never %s', (_what, pattern) => {
    expect(files.filter(({ text }) => pattern.test(text)).map(({ file }) => file)).toEqual([]);
  });
});
