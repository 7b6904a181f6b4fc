/** Each analysis command's view as a JSON document: inputs, parameters, summary and customers. */

import type { Analysis, CustomerRow } from '../analyses/analysis.js';
import type { Scoring } from '../analyses/rfm.js';

import type { ParetoResult } from '../analyses/pareto.js';

import { cents, fraction, monthsBetween } from './format.js';
import { LazyRows } from './lazy-rows.js';
import type { RunContext, View } from './view-wording.js';

export function inputsJson(ctx: RunContext) {
  return ctx.read.inputs.map((i) => ({
    file: i.file,
    kind: i.kind,
    encoding: i.encoding,
    rows: {
      read: i.rows.read,
      used: i.rows.used,
      rejected: i.rows.rejected,
      skipped: i.rows.skipped,
      unattributed: i.rows.unattributed,
      unattributed_amount: cents(i.rows.unattributedAmount),
    },
  }));
}

export function parametersJson(a: Analysis) {
  const p = a.params;
  return {
    as_of: p.asOf,
    window: { from: p.windowStart, to: p.windowEnd },
    abc: {
      by: a.basis,
      method: p.abc.method,
      limits: p.abc.method === 'computed' ? null : p.abc.limits.map(fraction),
      computed: a.abc.computed
        ? {
            pareto_effort: fraction(a.abc.computed.paretoEffort),
            break_even_effort: fraction(a.abc.computed.breakEvenEffort),
            submarginal_effort: fraction(a.abc.computed.submarginalEffort),
            ab_effort: fraction(a.abc.computed.abEffort),
            bc_effort: fraction(a.abc.computed.bcEffort),
          }
        : null,
    },
    xyz: { enabled: a.xyz.enabled, period: p.period, by: p.xyz.by, span: p.xyz.span, limits: [...p.xyz.limits], min_periods: p.xyz.minPeriods },
    rfm: { monetary: p.rfm.monetary, bins: p.rfm.bins, segments: a.oneOff.active ? 'one-off' : p.rfm.segmentsName, cuts: { r: p.rfm.cuts.r ?? null, f: p.rfm.cuts.f ?? null, m: p.rfm.cuts.m ?? null } },
    pareto: { ideal: fraction(p.pareto.ideal), elite: fraction(p.pareto.elite) },
    one_off: { threshold: fraction(p.oneOff.threshold), forced: p.oneOff.forced, active: a.oneOff.active, one_order_share: fraction(a.oneOff.oneOrderShare) },
    cost_per_order: p.costPerOrder ?? null,
  };
}

function scoringJson(s: Scoring | null) {
  if (!s) return null;
  return {
    method: s.method,
    cuts: s.cuts ? [...s.cuts] : null,
    scores: s.ranges.map((r) => ({ score: r.score, customers: r.customers, min: r.min, max: r.max })),
    empty: [...s.empty],
    empty_reason: s.emptyReason,
  };
}

function paretoJson(p: ParetoResult | null) {
  if (!p) return null;
  return {
    customers: p.customers,
    total: cents(p.total),
    ideal: { share_of_customers: fraction(p.ideal.fraction), customers: p.ideal.customers, value: cents(p.ideal.value), value_share: fraction(p.ideal.share) },
    elite: { share_of_customers: fraction(p.elite.fraction), customers: p.elite.customers, value: cents(p.elite.value), value_share: fraction(p.elite.share) },
    customers_for_80: p.customersFor80 ? { customers: p.customersFor80.customers, share: fraction(p.customersFor80.share) } : null,
    gini: fraction(p.gini),
    lorenz: p.lorenz.map((l) => ({ customer_share: fraction(l.customerShare), value_share: fraction(l.valueShare) })),
  };
}

// Each view's customer as one object literal: spreading shared parts into it made a dictionary
// object per customer, and with 200,000 customers that was most of a JSON run's time.
export function customerJson(view: View | 'report', a: Analysis, r: CustomerRow) {
  const value = view === 'report' || a.basis !== 'orders' ? cents(r.abcValue) : r.abcValue;
  const cv = r.cv === null ? null : fraction(r.cv);
  switch (view) {
    case 'abc':
      return {
        customer: r.key, name: r.name,
        value, rank: r.rank, share: fraction(r.share), cumulative_share: fraction(r.cumulativeShare), abc_class: r.abcClass, non_positive: r.nonPositive,
        revenue: cents(r.revenue), orders: r.orders, avg_check: r.avgCheck === null ? null : cents(r.avgCheck), margin: r.margin === null ? null : cents(r.margin),
        first_date: r.firstDate, last_date: r.lastDate, recency_days: r.recencyDays, tenure_days: r.tenureDays,
        margin_rate: r.marginRate === null ? null : fraction(r.marginRate), contribution: r.contribution === null ? null : cents(r.contribution), below_break_even: r.belowBreakEven,
      };
    case 'xyz':
      return { customer: r.key, name: r.name, periods: r.periods, cv, xyz_class: r.xyzClass, xyz_reason: r.xyzReason, revenue: cents(r.revenue), orders: r.orders };
    case 'abcxyz':
      return {
        customer: r.key, name: r.name,
        value, rank: r.rank, share: fraction(r.share), cumulative_share: fraction(r.cumulativeShare), abc_class: r.abcClass, non_positive: r.nonPositive,
        periods: r.periods, cv, xyz_class: r.xyzClass, xyz_reason: r.xyzReason,
        revenue: cents(r.revenue), orders: r.orders, avg_check: r.avgCheck === null ? null : cents(r.avgCheck), margin: r.margin === null ? null : cents(r.margin),
        first_date: r.firstDate, last_date: r.lastDate, recency_days: r.recencyDays, tenure_days: r.tenureDays,
      };
    case 'rfm':
      return {
        customer: r.key, name: r.name,
        recency_days: r.recencyDays, frequency: r.orders, monetary: cents(a.params.rfm.monetary === 'avg' ? (r.avgCheck ?? r.revenue) : r.revenue),
        r: r.r, f: r.f, m: r.m, rfm_score: r.rfmScore, segment: r.segment,
        revenue: cents(r.revenue), rank: r.rank,
      };
    case 'pareto':
      return {
        customer: r.key, name: r.name,
        value, rank: r.rank, share: fraction(r.share), cumulative_share: fraction(r.cumulativeShare), abc_class: r.abcClass, non_positive: r.nonPositive,
        group: r.pareto,
      };
    case 'report':
      return {
        customer: r.key, name: r.name,
        value, rank: r.rank, share: fraction(r.share), cumulative_share: fraction(r.cumulativeShare), abc_class: r.abcClass, non_positive: r.nonPositive,
        revenue: cents(r.revenue), orders: r.orders, avg_check: r.avgCheck === null ? null : cents(r.avgCheck), margin: r.margin === null ? null : cents(r.margin),
        first_date: r.firstDate, last_date: r.lastDate, recency_days: r.recencyDays, tenure_days: r.tenureDays,
        periods: r.periods, cv, xyz_class: r.xyzClass, xyz_reason: r.xyzReason,
        r: r.r, f: r.f, m: r.m, rfm_score: r.rfmScore, segment: r.segment,
        group: r.pareto,
        margin_rate: r.marginRate === null ? null : fraction(r.marginRate), contribution: r.contribution === null ? null : cents(r.contribution), below_break_even: r.belowBreakEven,
        punctuality: r.punctuality ? { invoices: r.punctuality.invoices, on_time_share: fraction(r.punctuality.onTimeShare), mean_days_late: Math.round(r.punctuality.meanDaysLate * 10) / 10 } : null,
      };
  }
}

export function summaryJson(view: View, a: Analysis) {
  const classes = Object.fromEntries(
    (['A', 'B', 'C'] as const).map((c) => {
      const s = a.abc.classes[c];
      return [c, { customers: s.customers, customer_share: fraction(s.customerShare), value: cents(s.value), value_share: fraction(s.valueShare) }];
    }),
  );
  const totals = { customers: a.totals.customers, revenue: cents(a.totals.revenue), margin: a.totals.margin === null ? null : cents(a.totals.margin), orders: a.totals.orders, non_positive: a.totals.nonPositive };
  const matrix = a.matrix.map((m) => ({ abc_class: m.abcClass, xyz_class: m.xyzClass, customers: m.customers, customer_share: fraction(m.customerShare), value: cents(m.value), value_share: fraction(m.valueShare), reading: m.reading }));
  const xyzClasses = [...(['X', 'Y', 'Z'] as const), null].map((x) => {
    const members = a.customers.filter((r) => r.xyzClass === x);
    return { xyz_class: x, customers: members.length, revenue: cents(members.reduce((s, r) => s + r.revenue, 0)) };
  });
  const profit = a.profit
    ? {
        margin: cents(a.profit.margin),
        margin_rate: a.profit.marginRate === null ? null : fraction(a.profit.marginRate),
        by_class: a.profit.byClass.map((c) => ({ abc_class: c.abcClass, revenue: cents(c.revenue), margin: cents(c.margin), margin_rate: c.marginRate === null ? null : fraction(c.marginRate), contribution: c.contribution === null ? null : cents(c.contribution) })),
        minimum_order: a.profit.minimumOrder === null ? null : cents(a.profit.minimumOrder),
        below_break_even: a.profit.belowBreakEven ? { customers: a.profit.belowBreakEven.customers, revenue: cents(a.profit.belowBreakEven.revenue) } : null,
      }
    : null;
  const rfm = {
    r: scoringJson(a.rfm.r),
    f: scoringJson(a.rfm.f),
    m: scoringJson(a.rfm.m),
    segments: a.rfm.segments.map((s) => ({ segment: s.segment, customers: s.customers, customer_share: fraction(s.customerShare), revenue: cents(s.revenue), revenue_share: fraction(s.revenueShare), mean_recency: Math.round(s.meanRecency * 10) / 10, mean_frequency: Math.round(s.meanFrequency * 100) / 100, mean_monetary: cents(s.meanMonetary) })),
    rules_never_matching: a.rfm.rules.filter((_, i) => a.rfm.coverage.wins[i] === 0).map((r) => r.name),
    uncovered_combinations: a.rfm.coverage.uncovered.length,
  };
  switch (view) {
    case 'abc':
      return { totals, classes, profit };
    case 'xyz':
      return { totals, xyz_classes: xyzClasses, reason: a.xyz.reason };
    case 'abcxyz':
      return { totals, classes, xyz_classes: xyzClasses, matrix };
    case 'rfm':
      return { totals, rfm };
    case 'pareto':
      return { totals, pareto: paretoJson(a.pareto), pareto_margin: paretoJson(a.paretoMargin), profit };
  }
}

export function viewJson(view: View, a: Analysis, ctx: RunContext) {
  const shown = ctx.top === undefined ? a.totals.customers : Math.min(ctx.top, a.totals.customers);
  return {
    schema: `segment.${view}`,
    version: 1,
    as_of: a.params.asOf,
    window: { from: a.params.windowStart, to: a.params.windowEnd, months: Math.round(monthsBetween(a.params.windowStart, a.params.windowEnd) * 10) / 10 },
    currency: ctx.read.currency,
    inputs: inputsJson(ctx),
    excluded: {
      after_window: { rows: ctx.excluded.afterTo.rows, amount: cents(ctx.excluded.afterTo.amount) },
      before_window: { rows: ctx.excluded.beforeFrom.rows, amount: cents(ctx.excluded.beforeFrom.amount) },
    },
    parameters: parametersJson(a),
    summary: summaryJson(view, a),
    customers: new LazyRows(shown, (rank) => customerJson(view, a, a.customerAt(rank))),
    warnings: [...ctx.warnings],
  };
}

// ---------------------------------------------------------------------------------------------
// CSV: one row per customer, for spreadsheets and mailing tools.
