/**
 * Ctrl-C and SIGTERM, in one place: a command that must say something before it dies (how to
 * resume an experiment, a worker finishing its runs) registers a handler here. Exit codes are
 * 128 + the signal's number, as shells report a process a signal stopped: 130 for SIGINT,
 * 143 for SIGTERM.
 *
 * Contract: the handler runs once, for the first of the two signals; the returned function
 * removes it (call it when the command ends normally). With no handler registered, Node's
 * default applies.
 */
export type StopSignal = "SIGINT" | "SIGTERM";

export const SIGNAL_EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

export function onInterrupt(handler: (signal: StopSignal) => void): () => void {
  const listener = (signal: StopSignal) => {
    remove();
    handler(signal);
  };
  const remove = () => {
    process.off("SIGINT", listener);
    process.off("SIGTERM", listener);
  };
  process.on("SIGINT", listener);
  process.on("SIGTERM", listener);
  return remove;
}
