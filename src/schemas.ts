/**
 * The JSON documents segment writes, as zod schemas: the source of `segment schema NAME` (JSON
 * Schema) and of the tests that validate every JSON output. Money is rounded to cents, shares are
 * fractions (0.25, not 25%), dates are YYYY-MM-DD.
 */
import { z } from 'zod';
import { clvSchema, reportClvSchema } from './schemas-clv.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const share = z.number();
const money = z.number();
const nullable = <T extends z.ZodType>(t: T) => t.nullable();

const reason = z.strictObject({
  reason: z.string(),
  column: nullable(z.string()),
  rows: z.int(),
  amount: money,
  examples: z.array(z.strictObject({ line: nullable(z.int()), value: nullable(z.string()) })),
});

const accounting = z.strictObject({
  read: z.int(),
  used: z.int(),
  used_amount: money,
  rejected: z.int(),
  rejected_by_reason: z.array(reason),
  skipped: z.int(),
  skipped_by_rule: z.array(reason),
  unattributed: z.int(),
  unattributed_amount: money,
  identical_within_file: nullable(z.int()),
});

/** An input that was a workbook: its sheets, the one read, and the kinds of cell below the header. */
const workbookSchema = z.strictObject({
  sheets: z.array(z.strictObject({ position: z.int(), name: z.string(), hidden: z.boolean(), rows: z.int(), table: z.boolean() })),
  sheet: z.string(),
  reason: z.string(),
  header_row: z.int(),
  cell_types: z.array(z.strictObject({ column: z.string(), number: z.int(), date: z.int(), text: z.int(), boolean: z.int(), error: z.int(), formula: z.int(), formula_no_value: z.int() })),
});

export const inspectSchema = z.strictObject({
  schema: z.literal('segment.inspect'),
  version: z.literal(1),
  inputs: z.array(
    z.strictObject({
      file: z.string(),
      kind: z.enum(['crm', 'bank', 'loyalty']),
      kind_reason: z.string(),
      encoding: z.string(),
      encoding_reason: z.string(),
      compressed: z.boolean(),
      dialect: z.strictObject({ delimiter: z.string(), newline: z.enum(['LF', 'CRLF', 'CR']), skip: z.int(), header_line: z.int(), reason: z.string() }),
      columns: z.array(
        z.strictObject({
          index: z.int(),
          name: z.string(),
          role: z.enum(['field', 'attribute', 'ignored']),
          field: nullable(z.string()),
          why: z.string(),
          convention: nullable(z.string()),
          evidence: nullable(z.string()),
        }),
      ),
      attributes: z.array(z.strictObject({ name: z.string(), level: z.enum(['customer', 'transaction']) })),
      rows: accounting,
      customers: z.int(),
      orders: z.int(),
      refunds: z.strictObject({ rows: z.int(), amount: money }),
      currency: nullable(z.string()),
      currencies: z.array(z.strictObject({ currency: z.string(), rows: z.int() })),
      first_date: nullable(date),
      last_date: nullable(date),
      notes: z.array(z.string()),
      workbook: workbookSchema.optional(),
      parquet: z.strictObject({ rows: z.int(), columns: z.array(z.strictObject({ name: z.string(), type: z.string() })) }).optional(),
    }),
  ),
  total: accounting,
  currency: nullable(z.string()),
  first_date: nullable(date),
  last_date: nullable(date),
  months: nullable(z.number()),
  warnings: z.array(z.string()),
});

const abcClass = z.enum(['A', 'B', 'C']);
const xyzClass = nullable(z.enum(['X', 'Y', 'Z']));

export const inputsSchema = z.array(
  z.strictObject({
    file: z.string(),
    kind: z.enum(['crm', 'bank', 'loyalty']),
    encoding: z.string(),
    rows: z.strictObject({ read: z.int(), used: z.int(), rejected: z.int(), skipped: z.int(), unattributed: z.int(), unattributed_amount: money }),
  }),
);

export const parametersSchema = z.strictObject({
  as_of: date,
  window: z.strictObject({ from: date, to: date }),
  abc: z.strictObject({
    by: z.enum(['revenue', 'margin', 'avg-check', 'orders']),
    method: z.enum(['cumulative', 'count', 'computed']),
    limits: nullable(z.array(share)),
    computed: nullable(
      z.strictObject({ pareto_effort: share, break_even_effort: share, submarginal_effort: share, ab_effort: share, bc_effort: share }),
    ),
  }),
  xyz: z.strictObject({
    enabled: z.boolean(),
    period: z.enum(['week', 'month', 'quarter']),
    by: z.enum(['revenue', 'orders']),
    span: z.enum(['customer', 'window']),
    limits: z.array(z.number()),
    min_periods: z.int(),
  }),
  rfm: z.strictObject({
    monetary: z.enum(['total', 'avg']),
    bins: z.int(),
    segments: z.string(),
    cuts: z.strictObject({ r: nullable(z.array(z.number())), f: nullable(z.array(z.number())), m: nullable(z.array(z.number())) }),
  }),
  pareto: z.strictObject({ ideal: share, elite: share }),
  one_off: z.strictObject({ threshold: share, forced: z.boolean(), active: z.boolean(), one_order_share: share }),
  cost_per_order: nullable(money),
});

const totals = z.strictObject({ customers: z.int(), revenue: money, margin: nullable(money), orders: z.int(), non_positive: z.int() });
const classSummary = z.strictObject({ customers: z.int(), customer_share: share, value: money, value_share: share });
const classes = z.strictObject({ A: classSummary, B: classSummary, C: classSummary });
const xyzClasses = z.array(z.strictObject({ xyz_class: xyzClass, customers: z.int(), revenue: money }));
const profit = nullable(
  z.strictObject({
    margin: money,
    margin_rate: nullable(share),
    by_class: z.array(z.strictObject({ abc_class: abcClass, revenue: money, margin: money, margin_rate: nullable(share), contribution: nullable(money) })),
    minimum_order: nullable(money),
    below_break_even: nullable(z.strictObject({ customers: z.int(), revenue: money })),
  }),
);
const scoring = nullable(
  z.strictObject({
    method: z.enum(['quantiles', 'cuts', 'r']),
    cuts: nullable(z.array(z.number())),
    scores: z.array(z.strictObject({ score: z.int(), customers: z.int(), min: nullable(z.number()), max: nullable(z.number()) })),
    empty: z.array(z.int()),
    empty_reason: nullable(z.string()),
  }),
);
export const rfmSummary = z.strictObject({
  r: scoring,
  f: scoring,
  m: scoring,
  segments: z.array(
    z.strictObject({
      segment: z.string(),
      customers: z.int(),
      customer_share: share,
      revenue: money,
      revenue_share: share,
      mean_recency: z.number(),
      mean_frequency: z.number(),
      mean_monetary: money,
    }),
  ),
  rules_never_matching: z.array(z.string()),
  uncovered_combinations: z.int(),
});
const group = z.strictObject({ share_of_customers: share, customers: z.int(), value: money, value_share: share });
export const paretoSummary = nullable(
  z.strictObject({
    customers: z.int(),
    total: money,
    ideal: group,
    elite: group,
    customers_for_80: nullable(z.strictObject({ customers: z.int(), share })),
    gini: z.number(),
    lorenz: z.array(z.strictObject({ customer_share: share, value_share: share })),
  }),
);
export const matrixSchema = z.array(
  z.strictObject({ abc_class: abcClass, xyz_class: xyzClass, customers: z.int(), customer_share: share, value: money, value_share: share, reading: z.string() }),
);

const id = { customer: z.string(), name: z.string() };
const abcFields = { value: z.number(), rank: z.int(), share, cumulative_share: share, abc_class: abcClass, non_positive: z.boolean() };
const facts = {
  revenue: money,
  orders: z.int(),
  avg_check: nullable(money),
  margin: nullable(money),
  first_date: date,
  last_date: date,
  recency_days: z.int(),
  tenure_days: z.int(),
};
const xyzFields = { periods: z.int(), cv: nullable(z.number()), xyz_class: xyzClass, xyz_reason: nullable(z.string()) };
const rfmFields = { r: z.int(), f: nullable(z.int()), m: z.int(), rfm_score: z.string(), segment: z.string() };
const groupFlag = nullable(z.enum(['elite', 'ideal']));

const profitFields = { margin_rate: nullable(share), contribution: nullable(money), below_break_even: nullable(z.boolean()) };

export const customerSchemas = {
  abc: z.strictObject({ ...id, ...abcFields, ...facts, ...profitFields }),
  xyz: z.strictObject({ ...id, ...xyzFields, revenue: money, orders: z.int() }),
  abcxyz: z.strictObject({ ...id, ...abcFields, ...xyzFields, ...facts }),
  rfm: z.strictObject({ ...id, recency_days: z.int(), frequency: z.int(), monetary: money, ...rfmFields, revenue: money, rank: z.int() }),
  pareto: z.strictObject({ ...id, ...abcFields, group: groupFlag }),
  report: z.strictObject({
    ...id,
    ...abcFields,
    ...facts,
    ...xyzFields,
    ...rfmFields,
    group: groupFlag,
    ...profitFields,
    punctuality: nullable(z.strictObject({ invoices: z.int(), on_time_share: share, mean_days_late: z.number() })),
  }),
} as const;

const summaries = {
  abc: z.strictObject({ totals, classes, profit }),
  xyz: z.strictObject({ totals, xyz_classes: xyzClasses, reason: nullable(z.string()) }),
  abcxyz: z.strictObject({ totals, classes, xyz_classes: xyzClasses, matrix: matrixSchema }),
  rfm: z.strictObject({ totals, rfm: rfmSummary }),
  pareto: z.strictObject({ totals, pareto: paretoSummary, pareto_margin: paretoSummary, profit }),
} as const;

export const windowSchema = z.strictObject({ from: date, to: date, months: z.number() });
export const excludedSchema = z.strictObject({
  after_window: z.strictObject({ rows: z.int(), amount: money }),
  before_window: z.strictObject({ rows: z.int(), amount: money }),
});

function viewSchema<V extends keyof typeof summaries>(view: V) {
  return z.strictObject({
    schema: z.literal(`segment.${view}`),
    version: z.literal(1),
    as_of: date,
    window: windowSchema,
    currency: nullable(z.string()),
    inputs: inputsSchema,
    excluded: excludedSchema,
    parameters: parametersSchema,
    summary: summaries[view],
    customers: z.array(customerSchemas[view]),
    warnings: z.array(z.string()),
  });
}

// segment changes, and the `changes` of a report run with --previous.
const standing = nullable(
  z.strictObject({ group: groupFlag, abc_class: nullable(abcClass), xyz_class: xyzClass, segment: nullable(z.string()), r: nullable(z.int()), revenue: money, tenure_days: nullable(z.int()) }),
);
const moverRef = z.strictObject({ customer: z.string(), name: z.string(), revenue_from: money, revenue_to: money });
const groupChange = nullable(z.strictObject({ from: z.int(), to: z.int(), entered: z.array(moverRef), left: z.array(moverRef), stayed: z.int() }));
const transitions = nullable(
  z.strictObject({
    rows: z.array(z.string()),
    columns: z.array(z.string()),
    cells: z.array(z.strictObject({ from: z.string(), to: z.string(), customers: z.int(), revenue_from: money, revenue_to: money })),
  }),
);
const alertKind = z.enum(['fell-to-risk', 'recency-drop', 'new-in-ideal']);
const changeSide = z.strictObject({ as_of: date, window: z.strictObject({ from: date, to: date }), customers: z.int() });
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

const ref = z.strictObject({ customer: z.string(), name: z.string() });
const levelShare = z.strictObject({ customers: z.int(), share });
const personaField = z.strictObject({ label: z.string(), value: nullable(z.string()), evidence: nullable(z.string()), prompt: nullable(z.string()) });

const quartileSchema = nullable(z.strictObject({ n: z.int(), q1: z.number(), median: z.number(), q3: z.number() }));
const outcomeFields = { deals: z.int(), won: z.int(), lost: z.int(), open: z.int(), win_rate: nullable(share) };
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
  match: z.strictObject({ by: z.enum(['key', 'name']), deals: z.int(), deals_matched: z.int(), companies: z.int(), companies_matched: z.int(), won_without_purchases: z.array(z.string()), customers_without_deal: z.int() }),
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
  ranking: z.array(customerSchemas.report.extend({ position: z.int(), ranking_cumulative_share: share })),
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
  }),
  personas: z.array(
    z.strictObject({
      title: z.string(),
      market: nullable(z.string()),
      customers: z.int(),
      note: nullable(z.string()),
      sections: z.array(z.strictObject({ heading: z.string(), fields: z.array(personaField) })),
      interview: z.array(ref),
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
  shortlist: z.array(ref),
  not_needed: z.array(z.strictObject({ group: z.string(), rule: z.string(), customers: z.int(), revenue: money, examples: z.array(ref) })),
  ideal_late_payers: nullable(z.strictObject({ group: z.string(), rule: z.string(), customers: z.int(), revenue: money, examples: z.array(ref) })),
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
  by: z.enum(['month', 'quarter', 'year']),
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
  prospects: z.array(
    z.strictObject({
      rank: z.int(),
      line: z.int(),
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

export const SCHEMAS = {
  inspect: inspectSchema,
  abc: viewSchema('abc'),
  xyz: viewSchema('xyz'),
  abcxyz: viewSchema('abcxyz'),
  rfm: viewSchema('rfm'),
  pareto: viewSchema('pareto'),
  report: reportSchema,
  changes: changesSchema,
  cohorts: cohortsSchema,
  journey: journeySchema,
  audit: auditSchema,
  score: scoreSchema,
  clv: clvSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

export function jsonSchema(name: SchemaName): unknown {
  return z.toJSONSchema(SCHEMAS[name], { target: 'draft-2020-12' });
}
