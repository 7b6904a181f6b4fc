/**
 * Why no transaction with a customer is left to analyse, per input: what its rows became (skipped
 * as outgoing payments, rejected, without a customer), and how to look closer.
 */
import { DataError } from '../../kernel/errors.js';
import { formatInt, plural } from '../../kernel/text.js';
import type { InputReport, ReasonCount } from './read.js';

function largest(reasons: readonly ReasonCount[]): ReasonCount | undefined {
  return [...reasons].sort((a, b) => b.rows - a.rows)[0];
}

/** What became of one input's rows, in a few words. */
export function whereRowsWent(input: InputReport): string {
  const r = input.rows;
  if (r.read === 0) return 'it has no rows';
  const parts: string[] = [];
  const skip = largest(r.skippedByRule);
  if (r.skipped > 0 && skip) parts.push(`${r.skipped === r.read ? `all ${formatInt(r.read)}` : formatInt(r.skipped)} skipped${r.skippedByRule.length === 1 ? ` as ${skip.reason}` : `, most as ${skip.reason}`}`);
  const reject = largest(r.rejectedByReason);
  if (r.rejected > 0 && reject) parts.push(`${formatInt(r.rejected)} rejected (${reject.reason}${reject.column ? ` in '${reject.column}'` : ''})`);
  if (r.unattributed > 0) parts.push(`${formatInt(r.unattributed)} without a customer`);
  return `${plural(r.read, 'row')} read: ${parts.join(', ') || `${formatInt(r.used)} used`}`;
}

/** The error when the inputs leave no transaction with a customer. */
export function noCustomerTransactions(inputs: readonly InputReport[]): DataError {
  const why = inputs.map((i) => `${i.file}: ${whereRowsWent(i)}`).join('; ');
  const outgoing = inputs.some((i) => i.rows.skippedByRule.some((s) => s.reason.startsWith('outgoing')));
  const hint = outgoing
    ? ' (a statement of payments made, or positive amounts with a debit/credit flag column? name it with --direction COL)'
    : '';
  const files = inputs.map((i) => (i.file === '<stdin>' ? '-' : i.file)).join(' ');
  return new DataError(`no transactions with a customer to analyse: ${why}${hint}; see how each row is read with segment inspect ${files}`);
}
