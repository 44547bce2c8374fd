/**
 * A startup problem the developer can fix (a port taken, nats-server missing). Its message is
 * printed as is, without a stack trace, and the stack exits non-zero.
 */
export class StackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackError';
  }
}

/** Thrown into the startup sequence when a signal asked the stack to stop half-way. */
export class StartupAborted extends Error {
  constructor() {
    super('startup aborted: the stack is stopping');
    this.name = 'StartupAborted';
  }
}
