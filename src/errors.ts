/**
 * A mistake the user can fix (an unknown lesson, a bad flag, a missing tool). The CLI prints its message
 * alone, without a stack trace, unless --debug is given.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** The process exit code the CLI should use. */
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
