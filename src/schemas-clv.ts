/** JSON Schemas of `segment clv` and of the report's predicted-value section (zod v4). */
import { z } from 'zod';
import { CLV_VALUES, PURCHASE_MODELS, TIME_UNITS } from './parameter-values.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const nullable = <T extends z.ZodType>(t: T) => t.nullable();

/** A purchase model's fit; parameters named as in the literature (at a limit: r, alpha and p). */
const purchaseFit = z.strictObject({
  model: z.enum(PURCHASE_MODELS),
  limit: nullable(z.enum(['no_dropout', 'constant_dropout'])),
  parameters: z.partialRecord(z.enum(['r', 'alpha', 'a', 'b', 's', 'beta', 'p']), z.number()),
  standard_errors: z.partialRecord(z.enum(['r', 'alpha', 'a', 'b', 's', 'beta', 'p']), nullable(z.number())),
  log_likelihood: z.number(),
  iterations: z.int(),
});

export const clvSchema = z.strictObject({
  command: z.literal('clv'),
  calibration: z.strictObject({ from: date, to: date }),
  parameters: z.strictObject({ time_unit: z.enum(TIME_UNITS), horizon_days: z.int(), discount_rate: z.number(), discounting: z.string(), value: z.enum(CLV_VALUES) }),
  purchase_model: purchaseFit.extend({ selected_by: z.enum(['asked', 'likelihood', 'holdout']), selection: z.string() }),
  models: z.array(purchaseFit),
  spend_model: nullable(
    z.strictObject({
      model: z.enum(['gamma_gamma', 'homogeneous']),
      p: nullable(z.number()),
      q: nullable(z.number()),
      gamma: nullable(z.number()),
      standard_errors: nullable(z.strictObject({ p: nullable(z.number()), q: nullable(z.number()), gamma: nullable(z.number()) })),
      mean_spend: z.number(),
      log_likelihood: nullable(z.number()),
      iterations: z.int(),
      customers: z.int(),
      left_out_non_positive_spend: z.int(),
      frequency_spend_correlation: nullable(z.number()),
    }),
  ),
  customers_without_purchase_day: z.int(),
  intervals: nullable(
    z.strictObject({
      level: z.number(),
      replicates: z.int(),
      seed: z.int(),
      failed: z.int(),
      total_purchases: z.strictObject({ low: z.number(), high: z.number() }),
      total_clv: nullable(z.strictObject({ low: z.number(), high: z.number() })),
    }),
  ),
  new_customer: nullable(
    z.strictObject({ first_purchase: z.number(), repeat_purchases: z.number(), discounted_repeat_purchases: z.number(), spend_per_purchase: nullable(z.number()), value: nullable(z.number()) }),
  ),
  warnings: z.array(z.string()),
  /** Customers by repeat purchases in the calibration period (0 … 6, then 7 or more): actual, and Σ over customers of the model's P(X(T) = x). */
  period_transactions: nullable(z.array(z.strictObject({ x: z.int(), or_more: z.boolean(), actual: z.int(), expected: z.number() }))),
  /** Repeat purchases of the calibration customers per week (the first and last can be shorter), actual and Σ over customers of the model's E[X(t)]. */
  tracking: nullable(
    z.strictObject({
      from: date,
      to: date,
      holdout_from: nullable(date),
      weeks: z.array(z.strictObject({ start: date, end: date, holdout: z.boolean(), actual: z.int(), expected: z.number(), actual_cumulative: z.int(), expected_cumulative: z.number() })),
    }),
  ),
  holdout: nullable(
    z.strictObject({
      from: date,
      to: date,
      length: z.number(),
      customers: z.int(),
      predicted: z.number(),
      actual: z.int(),
      mean_absolute_error: z.number(),
      by_repeat_purchases: z.array(z.strictObject({ x: z.int(), or_more: z.boolean(), customers: z.int(), predicted_mean: z.number(), actual_mean: z.number() })),
    }),
  ),
  customers: z.array(
    z.strictObject({
      rank: z.int(),
      customer: z.string(),
      name: z.string(),
      first_date: date,
      last_date: date,
      x: z.int(),
      t_x: z.number(),
      T: z.number(),
      mean_repeat_spend: nullable(z.number()),
      revenue: z.number(),
      p_alive: z.number().min(0).max(1),
      expected_purchases: z.number().min(0),
      expected_spend: nullable(z.number()),
      clv: nullable(z.number()),
      expected_purchases_low: nullable(z.number()).optional(),
      expected_purchases_high: nullable(z.number()).optional(),
      clv_low: nullable(z.number()).optional(),
      clv_high: nullable(z.number()).optional(),
    }),
  ),
});

export const reportClvSchema = z.strictObject({
  predicted: z.boolean(),
  failure: nullable(z.string()),
  horizon_days: z.int().optional(),
  discount_rate: z.number().optional(),
  ideal: z.array(z.strictObject({ customer: z.string(), p_alive: nullable(z.number()), clv: nullable(z.number()), clv_rank: nullable(z.int()) })),
  groups: z.array(
    z.strictObject({
      group: z.string(),
      rule: z.string(),
      customers: z.int(),
      revenue: z.number(),
      predicted: z.number(),
      members: z.array(z.strictObject({ customer: z.string(), name: z.string(), revenue: z.number(), p_alive: z.number(), clv: z.number() })),
    }),
  ),
});
