/**
 * The ideal-customer portrait of a saved report (`segment report --format json`), for scoring
 * prospects: each attribute's levels with their lifts and whether they are beyond chance, and the
 * report's customers with their group. Read loosely (other keys are ignored), so that a report of
 * an older or newer version still gives its portrait.
 */
import { readFile } from 'node:fs/promises';
import { DataError, UsageError } from '../../kernel/errors.js';

/** One level of a categorical attribute in a saved portrait. */
export interface ProfileLevel {
  readonly value: string;
  readonly lift: number | null;
  readonly significant: boolean;
  readonly idealCustomers: number;
  readonly allShare: number;
}

export type ProfileAttribute =
  | { readonly kind: 'categorical'; readonly name: string; readonly idealKnown: number; readonly levels: readonly ProfileLevel[] }
  | { readonly kind: 'numeric'; readonly name: string; readonly medianAll: number | null; readonly medianIdeal: number | null; readonly ratio: number | null; readonly significant: boolean };

export interface Profile {
  readonly file: string;
  readonly asOf: string | null;
  readonly attributes: readonly ProfileAttribute[];
  readonly customers: ReadonlyMap<string, { readonly name: string; readonly group: string; readonly abcClass: string | null }>;
}

export async function readProfile(path: string): Promise<Profile> {
  const { z } = await import('zod');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`--profile ${path}: no such file; write one with segment report SALES --format json --output ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataError(`--profile ${path}: not valid JSON (${(err as Error).message}); it should be the output of segment report --format json`);
  }
  const share = z.looseObject({ customers: z.number(), share: z.number() });
  const schema = z.looseObject({
    schema: z.literal('segment.report'),
    as_of: z.string().optional(),
    portrait: z.looseObject({
      attributes: z.array(
        z.looseObject({
          name: z.string(),
          kind: z.enum(['categorical', 'numeric']),
          known: z.looseObject({ ideal: z.number() }),
          median: z.looseObject({ all: z.number().nullable(), ideal: z.number().nullable() }).nullable(),
          ratio: z.number().nullable(),
          significant: z.boolean(),
          levels: z.array(z.looseObject({ value: z.string(), lift: z.number().nullable(), significant: z.boolean(), ideal: share, all: share })).nullable(),
        }),
      ),
    }),
    customers: z.array(z.looseObject({ customer: z.string(), name: z.string(), group: z.string().nullable(), abc_class: z.string().nullable().optional() })),
  });
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataError(`--profile ${path}: not a saved report (${issue.path.join('.') || 'top level'}: ${issue.message}); write one with segment report SALES --format json`);
  }
  const r = parsed.data;
  const attributes: ProfileAttribute[] = r.portrait.attributes.map((a) =>
    a.kind === 'numeric'
      ? { kind: 'numeric', name: a.name, medianAll: a.median?.all ?? null, medianIdeal: a.median?.ideal ?? null, ratio: a.ratio, significant: a.significant }
      : {
          kind: 'categorical',
          name: a.name,
          idealKnown: a.known.ideal,
          levels: (a.levels ?? []).map((l) => ({ value: l.value, lift: l.lift, significant: l.significant, idealCustomers: l.ideal.customers, allShare: l.all.share })),
        },
  );
  const customers = new Map(r.customers.map((c) => [c.customer, { name: c.name, group: c.group ?? 'other', abcClass: c.abc_class ?? null }]));
  return { file: path, asOf: r.as_of ?? null, attributes, customers };
}
