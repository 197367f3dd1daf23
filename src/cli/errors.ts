/**
 * An error the user can act on (bad input, bad flags, unreadable file). The CLI prints its message
 * without a stack trace and exits with `exitCode` (2 = usage or input error, the convention of every
 * command in this project).
 */
export class UserError extends Error {
  constructor(message: string, public readonly exitCode = 2) {
    super(message);
    this.name = 'UserError';
  }
}
