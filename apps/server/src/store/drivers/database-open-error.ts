// Start-up failures that only the operator can fix: a setting pointing at the wrong place, a damaged
// data directory, a database server out of reach. The message is one line that names the setting and
// says what to do; the CLI prints it as it is, without a stack trace (the cause stays attached).

export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

/** The first line of an error's message, for quoting inside a one-line explanation. */
export function firstLineOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() || 'unknown error';
}

/** The code of a node system error (ENOENT, EACCES…) or a PostgreSQL error (28P01…), if any. */
export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
