/** The accounting of an input's rows (used, rejected, skipped, unattributed), from what the engine staged, with example lines. */

import type { Engine, InputReader, StageResult } from './duckdb/engine.js';
import { findLines } from './lines.js';
import type { Accounting, Example, ReasonCount } from './read-result.js';
import type { Planned } from './plan-input.js';

export function emptyAccounting(): Accounting {
  return { read: 0, used: 0, usedAmount: 0, rejected: 0, rejectedByReason: [], skipped: 0, skippedByRule: [], unattributed: 0, unattributedAmount: 0, identicalWithinFile: null };
}

function mergeReasons(a: readonly ReasonCount[], b: readonly ReasonCount[]): ReasonCount[] {
  const out = new Map<string, ReasonCount>();
  for (const r of [...a, ...b]) {
    const key = `${r.reason}\u0000${r.column ?? ''}`;
    const prev = out.get(key);
    out.set(key, prev ? { ...prev, rows: prev.rows + r.rows, amount: prev.amount + r.amount, examples: [...prev.examples, ...r.examples].slice(0, 5) } : r);
  }
  return [...out.values()];
}

export function addAccounting(a: Accounting, b: Accounting): Accounting {
  return {
    read: a.read + b.read,
    used: a.used + b.used,
    usedAmount: a.usedAmount + b.usedAmount,
    rejected: a.rejected + b.rejected,
    rejectedByReason: mergeReasons(a.rejectedByReason, b.rejectedByReason),
    skipped: a.skipped + b.skipped,
    skippedByRule: mergeReasons(a.skippedByRule, b.skippedByRule),
    unattributed: a.unattributed + b.unattributed,
    unattributedAmount: a.unattributedAmount + b.unattributedAmount,
    identicalWithinFile: a.identicalWithinFile === null ? b.identicalWithinFile : b.identicalWithinFile === null ? a.identicalWithinFile : a.identicalWithinFile + b.identicalWithinFile,
  };
}

export async function accountFor(
  engine: Engine,
  reader: InputReader,
  planned: Planned,
  staged: StageResult,
): Promise<Accounting> {
  // Examples need the rejected rows themselves: the input is read again, only when there are some.
  const rejectRules = staged.byRule.filter((r) => planned.info[r.rule]?.category === 'rejected').map((r) => r.rule);
  const examples = await engine.rejectedExamples(reader, planned.plan, rejectRules, 3);
  const lines = await findLines(reader.path, reader.gzip, reader.dialect, examples.map((e) => e.ordinal), staged.refusedPositions);
  const line = (position: number, fallback: number): number => lines.byBytePosition.get(position) ?? fallback;
  const rejected: ReasonCount[] = [];
  const skipped: ReasonCount[] = [];
  let unattributed = 0;
  let unattributedAmount = 0;
  // Rows the reader could not split into the header's fields, by what went wrong.
  for (const { type, rows: count } of staged.malformedByType) {
    rejected.push({
      reason: malformedReason(type, reader.dialect.columns.length),
      rows: count,
      amount: 0,
      examples: staged.malformed
        .filter((m) => m.type === type)
        .slice(0, 3)
        .map((m) => ({ line: line(m.bytePosition, m.line), value: m.text })),
    });
  }
  // Values of a typed column that did not convert were refused by the reader: they are the
  // column's "not a number/date" rejects, like those found after reading.
  const invalidRule = (index: number): number =>
    planned.plan.rules.findIndex((rule) => rule.rule === 'invalid' && planned.plan.fields.find((f) => f.field === rule.field)?.index === index);
  const byRule = new Map(staged.byRule.map((r) => [r.rule, { ...r }]));
  const castExamples = new Map<number, Example[]>();
  for (const c of staged.castRejects) {
    const rule = invalidRule(c.index);
    // Every typed column has its "invalid" rule; if one ever did not, the rows must not vanish.
    if (rule < 0) throw new Error(`the reader refused ${c.rows} values of column ${c.index + 1}, which has no rule to count them under`);
    const entry = byRule.get(rule) ?? { rule, rows: 0, amount: 0 };
    entry.rows += c.rows;
    byRule.set(rule, entry);
    castExamples.set(rule, c.examples.map((e) => ({ line: line(e.bytePosition, e.line), value: e.value })));
  }
  for (const r of [...byRule.values()].sort((a, b) => a.rule - b.rule)) {
    const info = planned.info[r.rule];
    if (!info) continue;
    if (info.category === 'unattributed') {
      unattributed += r.rows;
      unattributedAmount += r.amount;
      continue;
    }
    const ex =
      info.category === 'rejected'
        ? [...(castExamples.get(r.rule) ?? []), ...examples.filter((e) => e.rule === r.rule).map((e) => ({ line: lines.byOrdinal.get(e.ordinal) ?? null, value: e.value }))]
            .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity))
            .slice(0, 3)
        : [];
    const entry: ReasonCount = { reason: info.reason, ...(info.column ? { column: info.column } : {}), rows: r.rows, amount: r.amount, examples: ex };
    (info.category === 'rejected' ? rejected : skipped).push(entry);
  }
  const sum = (xs: readonly ReasonCount[]): number => xs.reduce((s, x) => s + x.rows, 0);
  const castRows = staged.castRejects.reduce((s, c) => s + c.rows, 0);
  return {
    read: staged.accepted + staged.malformedCount + castRows,
    used: staged.used,
    usedAmount: staged.usedAmount,
    rejected: sum(rejected),
    rejectedByReason: rejected,
    skipped: sum(skipped),
    skippedByRule: skipped,
    unattributed,
    unattributedAmount,
    identicalWithinFile: staged.identicalWithinFile,
  };
}

/** A reader error type in words. */
export function malformedReason(type: string, fields: number): string {
  const t = type.toUpperCase();
  if (t.includes('MISSING COLUMNS')) return `malformed row: fewer fields than the header's ${fields}`;
  if (t.includes('TOO MANY COLUMNS')) return `malformed row: more fields than the header's ${fields}`;
  if (t.includes('UNQUOTED') || t.includes('QUOTE')) return 'malformed row: a quote that is not closed or stray text after a quoted field';
  if (t.includes('LINE SIZE')) return 'malformed row: a line longer than 8 MB';
  if (t.includes('UNICODE') || t.includes('ENCODING')) return 'malformed row: not valid UTF-8';
  return `malformed row (${type.toLowerCase()})`;
}
