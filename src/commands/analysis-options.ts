/**
 * Options of the analysis commands (abc, xyz, abcxyz, rfm, pareto, report) and their parsing into
 * analysis parameters. Light: no engine, no zod until a segments file is read.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../kernel/errors.js';
import { SEGMENT_PRESETS, type SegmentRule } from '../analyses/segments.js';
import type { StaticParams } from '../analyses/window.js';
import { optionRow, parseOption, type ANALYSIS_OPTIONS, type RawOptions } from './options-table.js';

export type { StaticParams };

/** The analysis options as commander gives them (see ANALYSIS_OPTIONS). */
export type RawAnalysisOptions = RawOptions<(typeof ANALYSIS_OPTIONS)[number]>;

/** An option's value, or its default from the option table. */
function given<N extends keyof RawAnalysisOptions>(raw: RawAnalysisOptions, name: N): NonNullable<RawAnalysisOptions[N]> {
  const row = optionRow(name);
  return (raw[name] ?? row.default ?? row.fallback) as NonNullable<RawAnalysisOptions[N]>;
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
  const method = given(raw, 'method');
  const limits = raw.limits !== undefined ? numberList('limits', raw.limits, 2) : method === 'count' ? [20, 50] : [80, 95];
  if (limits[0]! <= 0 || limits[1]! > 100) throw new UsageError(`--limits takes two percentages above 0 and up to 100, not '${raw.limits}'`);
  const xyzLimits = numberList('xyz-limits', given(raw, 'xyzLimits'), 2);
  if (xyzLimits[0]! < 0) throw new UsageError(`--xyz-limits takes two non-negative numbers, not '${raw.xyzLimits}'`);
  const bins = parseOption('bins', raw.bins) as number;
  const cuts = {
    ...(raw.rCuts !== undefined ? { r: numberList('r-cuts', raw.rCuts, bins - 1) } : {}),
    ...(raw.fCuts !== undefined ? { f: numberList('f-cuts', raw.fCuts, bins - 1) } : {}),
    ...(raw.mCuts !== undefined ? { m: numberList('m-cuts', raw.mCuts, bins - 1) } : {}),
  };
  const segments = await readSegments(given(raw, 'segments'));
  const ideal = parseOption('ideal', raw.ideal) as number;
  const elite = parseOption('elite', raw.elite) as number;
  if (elite > ideal) throw new UsageError(`--elite (${raw.elite}%) cannot be larger than --ideal (${given(raw, 'ideal')}%)`);
  const costPerOrder = parseOption('costPerOrder', raw.costPerOrder) as number | undefined;
  const asOfOption = parseDate('as-of', raw.asOf);
  const from = parseDate('from', raw.from);
  const to = parseDate('to', raw.to);
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (to !== undefined && asOfOption !== undefined && asOfOption < to) {
    throw new UsageError(`--as-of ${asOfOption} is before the window's end (--to ${to}); recency is measured from the end of the window or later`);
  }
  return {
    period: given(raw, 'period'),
    abc: { basis: given(raw, 'by'), basisGiven: raw.by !== undefined, method, limits: [limits[0]! / 100, limits[1]! / 100] },
    xyz: { by: given(raw, 'xyzBy'), span: given(raw, 'xyzSpan'), limits: [xyzLimits[0]!, xyzLimits[1]!], minPeriods: parseOption('xyzMinPeriods', raw.xyzMinPeriods) as number },
    rfm: { monetary: given(raw, 'monetary'), bins, cuts, segments: segments.rules, segmentsName: segments.name, ...(raw.quantiles === 'r' ? { quantiles: 'r' as const } : {}) },
    pareto: { ideal, elite },
    oneOff: { threshold: parseOption('oneOffThreshold', raw.oneOffThreshold) as number, forced: raw.oneOff === true },
    ...(costPerOrder !== undefined ? { costPerOrder } : {}),
    ...(asOfOption !== undefined ? { asOfOption } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}
