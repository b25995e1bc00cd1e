import { createLogger, type LogLevel, type Logger } from '../../src/main/logger';

/** A named logger whose lines are kept for the test to read. */
export function captureLogger(
  name = 'test',
): Logger & { lines: { level: LogLevel; line: string }[] } {
  const lines: { level: LogLevel; line: string }[] = [];
  return Object.assign(
    createLogger(name, (level, line) => lines.push({ level, line })),
    { lines },
  );
}
