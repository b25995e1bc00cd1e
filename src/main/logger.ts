/**
 * Named loggers that write to stderr only. Nothing is kept in a log file, so nothing a log
 * line says outlives the process. Callers pass facts about the app (a field name, an error
 * kind), never anything the user wrote.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogSink = (level: LogLevel, line: string) => void;

const stderrSink: LogSink = (_level, line) => {
  process.stderr.write(`${line}\n`);
};

export function createLogger(name: string, sink: LogSink = stderrSink): Logger {
  const write = (level: LogLevel) => (message: string) =>
    sink(level, `[${new Date().toISOString()}] ${level} ${name}: ${message}`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

/** The name of an error, without its message: messages can quote the data that failed. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${error.name} (${code})` : error.name;
  }
  return typeof error;
}
