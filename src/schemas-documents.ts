/** The JSON documents of changes, journey, report, cohorts, audit and score. */
import { z } from 'zod';
import { reportClvSchema } from './schemas-clv.js';
import { COHORT_PERIODS } from './parameter-values.js';
import { abcClass, classes, customerSchemas, date, excludedSchema, groupFlag, inputsSchema, matrixSchema, money, nullable, parametersSchema, paretoSummary, profit, rfmSummary, share, totals, windowSchema, xyzClass, xyzClasses } from './schemas-views.js';

// segment changes, and the `changes` of a report run with --previous.
export const standing = nullable(
  z.strictObject({ group: groupFlag, abc_class: nullable(abcClass), xyz_class: xyzClass, segment: nullable(z.string()), r: nullable(z.int()), revenue: money, tenure_days: nullable(z.int()) }),
);
export const moverRef = z.strictObject({ customer: z.string(), name: z.string(), revenue_from: money, revenue_to: money });
export const groupChange = nullable(z.strictObject({ from: z.int(), to: z.int(), entered: z.array(moverRef), left: z.array(moverRef), stayed: z.int() }));
export const transitions = nullable(
  z.strictObject({
    rows: z.array(z.string()),
    columns: z.array(z.string()),
    cells: z.array(z.strictObject({ from: z.string(), to: z.string(), customers: z.int(), revenue_from: money, revenue_to: money })),
  }),
);
export const alertKind = z.enum(['fell-to-risk', 'recency-drop', 'new-in-ideal']);
export const changeSide = z.strictObject({ as_of: date, window: z.strictObject({ from: date, to: date }), customers: z.int() });
export const movedSchema = z.strictObject({ customer: z.string(), name: z.string(), changes: z.array(z.string()), alerts: z.array(alertKind), from: standing, to: standing });
export const changesObjectSchema = z.strictObject({
  from: changeSide,
  to: changeSide,
  window_rule: z.string(),
  notes: z.array(z.string()),
  matched: z.int(),
  ideal: groupChange,
  elite: groupChange,
  transitions: z.strictObject({ abc: transitions, xyz: transitions, rfm: transitions }),
  alerts: z.array(z.strictObject({ customer: z.string(), name: z.string(), kinds: z.array(alertKind), reasons: z.array(z.string()), from: standing, to: standing })),
  alert_rules: z.record(alertKind, z.string()),
  moved: z.array(movedSchema),
});
export const changesSchema = z.strictObject({
  schema: z.literal('segment.changes'),
  version: z.literal(1),
  currency: nullable(z.string()),
  inputs: inputsSchema,
  ...changesObjectSchema.shape,
  warnings: z.array(z.string()),
});
/** One line of `segment changes --format ndjson`. */
export const changesLineSchema = movedSchema.extend({ from_as_of: date, to_as_of: date });

export const ref = z.strictObject({ customer: z.string(), name: z.string() });
export const levelShare = z.strictObject({ customers: z.int(), share });
export const personaField = z.strictObject({ label: z.string(), value: nullable(z.string()), evidence: nullable(z.string()), prompt: nullable(z.string()), distinct: nullable(z.boolean()) });

export const quartileSchema = nullable(z.strictObject({ n: z.int(), q1: z.number(), median: z.number(), q3: z.number() }));
export const outcomeFields = { deals: z.int(), won: z.int(), lost: z.int(), open: z.int(), win_rate: nullable(share) };
export const journeyChannelSchema = z.strictObject({
  channel: z.string(),
  ...outcomeFields,
  median_days_to_won: nullable(z.number()),
  won_customers: z.int(),
  ideal_customers: z.int(),
  ideal_share: nullable(share),
  lift: nullable(z.number()),
  p: nullable(z.number()),
  significant: z.boolean(),
});
export const journeySchema = z.strictObject({
  schema: z.literal('segment.journey'),
  version: z.literal(1),
  deals_file: z.strictObject({
    file: z.string(),
    rows: z.int(),
    used: z.int(),
    rejected: z.int(),
    rejected_by_reason: z.array(z.strictObject({ reason: z.string(), column: nullable(z.string()), rows: z.int(), examples: z.array(z.strictObject({ line: nullable(z.int()), value: nullable(z.string()) })) })),
    columns: z.array(z.strictObject({ name: z.string(), field: nullable(z.string()), why: z.string(), convention: nullable(z.string()) })),
  }),
  match: z.strictObject({ by: z.enum(['key', 'name']), deals: z.int(), deals_matched: z.int(), companies: z.int(), companies_matched: z.int(), won_without_purchases: z.array(z.string()), customers_without_deal: z.int(), deals_without_company: z.int() }),
  totals: z.strictObject(outcomeFields),
  days_unknown: z.int(),
  sentence: z.string(),
  test: z.strictObject({ tests: z.int(), min_count: z.int(), alpha: z.number() }),
  channels: z.array(journeyChannelSchema),
  groups: z.array(z.strictObject({ dimension: z.enum(['category', 'ideal', 'abc', 'segment', 'group']), value: z.string(), ...outcomeFields, days_to_won: quartileSchema, activities_to_won: quartileSchema })),
  group_column: nullable(z.string()),
});

export const reportSchema = z.strictObject({
  schema: z.literal('segment.report'),
  version: z.literal(1),
  as_of: date,
  window: windowSchema,
  currency: nullable(z.string()),
  read: z.strictObject({
    inputs: inputsSchema,
    rejected_by_reason: z.array(z.strictObject({ reason: z.string(), column: nullable(z.string()), rows: z.int() })),
    skipped_by_rule: z.array(z.strictObject({ reason: z.string(), rows: z.int(), amount: money })),
    unattributed: z.strictObject({ rows: z.int(), amount: money }),
    excluded: excludedSchema,
    customers_file: nullable(
      z.strictObject({ file: z.string(), rows: z.int(), matched: z.int(), unmatched_keys: z.array(z.string()), customers_without_row: z.int(), malformed: z.int() }),
    ),
    warnings: z.array(z.string()),
  }),
  headline: z.strictObject({
    text: z.string(),
    ideal: z.strictObject({ customers: z.int(), share }),
    elite: z.strictObject({ customers: z.int(), share }),
    gini: z.number(),
    customers_for_80: nullable(z.strictObject({ customers: z.int(), share })),
    regular_revenue_share: nullable(share),
  }),
  ranking: z.array(customerSchemas.report.extend({ position: z.int(), ranking_cumulative_share: share, loses_money: z.boolean() })),
  summary: z.strictObject({
    totals,
    classes,
    xyz_classes: xyzClasses,
    matrix: matrixSchema,
    rfm: rfmSummary,
    pareto: paretoSummary,
    profit,
  }),
  portrait: z.strictObject({
    test: z.string(),
    findings: z.array(z.strictObject({ attribute: z.string(), value: nullable(z.string()), lift: z.number(), p: z.number(), sentence: z.string() })),
    attributes: z.array(
      z.strictObject({
        name: z.string(),
        source: z.string(),
        kind: z.enum(['categorical', 'numeric']),
        known: z.strictObject({ all: z.int(), ideal: z.int(), elite: z.int() }),
        median: nullable(z.strictObject({ all: nullable(z.number()), ideal: nullable(z.number()), elite: nullable(z.number()) })),
        ratio: nullable(z.number()),
        p: nullable(z.number()),
        significant: z.boolean(),
        levels: nullable(
          z.array(z.strictObject({ value: z.string(), elite: levelShare, ideal: levelShare, all: levelShare, lift: nullable(z.number()), p: z.number(), significant: z.boolean() })),
        ),
      }),
    ),
    skipped: z.array(z.strictObject({ name: z.string(), why: z.string() })),
    /** Columns left out before any test (line-level, --attributes/--exclude-attributes, --pseudonymize). */
    left_out: z.array(z.strictObject({ name: z.string(), why: z.string() })),
  }),
  personas: z.array(
    z.strictObject({
      title: z.string(),
      market: nullable(z.string()),
      customers: z.int(),
      note: nullable(z.string()),
      sections: z.array(z.strictObject({ heading: z.string(), fields: z.array(personaField) })),
      interview: z.array(ref.extend({ loses_money: z.boolean() })),
    }),
  ),
  picks: nullable(
    z.strictObject({
      file: z.string(),
      picks: z.int(),
      unmatched: z.array(z.strictObject({ customer: z.string(), picked_by: nullable(z.string()), nearest: z.array(ref) })),
      agreed: z.array(ref.extend({ picked_by: z.array(z.string()), reasons: z.array(z.string()) })),
      not_backed: z.array(ref.extend({ picked_by: z.array(z.string()), reasons: z.array(z.string()), why: z.array(z.string()) })),
      unpicked: z.array(ref),
    }),
  ),
  shortlist: z.array(ref.extend({ loses_money: z.boolean() })),
  not_needed: z.array(z.strictObject({ group: z.string(), rule: z.string(), customers: z.int(), revenue: money, examples: z.array(ref) })),
  ideal_late_payers: nullable(z.strictObject({ group: z.string(), rule: z.string(), customers: z.int(), revenue: money, examples: z.array(ref) })),
  /** Ideal or elite customers whose margin (or contribution) is below 0. */
  ideal_unprofitable: nullable(
    z.strictObject({ group: z.string(), rule: z.string(), customers: z.int(), revenue: money, margin: nullable(money), examples: z.array(ref.extend({ margin: nullable(money), contribution: nullable(money) })) }),
  ),
  parameters: parametersSchema,
  method: z.array(z.string()),
  customers: z.array(customerSchemas.report),
  /** With --clv. */
  clv: reportClvSchema.optional(),
  /** With --previous: what changed since the saved report. */
  changes: changesObjectSchema.optional(),
  /** Only with --deals. */
  journey: journeySchema.omit({ schema: true, version: true }).optional(),
});

export const cohortsSchema = z.strictObject({
  schema: z.literal('segment.cohorts'),
  version: z.literal(1),
  currency: nullable(z.string()),
  inputs: inputsSchema,
  by: z.enum(COHORT_PERIODS),
  window: z.strictObject({ from: date, to: date }),
  partial: z.strictObject({ first: z.boolean(), last: z.boolean() }),
  customers: z.int(),
  revenue: money,
  outside: z.strictObject({ customers: z.int(), revenue: money }),
  definitions: z.array(z.string()),
  cohorts: z.array(
    z.strictObject({
      cohort: z.string(),
      customers: z.int(),
      revenue: money,
      periods: z.array(z.strictObject({ offset: z.int(), period: z.string(), active: z.int(), retention_share: share, revenue: money, revenue_per_customer: money })),
    }),
  ),
  warnings: z.array(z.string()),
});

export const auditSchema = z.strictObject({
  schema: z.literal('segment.audit'),
  version: z.literal(1),
  file: z.string(),
  rows: z.strictObject({ read: z.int(), used: z.int(), rejected: z.int() }),
  required: z.array(z.string()),
  after_stage: z.string(),
  in_scope: z.int(),
  out_of_scope: z.strictObject({ lost: z.int(), earlier: z.int() }),
  incomplete: z.int(),
  by_field: z.array(z.strictObject({ field: z.string(), missing: z.int() })),
  by_owner: z.array(z.strictObject({ owner: z.string(), deals: z.int(), missing: z.int() })),
  by_stage: z.array(z.strictObject({ stage: z.string(), deals: z.int(), missing: z.int() })),
  deals: z.array(z.strictObject({ line: z.int(), deal: nullable(z.string()), company: z.string(), stage: z.string(), owner: nullable(z.string()), missing: z.array(z.string()) })),
});

export const scoreSchema = z.strictObject({
  schema: z.literal('segment.score'),
  version: z.literal(1),
  file: z.string(),
  profile: z.string(),
  rows: z.strictObject({ read: z.int(), used: z.int(), rejected: z.int() }),
  traits: z.array(z.string()),
  method: z.array(z.string()),
  /** The prospects file's own ID column (`Lead ID`), kept so that scores join back to the CRM; null when it has none. */
  id_column: nullable(z.string()),
  prospects: z.array(
    z.strictObject({
      rank: z.int(),
      line: z.int(),
      id: nullable(z.string()),
      company: nullable(z.string()),
      name: nullable(z.string()),
      score: z.int().min(0).max(100),
      log_lift: z.number(),
      existing: nullable(z.strictObject({ group: z.string(), abc_class: nullable(z.string()) })),
      reasons: z.array(z.strictObject({ attribute: z.string(), value: z.string(), weight: z.number(), text: z.string() })),
      unknown: z.array(z.string()),
    }),
  ),
});
