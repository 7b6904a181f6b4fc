/**
 * One temporary folder per command run, for spooled stdin, transcoded inputs and the engine's
 * spill files. Created on first use and removed when the command ends, whatever the outcome.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.js';
import { UsageError } from './errors.js';

export class TempDir {
  private path: string | undefined;
  private counter = 0;

  constructor(private readonly parent: string = tmpdir()) {}

  /** The folder itself, created on first call. */
  dir(): string {
    if (this.path === undefined) {
      try {
        this.path = mkdtempSync(join(this.parent, 'segment-'));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        throw new UsageError(`cannot create a temporary folder in ${this.parent} (${code}); pass --temp-dir with a folder that exists and can be written to`);
      }
      this.forget = onCleanup(() => this.remove());
    }
    return this.path;
  }

  private forget: (() => void) | undefined;

  /** A fresh file name inside the folder (the file is not created). */
  async file(suffix: string): Promise<string> {
    this.counter += 1;
    return join(this.dir(), `${this.counter}-${suffix}`);
  }

  remove(): void {
    if (this.path !== undefined) rmSync(this.path, { recursive: true, force: true });
    this.path = undefined;
    this.forget?.();
    this.forget = undefined;
  }
}
