/** A ticket command runner: performs it, toasts `what` or the error, reloads; answers success. */
export type RunCommand = (what: string, action: () => Promise<unknown>) => Promise<boolean>;
