/** Standard input can be read once: at most one of a command's files may be `-`. */
import { UsageError } from '../kernel/errors.js';

export function checkStdinOnce(uses: readonly { readonly what: string; readonly value: string | undefined }[]): void {
  const stdin = uses.filter((u) => u.value === '-');
  if (stdin.length <= 1) return;
  throw new UsageError(
    `stdin (-) can be read only once, but ${stdin.map((u) => u.what).join(' and ')} are ${stdin.length === 2 ? 'both' : 'all'} -; write all but one of them to a file first`,
  );
}
