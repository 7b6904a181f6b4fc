/** What every analysis view says alike: the run's context, the basis in words, the headline and the method. */

import type { Analysis, CustomerRow } from '../analyses/analysis.js';
import type { Scoring } from '../analyses/rfm.js';
import { OTHERS } from '../analyses/segments.js';

import type { ReadResult } from '../sources/files/read.js';
import { data } from './blocks.js';
import { formatInt, formatMoney, formatShare, monthsBetween, plural } from './format.js';

export type View = 'abc' | 'xyz' | 'abcxyz' | 'rfm' | 'pareto';

export interface RunContext {
  readonly read: ReadResult;
  readonly excluded: { readonly afterTo: { rows: number; amount: number }; readonly beforeFrom: { rows: number; amount: number } };
  readonly top: number | undefined;
  readonly warnings: readonly string[];
  /** Repeat the warnings in the document (Markdown goes to files; a terminal has them on stderr). */
  readonly documentWarnings?: boolean;
}

const BASIS_LABEL: Record<string, string> = {
  revenue: 'revenue',
  margin: 'margin',
  'avg-check': 'average check',
  orders: 'orders',
};

export function basisLabel(a: Analysis): string {
  return BASIS_LABEL[a.basis]!;
}

/** The value column of the basis, formatted. */
export function basisValue(a: Analysis, v: number): string {
  return a.basis === 'orders' ? formatInt(v) : formatMoney(v);
}

export function months(a: Analysis): string {
  return monthsBetween(a.params.windowStart, a.params.windowEnd).toFixed(1);
}

export function headline(a: Analysis, ctx: RunContext): string {
  const currency = ctx.read.currency ? ` ${ctx.read.currency}` : '';
  return `**As of ${a.params.asOf}** · window ${a.params.windowStart} to ${a.params.windowEnd} (${months(a)} months) · ${plural(a.totals.customers, 'customer')} · revenue ${formatMoney(a.totals.revenue)}${currency}`;
}

export function limitsText(a: Analysis): string {
  const [x, y] = a.abc.limits;
  if (a.abc.method === 'cumulative') return `cumulative: A up to ${formatShare(x, 0)} of ${basisLabel(a)}, B up to ${formatShare(y, 0)}`;
  if (a.abc.method === 'count') return `by share of customers: A the top ${formatShare(x, 0)}, B the next ${formatShare(y - x, 0)}`;
  const c = a.abc.computed!;
  return `computed (Ultsch & Lötsch): A up to ${formatShare(c.abEffort)} of customers, B up to ${formatShare(c.bcEffort)}`;
}

export function xyzText(a: Analysis): string {
  const [x, y] = a.params.xyz.limits;
  return `coefficient of variation of ${a.params.period}ly ${a.params.xyz.by}: X ≤ ${x} < Y ≤ ${y} < Z`;
}

export const ALIGN_CLASS_TABLE = ['left', 'right', 'right', 'right', 'right'] as const;

export function topRows(a: Analysis, ctx: RunContext, fallback = 20): { rows: readonly CustomerRow[]; more: number } {
  const n = ctx.top ?? fallback;
  return { rows: a.customers.slice(0, n), more: Math.max(0, a.customers.length - n) };
}

export function xyzLabel(r: CustomerRow): string {
  return r.xyzClass ?? '–';
}

export function cv(r: CustomerRow): string {
  return r.cv === null ? '' : r.cv.toFixed(2);
}

// ---------------------------------------------------------------------------------------------
// Method section

export function methodItems(a: Analysis, ctx: RunContext, view: View | 'report'): string[] {
  const t = ctx.read.total;
  const items: string[] = [];
  items.push(
    `Inputs: ${ctx.read.inputs.map((i) => `${data(i.file)} (${i.kind})`).join(', ')}; ${formatInt(t.read)} rows read, ${formatInt(t.used)} used, ${formatInt(t.rejected)} rejected, ${formatInt(t.skipped)} skipped by rule, ${formatInt(t.unattributed)} without a customer (${formatMoney(t.unattributedAmount)}).`,
  );
  const ex = ctx.excluded;
  items.push(
    `As-of date ${a.params.asOf}; window ${a.params.windowStart} to ${a.params.windowEnd}.${ex.afterTo.rows > 0 ? ` ${plural(ex.afterTo.rows, 'transaction')} after the window (${formatMoney(ex.afterTo.amount)}) ${ex.afterTo.rows === 1 ? 'is' : 'are'} left out.` : ''}${ex.beforeFrom.rows > 0 ? ` ${plural(ex.beforeFrom.rows, 'transaction')} before it (${formatMoney(ex.beforeFrom.amount)}) ${ex.beforeFrom.rows === 1 ? 'is' : 'are'} left out.` : ''}`,
  );
  items.push('Revenue is net: refunds and credit notes are subtracted; they are not orders. An order is a distinct order reference with a positive amount (a transaction, without an order column).');
  items.push('Customer keys are compared in Unicode NFC, without zero-width characters (U+200B to U+200D, U+2060, U+FEFF): one key written two ways is one customer.');
  if (a.oneOff.active) items.push(`${a.oneOff.reason}: ABC ranks by average check, XYZ and RFM frequency are skipped.`);
  if (view === 'abc' || view === 'abcxyz' || view === 'pareto' || view === 'report') {
    const base = `ABC by ${basisLabel(a)}, ${limitsText(a)}.`;
    const method =
      a.abc.method === 'cumulative'
        ? ' The customer whose value crosses a limit is in the upper class (so A holds at least the A limit; tools that put the crossing customer into B give an A below it). Equal values are never split across classes.'
        : a.abc.method === 'count'
          ? ' Equal values are never split: a tie group takes the class of its first member.'
          : ` Pareto point at ${formatShare(a.abc.computed!.paretoEffort)} of customers, break-even point (value = mean) at ${formatShare(a.abc.computed!.breakEvenEffort)}, submarginal point at ${formatShare(a.abc.computed!.submarginalEffort)}, on the piecewise-linear ABC curve of customers with a positive value.`;
    items.push(`${base}${method} Customers whose ${basisLabel(a)} is zero or negative are C and flagged (${formatInt(a.totals.nonPositive)} with net revenue ≤ 0).`);
  }
  if ((view === 'xyz' || view === 'abcxyz' || view === 'report') && a.xyz.enabled) {
    items.push(
      `XYZ by the ${xyzText(a)} (population standard deviation ÷ mean), over the ${a.params.period}s from ${a.params.xyz.span === 'customer' ? "the customer's first purchase" : 'the start of the window'} to the end of the window; ${a.params.period}s without purchases count as zero. Fewer than ${a.params.xyz.minPeriods} ${a.params.period}s: no class (–). Purchasing is intermittent, so these limits are wider than the inventory convention (0.1/0.25), under which nearly every customer would be Z.`,
    );
  }
  if (view === 'rfm' || view === 'report') {
    const scoring = (s: Scoring | null, name: string) =>
      s === null ? `${name} skipped` : s.method === 'cuts' ? `${name} by cut points ${s.cuts!.join(', ')}` : s.method === 'r' ? `${name} by the R package rfm's breaks ${s.cuts!.map((c) => Number(c.toFixed(4))).join(', ')}` : `${name} by quantiles`;
    const convention =
      a.params.rfm.quantiles === 'r'
        ? "Quantile scores follow the R package rfm 0.3.0 (--quantiles r): breaks are R's type-7 quantiles plus 1, a value scores 1 + the number of breaks at or below it (findInterval); equal values score the same, and where breaks coincide a score stays empty, as in R."
        : 'Quantiles keep ties together: equal values always get the same score.';
    items.push(
      `RFM: R = days from the last purchase to the as-of date, F = orders, M = ${a.params.rfm.monetary === 'avg' ? 'average check' : 'net revenue'}; scores 1-${a.params.rfm.bins}, higher is better; ${scoring(a.rfm.r, 'R')}, ${scoring(a.rfm.f, 'F')}, ${scoring(a.rfm.m, 'M')}. ${convention} Segments: ${a.oneOff.active ? 'the one-off table (recency and money)' : `the '${a.params.rfm.segmentsName}' table`}, first matching rule wins, unmatched customers are "${OTHERS}".`,
    );
  }
  if (view === 'pareto' || view === 'report') {
    items.push(
      `Pareto: ideal customers are the top ${formatShare(a.params.pareto.ideal, 0)} by ${basisLabel(a)}, elite the top ${formatShare(a.params.pareto.elite, 0)} (⌈share × customers⌉, plus customers tied with the last; never a customer with a value ≤ 0). Gini over customers' values, negative values as 0.`,
    );
  }
  if (a.profit && (view === 'abc' || view === 'pareto' || view === 'report')) {
    items.push(
      `Margin from the input's margin (or revenue − cost) column.${a.profit.costPerOrder !== null ? ` Contribution = margin − orders × ${formatMoney(a.profit.costPerOrder)} (cost per order); minimum cost-effective order = cost per order ÷ average margin rate${a.profit.minimumOrder !== null ? ` = ${formatMoney(a.profit.minimumOrder)}` : ''}; below break-even: negative contribution or an average check under that minimum.` : ''}`,
    );
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Tables shared by the views
