/** The JSON documents of `segment inspect` and the analysis commands (abc, xyz, abcxyz, rfm, pareto), and the parts other documents reuse. */
import { z } from 'zod';
import { ABC_BASES, ABC_METHODS, INPUT_KINDS, MONETARY_VALUES, PERIODS, XYZ_MEASURES, XYZ_SPANS } from './parameter-values.js';

export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const share = z.number();
export const money = z.number();
export const nullable = <T extends z.ZodType>(t: T) => t.nullable();

export const reason = z.strictObject({
  reason: z.string(),
  column: nullable(z.string()),
  rows: z.int(),
  amount: money,
  examples: z.array(z.strictObject({ line: nullable(z.int()), value: nullable(z.string()) })),
});

export const accounting = z.strictObject({
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
export const workbookSchema = z.strictObject({
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
      kind: z.enum(INPUT_KINDS),
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
      /** How the direction of money was decided: a debit/credit flag column, or the amount's sign. */
      direction: z.string(),
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

export const abcClass = z.enum(['A', 'B', 'C']);
export const xyzClass = nullable(z.enum(['X', 'Y', 'Z']));

export const inputsSchema = z.array(
  z.strictObject({
    file: z.string(),
    kind: z.enum(INPUT_KINDS),
    encoding: z.string(),
    rows: z.strictObject({ read: z.int(), used: z.int(), rejected: z.int(), skipped: z.int(), unattributed: z.int(), unattributed_amount: money }),
  }),
);

export const parametersSchema = z.strictObject({
  as_of: date,
  window: z.strictObject({ from: date, to: date }),
  abc: z.strictObject({
    by: z.enum(ABC_BASES),
    method: z.enum(ABC_METHODS),
    limits: nullable(z.array(share)),
    computed: nullable(
      z.strictObject({ pareto_effort: share, break_even_effort: share, submarginal_effort: share, ab_effort: share, bc_effort: share }),
    ),
  }),
  xyz: z.strictObject({
    enabled: z.boolean(),
    period: z.enum(PERIODS),
    by: z.enum(XYZ_MEASURES),
    span: z.enum(XYZ_SPANS),
    limits: z.array(z.number()),
    min_periods: z.int(),
  }),
  rfm: z.strictObject({
    monetary: z.enum(MONETARY_VALUES),
    bins: z.int(),
    segments: z.string(),
    cuts: z.strictObject({ r: nullable(z.array(z.number())), f: nullable(z.array(z.number())), m: nullable(z.array(z.number())) }),
  }),
  pareto: z.strictObject({ ideal: share, elite: share }),
  one_off: z.strictObject({ threshold: share, forced: z.boolean(), active: z.boolean(), one_order_share: share }),
  cost_per_order: nullable(money),
});

export const totals = z.strictObject({ customers: z.int(), revenue: money, margin: nullable(money), orders: z.int(), non_positive: z.int() });
export const classSummary = z.strictObject({ customers: z.int(), customer_share: share, value: money, value_share: share });
export const classes = z.strictObject({ A: classSummary, B: classSummary, C: classSummary });
export const xyzClasses = z.array(z.strictObject({ xyz_class: xyzClass, customers: z.int(), revenue: money }));
export const profit = nullable(
  z.strictObject({
    margin: money,
    margin_rate: nullable(share),
    by_class: z.array(z.strictObject({ abc_class: abcClass, revenue: money, margin: money, margin_rate: nullable(share), contribution: nullable(money) })),
    minimum_order: nullable(money),
    below_break_even: nullable(z.strictObject({ customers: z.int(), revenue: money })),
  }),
);
export const scoring = nullable(
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
export const group = z.strictObject({ share_of_customers: share, customers: z.int(), value: money, value_share: share });
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

export const id = { customer: z.string(), name: z.string() };
export const abcFields = { value: z.number(), rank: z.int(), share, cumulative_share: share, abc_class: abcClass, non_positive: z.boolean() };
export const facts = {
  revenue: money,
  orders: z.int(),
  avg_check: nullable(money),
  margin: nullable(money),
  first_date: date,
  last_date: date,
  recency_days: z.int(),
  tenure_days: z.int(),
};
export const xyzFields = { periods: z.int(), cv: nullable(z.number()), xyz_class: xyzClass, xyz_reason: nullable(z.string()) };
export const rfmFields = { r: z.int(), f: nullable(z.int()), m: z.int(), rfm_score: z.string(), segment: z.string() };
export const groupFlag = nullable(z.enum(['elite', 'ideal']));

export const profitFields = { margin_rate: nullable(share), contribution: nullable(money), below_break_even: nullable(z.boolean()) };

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

export const summaries = {
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

export function viewSchema<V extends keyof typeof summaries>(view: V) {
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
