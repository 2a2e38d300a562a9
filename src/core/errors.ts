/**
 * An error caused by what someone gave us (a path, a flag, a broken file we own), as opposed to
 * a bug. Fronts print its message as one line and exit 2; never a stack trace.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
