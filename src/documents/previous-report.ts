/**
 * A saved JSON document of segment (`report --json`, or abc, xyz, abcxyz, rfm, pareto) read back
 * as a snapshot for `report --previous`, and what makes it comparable or not with this run:
 * another schema version, other inputs, other parameters, keys that do not match. What can be read
 * is read; what cannot is refused or said, never silently compared. Pure: the command reads the file.
 */
import { z } from 'zod';
import { UsageError } from '../kernel/errors.js';
import type { Carries, Snapshot, Standing } from '../analyses/changes.js';

/** The newest version of the documents this segment writes (and so can read). */
export const READABLE_VERSION = 1;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const customer = z.looseObject({
  customer: z.string(),
  name: z.string().optional(),
  revenue: z.number().optional(),
  abc_class: z.enum(['A', 'B', 'C']).nullable().optional(),
  xyz_class: z.enum(['X', 'Y', 'Z']).nullable().optional(),
  segment: z.string().optional(),
  r: z.number().optional(),
  group: z.enum(['elite', 'ideal']).nullable().optional(),
  tenure_days: z.number().optional(),
});
const input = z.looseObject({ file: z.string() });
const document = z.looseObject({
  schema: z.string(),
  version: z.number(),
  as_of: date,
  window: z.looseObject({ from: date, to: date }).optional(),
  currency: z.string().nullable().optional(),
  inputs: z.array(input).optional(),
  read: z.looseObject({ inputs: z.array(input).optional() }).optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  summary: z.looseObject({ totals: z.looseObject({ customers: z.number() }).optional() }).optional(),
  customers: z.array(customer),
});

export interface PreviousReport {
  readonly file: string;
  readonly schema: string;
  readonly version: number;
  readonly snapshot: Snapshot;
  readonly currency: string | null;
  readonly inputs: readonly string[] | null;
  readonly parameters: Record<string, unknown> | null;
  /** Parts the document cannot be compared on, and why. */
  readonly missing: readonly string[];
}

/** Parses the text of a saved document; refuses (with how to fix it) what cannot be compared at all. */
export function readPreviousReport(file: string, text: string): PreviousReport {
  const fail = (why: string): never => {
    throw new UsageError(`--previous ${file}: ${why}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail(`not JSON (${(err as Error).message}); give a file written by segment report --json`);
  }
  const head = z.looseObject({ schema: z.string(), version: z.number() }).safeParse(json);
  if (!head.success || !head.data.schema.startsWith('segment.')) return fail('not a JSON document of segment (it has no "schema": "segment.…"); give a file written by segment report --json');
  const { schema, version } = head.data;
  if (version > READABLE_VERSION) return fail(`${schema} version ${version} is newer than this segment reads (up to ${READABLE_VERSION}); run the newer segment, or save the previous report again with this one`);
  const parsed = document.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the document';
    if (issue.path[0] === 'customers' && issue.path.length === 1) return fail(`${schema} has no customers to compare with; give a file written by segment report --json`);
    return fail(`${schema} version ${version}: ${where}: ${issue.message}; it cannot be compared`);
  }
  const doc = parsed.data;
  const listed = doc.customers.length;
  const total = doc.summary?.totals?.customers;
  if (total !== undefined && listed < total) return fail(`lists ${listed} of its ${total} customers (written with --top?); the others would show as new: save the full JSON, without --top`);
  const has = (key: keyof z.infer<typeof customer>): boolean => doc.customers.every((c) => c[key] !== undefined);
  const xyzEnabled = (doc.parameters?.xyz as { enabled?: boolean } | undefined)?.enabled !== false;
  const carries: Carries = { abc: has('abc_class'), xyz: has('xyz_class') && xyzEnabled, rfm: has('segment'), groups: has('group') };
  const missing: string[] = [];
  if (!carries.groups) missing.push('ideal and elite groups');
  if (!carries.abc) missing.push('ABC classes');
  if (!carries.xyz) missing.push(xyzEnabled ? 'XYZ classes' : 'XYZ classes (skipped in it: one-off purchases)');
  if (!carries.rfm) missing.push('RFM segments');
  if (!has('revenue')) missing.push('revenue (counted as 0)');
  const customers: Standing[] = doc.customers.map((c) => ({
    key: c.customer,
    name: c.name ?? c.customer,
    revenue: c.revenue ?? 0,
    abcClass: c.abc_class ?? null,
    xyzClass: c.xyz_class ?? null,
    segment: c.segment ?? null,
    r: c.r ?? null,
    group: c.group ?? null,
    tenureDays: c.tenure_days ?? null,
  }));
  const inputs = doc.read?.inputs ?? doc.inputs;
  return {
    file,
    schema,
    version,
    snapshot: { asOf: doc.as_of, windowStart: doc.window?.from ?? doc.as_of, windowEnd: doc.window?.to ?? doc.as_of, customers, segments: [], carries },
    currency: doc.currency ?? null,
    inputs: inputs ? inputs.map((i) => i.file) : null,
    parameters: doc.parameters ?? null,
    missing,
  };
}

/** Parameters that follow from the data, not from the options: never a reason to warn. */
const DATA_DEPENDENT = new Set(['as_of', 'window', 'abc.computed', 'one_off.one_order_share', 'one_off.active', 'xyz.enabled']);

function differences(a: unknown, b: unknown, path = ''): string[] {
  if (DATA_DEPENDENT.has(path)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((k) => differences(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${path} ${JSON.stringify(a ?? null)} → ${JSON.stringify(b ?? null)}`];
}

const PSEUDONYM = /^C-[0-9a-f]{12}$/;

export interface CurrentRun {
  readonly snapshot: Snapshot;
  readonly inputs: readonly string[];
  readonly currency: string | null;
  readonly parameters: Record<string, unknown>;
}

/** Sentences on what the comparison rests on; `warnings` are the ones to repeat on stderr. */
export function comparisonNotes(prev: PreviousReport, now: CurrentRun): { notes: string[]; warnings: string[] } {
  const notes: string[] = [];
  const warnings: string[] = [];
  const p = prev.snapshot;
  notes.push(`Compared with ${prev.file} (${prev.schema} version ${prev.version}), as of ${p.asOf}, window ${p.windowStart} to ${p.windowEnd}; this run as of ${now.snapshot.asOf}, window ${now.snapshot.windowStart} to ${now.snapshot.windowEnd}. Each side is classified as its own run classified it; customers are matched by customer key.`);
  if (p.asOf >= now.snapshot.asOf) warnings.push(`the previous report (as of ${p.asOf}) is not older than this one (as of ${now.snapshot.asOf}): "entered" and "left" read backwards`);
  if (prev.missing.length > 0) notes.push(`The previous document has no ${prev.missing.join(', ')}: ${prev.missing.length === 1 ? 'that part is' : 'those parts are'} not compared.`);
  if (prev.inputs === null) notes.push('The previous document does not name its inputs.');
  else if (JSON.stringify(prev.inputs) !== JSON.stringify(now.inputs)) notes.push(`Other inputs: the previous read ${prev.inputs.join(', ')}; this run reads ${now.inputs.join(', ')}. A customer in only one of them shows as new or gone.`);
  if ((prev.currency ?? null) !== now.currency) warnings.push(`the previous report is in ${prev.currency ?? 'no stated currency'}, this one in ${now.currency ?? 'no stated currency'}: revenues are not comparable`);
  if (prev.parameters === null) notes.push('The previous document does not state its parameters: classes may differ because the rules did.');
  else {
    const diff = differences(prev.parameters, now.parameters);
    if (diff.length > 0) warnings.push(`the previous report was made with other parameters (${diff.join('; ')}): some moves come from the rules, not the customers`);
  }
  const keys = new Set(now.snapshot.customers.map((c) => c.key));
  const matched = p.customers.filter((c) => keys.has(c.key)).length;
  if (p.customers.length > 0 && keys.size > 0 && matched === 0) {
    const pseudo = (cs: readonly Standing[]): boolean => cs.every((c) => PSEUDONYM.test(c.key));
    const [was, is] = [pseudo(p.customers), pseudo(now.snapshot.customers)];
    const why = was && !is ? 'the previous report was pseudonymised and this run is not (add --pseudonymize with the same key)' : !was && is ? 'this run is pseudonymised and the previous report was not' : was && is ? 'both are pseudonymised, with different keys?' : 'other data, or another customer key column?';
    warnings.push(`none of the previous report's ${p.customers.length} customer keys (like '${p.customers[0]!.key}') is among this run's (like '${now.snapshot.customers[0]!.key}'): ${why}; everybody shows as new or gone`);
  }
  return { notes: [...notes, ...warnings.map((w) => `Warning: ${w}.`)], warnings };
}
