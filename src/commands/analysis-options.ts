/**
 * Options of the analysis commands (abc, xyz, abcxyz, rfm, pareto, report) and their parsing into
 * analysis parameters. Light: no engine, no zod until a segments file is read.
 */
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { amount, percentage, wholeNumber } from './number-options.js';
import type { AbcMethod } from '../analysis/abc.js';
import type { AbcBasis } from '../analysis/analysis.js';
import { SEGMENT_PRESETS, type SegmentRule } from '../analysis/segments.js';
import type { Period } from '../engine/engine.js';
import type { StaticParams } from '../analysis/window.js';

export type { StaticParams };

export interface RawAnalysisOptions {
  asOf?: string;
  from?: string;
  to?: string;
  by?: AbcBasis;
  method?: AbcMethod;
  limits?: string;
  period?: Period;
  xyzBy?: 'revenue' | 'orders';
  xyzSpan?: 'customer' | 'window';
  xyzLimits?: string;
  xyzMinPeriods?: string;
  monetary?: 'total' | 'avg';
  bins?: string;
  rCuts?: string;
  fCuts?: string;
  mCuts?: string;
  quantiles?: 'ties' | 'r';
  segments?: string;
  ideal?: string;
  elite?: string;
  oneOffThreshold?: string;
  oneOff?: boolean;
  costPerOrder?: string;
}

/** The defaults of the analysis options: what --help shows and what a run without the option uses. */
export const ANALYSIS_DEFAULTS = {
  method: 'cumulative',
  period: 'month',
  xyzBy: 'revenue',
  xyzSpan: 'customer',
  xyzLimits: '0.5,1.0',
  xyzMinPeriods: '3',
  monetary: 'total',
  bins: '5',
  quantiles: 'ties',
  segments: 'default',
  ideal: '20',
  elite: '4',
  oneOffThreshold: '80',
} as const satisfies RawAnalysisOptions;

const D = ANALYSIS_DEFAULTS;

export function addAnalysisOptions(cmd: Command): Command {
  return cmd
    .option('--as-of <date>', "date recency is measured from: YYYY-MM-DD or 'today' (default: the latest transaction date)")
    .option('--from <date>', 'first day of the window (default: the first transaction)')
    .option('--to <date>', 'last day of the window (default: the as-of date)')
    .addOption(new Option('--by <value>', 'what ABC ranks by (default: revenue; avg-check for one-off purchases)').choices(['revenue', 'margin', 'avg-check', 'orders']))
    .addOption(new Option('--method <method>', 'ABC method').choices(['cumulative', 'count', 'computed']).default(D.method))
    .option('--limits <a,b>', 'ABC limits in percent: cumulative value (default 80,95) or, with --method count, share of customers (default 20,50)')
    .addOption(new Option('--period <period>', 'XYZ period').choices(['week', 'month', 'quarter']).default(D.period))
    .addOption(new Option('--xyz-by <value>', 'what XYZ measures per period').choices(['revenue', 'orders']).default(D.xyzBy))
    .addOption(new Option('--xyz-span <span>', "periods counted: from the customer's first ('customer') or the whole window").choices(['customer', 'window']).default(D.xyzSpan))
    .option('--xyz-limits <x,y>', 'coefficient-of-variation limits: X ≤ x < Y ≤ y < Z', D.xyzLimits)
    .option('--xyz-min-periods <n>', 'fewer periods than this in the span: no XYZ class', D.xyzMinPeriods)
    .addOption(new Option('--monetary <kind>', 'RFM monetary value: total revenue or average check').choices(['total', 'avg']).default(D.monetary))
    .option('--bins <n>', 'RFM scores 1..n', D.bins)
    .option('--r-cuts <days,…>', 'RFM recency cut points in days, instead of quantiles (n-1 ascending numbers)')
    .option('--f-cuts <orders,…>', 'RFM frequency cut points, instead of quantiles')
    .option('--m-cuts <amounts,…>', 'RFM monetary cut points, instead of quantiles')
    .addOption(new Option('--quantiles <convention>', "RFM quantile scores: 'ties' (equal values score the same) or 'r' (as the R package rfm: type-7 breaks, findInterval)").choices(['ties', 'r']).default(D.quantiles))
    .option('--segments <file|preset>', "RFM segment rules: a JSON file, 'default' or 'rfm-package' (R package rfm 0.3.0)", D.segments)
    .option('--ideal <percent>', 'share of customers that are ideal', D.ideal)
    .option('--elite <percent>', 'share of customers that are elite', D.elite)
    .option('--one-off-threshold <percent>', 'purchases are one-off when this share of customers bought once', D.oneOffThreshold)
    .option('--one-off', 'treat purchases as one-off: ABC on the average check, no XYZ, no RFM frequency')
    .option('--cost-per-order <amount>', 'cost to serve one order: gives contribution and the minimum cost-effective order');
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDate(name: string, value: string | undefined, today = new Date()): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'today') return today.toISOString().slice(0, 10);
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--${name} takes a date as YYYY-MM-DD${name === 'as-of' ? " or 'today'" : ''}, not '${value}'`);
  }
  return value;
}

function numberList(name: string, value: string, count?: number): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const nums = parts.map(Number);
  if (parts.some((p) => p === '') || nums.some((n) => !Number.isFinite(n))) {
    throw new UsageError(`--${name} takes comma-separated numbers, not '${value}'`);
  }
  if (count !== undefined && nums.length !== count) {
    throw new UsageError(`--${name} takes ${count} numbers, not ${nums.length} ('${value}')`);
  }
  for (let i = 1; i < nums.length; i++) {
    if (!(nums[i]! > nums[i - 1]!)) throw new UsageError(`--${name} must be ascending, not '${value}'`);
  }
  return nums;
}

async function readSegments(value: string): Promise<{ rules: SegmentRule[]; name: string }> {
  const preset = SEGMENT_PRESETS[value];
  if (preset) return { rules: [...preset], name: value };
  let text: string;
  try {
    text = await readFile(value, 'utf8');
  } catch {
    throw new UsageError(`--segments ${value}: no such file (or use 'default' or 'rfm-package')`);
  }
  const { z } = await import('zod');
  const range = z.tuple([z.int().min(1), z.int().min(1)]).refine(([lo, hi]) => lo <= hi, 'a range is [low, high] with low ≤ high');
  const rule = z.strictObject({ name: z.string().min(1), r: range, f: range, m: range });
  const schema = z.union([z.array(rule).min(1), z.strictObject({ segments: z.array(rule).min(1) })]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--segments ${value}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // A union's error holds each branch's issues: name an unknown key first, else the first issue.
    type Issue = { code: string; path: PropertyKey[]; message: string; keys?: string[]; errors?: Issue[][] };
    const flat: Issue[] = [];
    const walk = (issues: Issue[], prefix: PropertyKey[]): void => {
      for (const i of issues) {
        if (i.errors) for (const branch of i.errors) walk(branch, [...prefix, ...i.path]);
        else flat.push({ ...i, path: [...prefix, ...i.path] });
      }
    };
    walk(parsed.error.issues as unknown as Issue[], []);
    const unknown = flat.find((i) => i.code === 'unrecognized_keys');
    if (unknown) {
      throw new UsageError(`--segments ${value}: unknown key '${[...unknown.path, unknown.keys![0]].join('.')}'; a rule has name, r, f and m`);
    }
    const first = flat[0]!;
    throw new UsageError(`--segments ${value}: ${first.path.length > 0 ? `key '${first.path.join('.')}': ` : ''}${first.message}`);
  }
  const rules = Array.isArray(parsed.data) ? parsed.data : parsed.data.segments;
  return { rules: rules as SegmentRule[], name: value };
}

export async function parseAnalysisOptions(raw: RawAnalysisOptions): Promise<StaticParams> {
  const method = raw.method ?? D.method;
  const limits = raw.limits !== undefined ? numberList('limits', raw.limits, 2) : method === 'count' ? [20, 50] : [80, 95];
  if (limits[0]! <= 0 || limits[1]! > 100) throw new UsageError(`--limits takes two percentages above 0 and up to 100, not '${raw.limits}'`);
  const xyzLimits = numberList('xyz-limits', raw.xyzLimits ?? D.xyzLimits, 2);
  if (xyzLimits[0]! < 0) throw new UsageError(`--xyz-limits takes two non-negative numbers, not '${raw.xyzLimits}'`);
  const bins = wholeNumber('bins', raw.bins ?? D.bins, { min: 2, max: 10 });
  const cuts = {
    ...(raw.rCuts !== undefined ? { r: numberList('r-cuts', raw.rCuts, bins - 1) } : {}),
    ...(raw.fCuts !== undefined ? { f: numberList('f-cuts', raw.fCuts, bins - 1) } : {}),
    ...(raw.mCuts !== undefined ? { m: numberList('m-cuts', raw.mCuts, bins - 1) } : {}),
  };
  const segments = await readSegments(raw.segments ?? D.segments);
  const ideal = percentage('ideal', raw.ideal ?? D.ideal, { min: 0.01 });
  const elite = percentage('elite', raw.elite ?? D.elite, { min: 0.01 });
  if (elite > ideal) throw new UsageError(`--elite (${raw.elite}%) cannot be larger than --ideal (${raw.ideal ?? D.ideal}%)`);
  const costPerOrder = raw.costPerOrder !== undefined ? amount('cost-per-order', raw.costPerOrder) : undefined;
  const asOfOption = parseDate('as-of', raw.asOf);
  const from = parseDate('from', raw.from);
  const to = parseDate('to', raw.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (to !== undefined && asOfOption !== undefined && asOfOption < to) {
    throw new UsageError(`--as-of ${asOfOption} is before the window's end (--to ${to}); recency is measured from the end of the window or later`);
  }
  return {
    period: raw.period ?? D.period,
    abc: { basis: raw.by ?? 'revenue', basisGiven: raw.by !== undefined, method, limits: [limits[0]! / 100, limits[1]! / 100] },
    xyz: { by: raw.xyzBy ?? D.xyzBy, span: raw.xyzSpan ?? D.xyzSpan, limits: [xyzLimits[0]!, xyzLimits[1]!], minPeriods: wholeNumber('xyz-min-periods', raw.xyzMinPeriods ?? D.xyzMinPeriods, { min: 1, max: 1000 }) },
    rfm: { monetary: raw.monetary ?? D.monetary, bins, cuts, segments: segments.rules, segmentsName: segments.name, ...(raw.quantiles === 'r' ? { quantiles: 'r' as const } : {}) },
    pareto: { ideal, elite },
    oneOff: { threshold: percentage('one-off-threshold', raw.oneOffThreshold ?? D.oneOffThreshold), forced: raw.oneOff === true },
    ...(costPerOrder !== undefined ? { costPerOrder } : {}),
    ...(asOfOption !== undefined ? { asOfOption } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}
