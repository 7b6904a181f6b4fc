/**
 * `segment inspect`: what was read and how, for people (a terminal layout of its own, Markdown) and
 * machines (JSON; a row per column of each input for CSV and the other row formats).
 */
import { binaryInputLines, workbookJson } from './inspect-binary.js';
import { quote } from '../kernel/errors.js';
import { replaceControls, withoutBidi } from '../kernel/text.js';
import type { Accounting, InputReport, ReadResult, ReasonCount } from '../sources/files/read.js';
import { cents, formatInt, formatMoney, monthsBetween } from './format.js';
import { spanWarning } from '../analyses/window.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { columns as columnsOf, type Document, type RowTable, type TerminalTarget } from './document.js';

/** What the terminal layout uses of its target: the styles, the width and the table and wrapping tools. */
type Style = TerminalTarget;

export const INSPECT_SCHEMA = { name: 'segment.inspect', version: 1 } as const;

/** Text from the input (names, example values) with its control characters shown as �, tabs and
 * line breaks kept: a header cannot send escape codes to the terminal. */
function shown(text: string): string {
  return withoutBidi(replaceControls(text, undefined, '\t\n'));
}

function reasonLines(title: string, reasons: readonly ReasonCount[], style: Style): string[] {
  return reasons.map((r) => {
    const ex = r.examples
      .slice(0, 3)
      .map((e) => `${e.line !== null ? `line ${e.line}` : ''}${e.value !== null ? `${e.line !== null ? ' ' : ''}${quote(e.value, 40)}` : ''}`)
      .filter((s) => s !== '')
      .join(', ');
    return `  ${style.dim(title.padEnd(12))} ${formatInt(r.rows).padStart(9)}  ${shown(r.reason)}${r.column ? ` in '${shown(r.column)}'` : ''}${ex ? style.dim(`  (${ex})`) : ''}`;
  });
}

function accountingLines(a: Accounting, style: Style): string[] {
  const lines = [
    `  ${style.dim('rows'.padEnd(12))} ${formatInt(a.read).padStart(9)}  read`,
    `  ${style.dim(''.padEnd(12))} ${formatInt(a.used).padStart(9)}  used (amount ${formatMoney(a.usedAmount)})`,
    `  ${style.dim(''.padEnd(12))} ${formatInt(a.rejected).padStart(9)}  rejected`,
    `  ${style.dim(''.padEnd(12))} ${formatInt(a.skipped).padStart(9)}  skipped by rule`,
    `  ${style.dim(''.padEnd(12))} ${formatInt(a.unattributed).padStart(9)}  unattributed (no customer; amount ${formatMoney(a.unattributedAmount)})`,
  ];
  lines.push(...reasonLines('rejected', a.rejectedByReason, style));
  lines.push(...reasonLines('skipped', a.skippedByRule, style));
  if (a.identicalWithinFile !== null && a.identicalWithinFile > 0) {
    lines.push(`  ${style.dim('identical'.padEnd(12))} ${formatInt(a.identicalWithinFile).padStart(9)}  rows repeat another row of the same file (customer, date, amount, order): kept, line items can repeat`);
  }
  return lines;
}

function inputBlock(input: InputReport, style: Style): string {
  const out: string[] = [];
  out.push(style.bold(shown(input.file)));
  out.push(`  ${style.dim('kind'.padEnd(12))} ${input.kind} (${shown(input.kindReason)})`);
  const binary = binaryInputLines(input);
  if (binary) out.push(...binary.map(([label, text]) => `  ${style.dim(label.padEnd(12))} ${shown(text)}`));
  else {
    out.push(`  ${style.dim('encoding'.padEnd(12))} ${input.encoding}${input.compressed ? ', gzip' : ''} (${input.encodingReason})`);
    const d = input.dialect;
    out.push(
      `  ${style.dim('dialect'.padEnd(12))} delimiter ${d.delimiter}, ${d.newline} line ends, ${d.headerLine > 0 ? `header on line ${d.headerLine}` : 'no header (--columns)'} (${d.reason})`,
    );
  }
  const rows = input.columns.map((c) => [
    shown(c.name),
    c.field ?? (c.role === 'attribute' ? '(attribute)' : '-'),
    shown(c.why),
    c.convention ? shown(`${c.convention}${c.evidence ? `: ${c.evidence}` : ''}`) : '',
  ]);
  out.push(
    style.table(['column', 'field', 'why', 'convention'], wrapLongCells(rows, style.width - 2, style))
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  out.push(`  ${style.dim('direction'.padEnd(12))} ${shown(input.direction)}`);
  out.push(...accountingLines(input.rows, style));
  out.push(
    `  ${style.dim('customers'.padEnd(12))} ${formatInt(input.customers).padStart(9)}  (orders ${formatInt(input.orders)}; currency ${input.currency ?? 'not stated'})`,
  );
  if (input.refunds.rows > 0) {
    out.push(
      `  ${style.dim('refunds'.padEnd(12))} ${formatInt(input.refunds.rows).padStart(9)}  rows with a negative amount (${formatMoney(input.refunds.amount)}): netted against the customer's revenue, not counted as orders`,
    );
  }
  if (input.firstDate !== null) {
    out.push(`  ${style.dim('dates'.padEnd(12))} ${input.firstDate} to ${input.lastDate} (${monthsBetween(input.firstDate, input.lastDate!).toFixed(1)} months)`);
  }
  for (const note of input.notes) out.push(`  ${style.dim('note'.padEnd(12))} ${shown(note)}`);
  // Lines of prose wrap under their label; the table is already fitted.
  return out.map((l) => (l.includes('\n') ? l : style.wrap(l, style.width, ' '.repeat(15)))).join('\n');
}

/**
 * The columns table at `width`: when its 'why' and 'convention' texts make it wider, they wrap at
 * word boundaries inside their cells (the narrower one keeps its width), so that each column of
 * the file stays one row of the table instead of a line the terminal breaks anywhere.
 */
function wrapLongCells(rows: readonly (readonly string[])[], width: number, style: Style): string[][] {
  const natural = [0, 1, 2, 3].map((i) => Math.max(['column', 'field', 'why', 'convention'][i]!.length, ...rows.map((r) => style.visibleWidth(r[i] ?? ''))));
  // Borders (5) and one space of padding on each side of the 4 cells (8).
  const room = width - 13 - natural[0]! - natural[1]!;
  if (natural[2]! + natural[3]! <= room) return rows.map((r) => [...r]);
  // Shared in proportion to what each needs.
  const why = Math.max(12, Math.min(natural[2]!, Math.round((room * natural[2]!) / (natural[2]! + natural[3]!))));
  const convention = Math.max(12, room - why);
  return rows.map((r) => [r[0]!, r[1]!, style.wrap(r[2] ?? '', why), style.wrap(r[3] ?? '', convention)]);
}

export function renderInspectTable(result: ReadResult, style: Style): string {
  const blocks = result.inputs.map((i) => inputBlock(i, style));
  if (result.inputs.length > 1) {
    const t = result.total;
    blocks.push([style.bold('all inputs'), ...accountingLines(t, style)].join('\n'));
  }
  const first = result.inputs.map((i) => i.firstDate).filter((d): d is string => d !== null).sort()[0] ?? null;
  const last = result.inputs.map((i) => i.lastDate).filter((d): d is string => d !== null).sort().at(-1) ?? null;
  const warning = spanWarning(first, last);
  if (warning) blocks.push(style.wrap(`${style.warning('warning')}: ${warning}`, style.width, '  '));
  return `${blocks.join('\n\n')}\n`;
}

function accountingJson(a: Accounting) {
  const reason = (r: ReasonCount) => ({
    reason: r.reason,
    column: r.column ?? null,
    rows: r.rows,
    amount: cents(r.amount),
    examples: r.examples.map((e) => ({ line: e.line, value: e.value })),
  });
  return {
    read: a.read,
    used: a.used,
    used_amount: cents(a.usedAmount),
    rejected: a.rejected,
    rejected_by_reason: a.rejectedByReason.map(reason),
    skipped: a.skipped,
    skipped_by_rule: a.skippedByRule.map(reason),
    unattributed: a.unattributed,
    unattributed_amount: cents(a.unattributedAmount),
    identical_within_file: a.identicalWithinFile,
  };
}

export function inspectJson(result: ReadResult) {
  const first = result.inputs.map((i) => i.firstDate).filter((d): d is string => d !== null).sort()[0] ?? null;
  const last = result.inputs.map((i) => i.lastDate).filter((d): d is string => d !== null).sort().at(-1) ?? null;
  const warning = spanWarning(first, last);
  return {
    schema: INSPECT_SCHEMA.name,
    version: INSPECT_SCHEMA.version,
    inputs: result.inputs.map((i) => ({
      file: i.file,
      kind: i.kind,
      kind_reason: i.kindReason,
      encoding: i.encoding,
      encoding_reason: i.encodingReason,
      compressed: i.compressed,
      dialect: {
        delimiter: i.dialect.delimiter,
        newline: i.dialect.newline,
        skip: i.dialect.skip,
        header_line: i.dialect.headerLine,
        reason: i.dialect.reason,
      },
      columns: i.columns.map((c) => ({
        index: c.index,
        name: c.name,
        role: c.role,
        field: c.field ?? null,
        why: c.why,
        convention: c.convention ?? null,
        evidence: c.evidence ?? null,
      })),
      attributes: i.attributes,
      rows: accountingJson(i.rows),
      customers: i.customers,
      orders: i.orders,
      refunds: { rows: i.refunds.rows, amount: cents(i.refunds.amount) },
      currency: i.currency,
      currencies: i.currencies,
      first_date: i.firstDate,
      last_date: i.lastDate,
      notes: i.notes,
      direction: i.direction,
      ...workbookJson(i),
    })),
    total: accountingJson(result.total),
    currency: result.currency,
    first_date: first,
    last_date: last,
    months: first !== null && last !== null ? Math.round(monthsBetween(first, last) * 10) / 10 : null,
    warnings: [...result.warnings, ...(warning ? [warning] : [])],
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown: the same facts as the terminal layout, as headings, lists and a table of the columns.

function reasonItems(title: string, reasons: readonly ReasonCount[]): string[] {
  return reasons.map((r) => {
    const ex = r.examples
      .slice(0, 3)
      .map((e) => `${e.line !== null ? `line ${e.line}` : ''}${e.value !== null ? `${e.line !== null ? ' ' : ''}${data(quote(e.value, 40))}` : ''}`)
      .filter((s) => s !== '')
      .join(', ');
    return `${title}: ${formatInt(r.rows)} ${data(r.reason)}${r.column ? ` in ${data(r.column)}` : ''}${ex ? ` (${ex})` : ''}`;
  });
}

function accountingItems(a: Accounting): string[] {
  return [
    `rows: ${formatInt(a.read)} read, ${formatInt(a.used)} used (amount ${formatMoney(a.usedAmount)}), ${formatInt(a.rejected)} rejected, ${formatInt(a.skipped)} skipped by rule, ${formatInt(a.unattributed)} unattributed (no customer; amount ${formatMoney(a.unattributedAmount)})`,
    ...reasonItems('rejected', a.rejectedByReason),
    ...reasonItems('skipped', a.skippedByRule),
    ...(a.identicalWithinFile !== null && a.identicalWithinFile > 0 ? [`identical: ${formatInt(a.identicalWithinFile)} rows repeat another row of the same file (customer, date, amount, order): kept, line items can repeat`] : []),
  ];
}

function inputBlocks(input: InputReport): Block[] {
  const d = input.dialect;
  const binary = binaryInputLines(input);
  const reading = binary
    ? binary.map(([label, text]) => `${label}: ${data(text)}`)
    : [`encoding: ${input.encoding}${input.compressed ? ', gzip' : ''} (${data(input.encodingReason)})`, `dialect: delimiter ${data(d.delimiter)}, ${d.newline} line ends, ${d.headerLine > 0 ? `header on line ${d.headerLine}` : 'no header (--columns)'} (${data(d.reason)})`];
  const columns = input.columns.map((c) => [data(c.name), c.field ?? (c.role === 'attribute' ? '(attribute)' : '-'), data(c.why), c.convention ? data(`${c.convention}${c.evidence ? `: ${c.evidence}` : ''}`) : '']);
  return [
    heading(data(input.file), 2),
    list([`kind: ${input.kind} (${data(input.kindReason)})`, ...reading, `direction: ${data(input.direction)}`]),
    table(['column', 'field', 'why', 'convention'], columns),
    list([
      ...accountingItems(input.rows),
      `customers: ${formatInt(input.customers)} (orders ${formatInt(input.orders)}; currency ${input.currency ?? 'not stated'})`,
      ...(input.refunds.rows > 0 ? [`refunds: ${formatInt(input.refunds.rows)} rows with a negative amount (${formatMoney(input.refunds.amount)}): netted against the customer's revenue, not counted as orders`] : []),
      ...(input.firstDate !== null ? [`dates: ${input.firstDate} to ${input.lastDate} (${monthsBetween(input.firstDate, input.lastDate!).toFixed(1)} months)`] : []),
      ...input.notes.map((n) => `note: ${data(n)}`),
    ]),
  ];
}

export function inspectBlocks(result: ReadResult): Block[] {
  const blocks: Block[] = [heading('How the inputs are read', 1), ...result.inputs.flatMap(inputBlocks)];
  if (result.inputs.length > 1) blocks.push(heading('All inputs', 2), list(accountingItems(result.total)));
  const first = result.inputs.map((i) => i.firstDate).filter((d): d is string => d !== null).sort()[0] ?? null;
  const last = result.inputs.map((i) => i.lastDate).filter((d): d is string => d !== null).sort().at(-1) ?? null;
  const span = spanWarning(first, last);
  if (span) blocks.push(paragraph(`**Warning**: ${span}`));
  return blocks;
}

const ROW_COLUMNS = columnsOf({ file: 'text', index: 'integer', column: 'text', role: 'text', field: 'text', why: 'text', convention: 'text', evidence: 'text' });

/** A row per column of each input: how it was read. */
export function inspectRows(result: ReadResult): RowTable {
  return {
    name: 'columns',
    columns: ROW_COLUMNS,
    rows: result.inputs.flatMap((i) => i.columns.map((c) => [i.file, c.index, c.name, c.role, c.field ?? null, c.why, c.convention ?? null, c.evidence ?? null])),
  };
}

export function inspectDocument(result: ReadResult): Document {
  return {
    command: 'inspect',
    title: 'How the inputs are read',
    terminal: (t) => renderInspectTable(result, t),
    blocks: () => inspectBlocks(result),
    json: () => inspectJson(result),
    rows: () => inspectRows(result),
  };
}
