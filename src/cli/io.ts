export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes shared by every command: CI pipelines branch on them. */
export const exitCodes = { ok: 0, problems: 1, usage: 2 } as const;

/** A mistake in the command line: exit code 2, the message, then the command's usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(message: string, readonly usage?: string) {
    super(message);
  }
}

/**
 * Told by its name as well as its class: the commands other than `check` are a bundle of their own
 * (dist/cli-commands.js), with its own copy of this module, and their usage errors reach main.ts from there.
 */
export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError || (error instanceof Error && error.name === 'UsageError');
}
