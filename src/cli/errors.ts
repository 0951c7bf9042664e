// Errors the CLI reports as one line and a non-zero exit, never as a stack trace.

/** Bad flags, bad files, bad values: printed as `simtop: <message>`, exit 2. */
export class UsageError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = "UsageError";
    this.exitCode = exitCode;
  }
}
