/** A failure the operator can act on: its message is the one line printed, with this exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** Exit code of a command used wrongly (an unknown name), as opposed to a command that failed. */
export const USAGE_EXIT_CODE = 2;

/** Prints one line on stderr and sets the exit code; the process then ends once the store is closed. */
export function reportFailure(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`partnerctl: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = error instanceof CliFailure ? error.exitCode : 1;
}
