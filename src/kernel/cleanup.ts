/**
 * Work to undo if the process is stopped midway: temporary folders, half-written output files.
 * SIGINT and SIGTERM run it and exit with 128 + the signal's number, as shells expect; a closed
 * stdout pipe (`segment … | head`) runs it and exits quietly with 0.
 */
const tasks = new Set<() => void>();

/** Registers a clean-up step; call the returned function once the step is no longer needed. */
export function onCleanup(task: () => void): () => void {
  tasks.add(task);
  return () => {
    tasks.delete(task);
  };
}

/** Runs every registered step (each once, whatever the others do). */
export function runCleanup(): void {
  for (const task of [...tasks]) {
    tasks.delete(task);
    try {
      task();
    } catch {
      // Cleaning up is best effort: the process is ending anyway.
    }
  }
}

let installed = false;

export function installSignalHandlers(exit: (code: number) => never): void {
  if (installed) return;
  installed = true;
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.on(signal, () => {
      runCleanup();
      exit(128 + number);
    });
  }
}
