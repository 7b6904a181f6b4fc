/**
 * A one-line progress indicator on stderr for inputs that take more than about a second: what is
 * being done, the running query's percentage where the engine knows it, and the time so far.
 * Only on a terminal (a log file or a pipe gets nothing) and never for JSON output.
 */

export interface ProgressOptions {
  readonly stream: NodeJS.WriteStream;
  /** e.g. `segment report` */
  readonly prefix: string;
  /** The running query's percentage, or a negative number when unknown. */
  readonly percent: () => number;
  readonly delayMs?: number;
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export interface Progress {
  stage(label: string): void;
  /** Clears the line, so that a warning can be written; the next tick draws it again. */
  clear(): void;
  stop(): void;
}

const NONE: Progress = { stage: () => undefined, clear: () => undefined, stop: () => undefined };

/** Whether to show progress: a terminal, not JSON, and not a dumb terminal that cannot redraw a line. */
export function wantProgress(stream: NodeJS.WriteStream, format: string, env = process.env): boolean {
  return stream.isTTY === true && format !== 'json' && env.TERM !== 'dumb';
}

/** The line shown, from the stage, the percentage and the seconds so far. */
export function progressLine(prefix: string, label: string, percent: number, seconds: number): string {
  const pct = percent >= 0 && percent <= 100 ? ` ${Math.floor(percent)}%` : '';
  return `${prefix}: ${label}…${pct} (${seconds.toFixed(0)} s)`;
}

let active: Progress = NONE;

/** The progress line being shown, if any: warnings clear it before they are written. */
export function activeProgress(): Progress {
  return active;
}

export function startProgress(enabled: boolean, o: ProgressOptions): Progress {
  if (!enabled) return NONE;
  const now = o.now ?? (() => performance.now());
  const started = now();
  let label = '';
  let shown = 0;
  const clear = (): void => {
    if (shown > 0) o.stream.write(`\r${' '.repeat(shown)}\r`);
    shown = 0;
  };
  const draw = (): void => {
    const elapsed = now() - started;
    if (elapsed < (o.delayMs ?? 1000) || label === '') return;
    const columns = o.stream.columns ?? 0;
    const width = columns >= 20 ? columns - 1 : 79;
    const line = progressLine(o.prefix, label, o.percent(), elapsed / 1000).slice(0, width);
    o.stream.write(`\r${line}${' '.repeat(Math.max(0, shown - line.length))}`);
    shown = Math.max(shown, line.length);
  };
  const timer = setInterval(draw, o.intervalMs ?? 250);
  timer.unref();
  const progress: Progress = {
    stage(next: string): void {
      label = next;
    },
    clear,
    stop(): void {
      clearInterval(timer);
      clear();
      if (active === progress) active = NONE;
    },
  };
  active = progress;
  return progress;
}
