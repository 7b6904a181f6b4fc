/**
 * `report --previous OLD.json`: the saved report read back (compared with this run's analysis by
 * documents/previous-comparison.ts).
 */
import { constants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import { DataError, UsageError } from '../kernel/errors.js';
import type { PreviousReport } from '../documents/previous-report.js';

export async function loadPreviousReport(file: string): Promise<PreviousReport> {
  let text: string;
  try {
    // Over the longest string Node holds (~512 MB), no saved report: said before reading it.
    if ((await stat(file)).size > constants.MAX_STRING_LENGTH) throw new DataError(`--previous ${file}: too large to be the JSON of a segment report; give the file written by an earlier segment report --json`);
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof DataError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UsageError(`--previous ${file}: is a folder (give the JSON of an earlier segment report --json)`);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UsageError(`--previous ${file}: cannot be read (${(err as Error).message})`);
    throw new UsageError(`--previous ${file}: no such file (give the JSON of an earlier segment report --json)`);
  }
  const { readPreviousReport } = await import('../documents/previous-report.js');
  return readPreviousReport(file, text);
}
