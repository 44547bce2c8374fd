import { ManagedProcess, ManagedProcessOptions } from './managed-process';
import { Output, SourceLogger } from './output';

/** What `services` are: the helpdesk's own processes, stopped first; `infrastructure` after them. */
export type ProcessRole = 'service' | 'infrastructure';

/** What the steps of the startup sequence get from the stack. */
export interface StackContext {
  env: NodeJS.ProcessEnv;
  output: Output;
  log: SourceLogger;
  /** Starts a child that the stack stops on shutdown; throws once the stack is stopping. */
  start(options: Omit<ManagedProcessOptions, 'output'>, role: ProcessRole): ManagedProcess;
  /**
   * Called between and during startup steps: throws `StartupAborted` once a signal asked the stack
   * to stop, and a `StackError` when one of its children has exited meanwhile.
   */
  checkpoint(): void;
}
