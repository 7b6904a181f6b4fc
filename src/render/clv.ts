/**
 * `segment clv` as blocks (terminal, Markdown), JSON and CSV. Numbers are rounded here, once, so
 * that every format shows the same digits and runs are byte-identical.
 */
import type { ClvRun } from '../analysis/clv-run.js';
import type { ClvCustomer } from '../models/clv.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { csvCell } from './csv.js';
import { cents, formatDecimal, formatInt, formatMoney, formatShare, fraction } from './format.js';

/** Six significant digits for model parameters. */
export const sig = (v: number): number => Number(v.toPrecision(6));
const dec = (v: number, digits = 4): number => {
  const r = Number(v.toFixed(digits));
  return Object.is(r, -0) ? 0 : r;
};

export function discountWords(rate: number): string {
  return rate === 0
    ? 'not discounted'
    : `discounted at ${formatShare(rate, 2)} a year: the purchases expected in each month of the horizon count 1 / (1 + rate)^(years from the as-of date to the month's end)`;
}

export function clvMethodItems(run: ClvRun): string[] {
  const { result: r } = run;
  const bg = r.bgnbd.params;
  const gg = r.gammaGamma.params;
  return [
    'Purchase days: days with a positive net amount (same-day purchases and refunds netted). A day of refunds only is no purchase: it counts neither in x nor for t_x or T; its amount stays in the net repeat spend.',
    `Purchases: BG/NBD (Fader, Hardie & Lee 2005), fitted by maximum likelihood on ${formatInt(r.customers.length)} customers' purchase days from ${run.window.from} to ${run.window.to}, time in ${r.params.unit}s: r = ${sig(bg.r)}, α = ${sig(bg.alpha)}, a = ${sig(bg.a)}, b = ${sig(bg.b)} (log-likelihood ${dec(r.bgnbd.logLikelihood, 2)}, ${formatInt(r.bgnbd.iterations)} BFGS iterations with the analytic gradient, converged).`,
    `Spend: Gamma-Gamma (Fader, Hardie & Lee 2005; Colombo & Jiang 1999) on the mean net spend of the repeat purchase days of ${formatInt(r.spendCustomers)} repeat buyers: p = ${sig(gg.p)}, q = ${sig(gg.q)}, γ = ${sig(gg.gamma)}; correlation of frequency and mean spend ${r.correlation === null ? 'not defined' : dec(r.correlation, 2)}.`,
    `CLV: expected purchases in the next ${formatInt(r.params.horizonDays)} days × expected spend per purchase, ${discountWords(r.params.discountRate)}. Revenue, not margin.`,
  ];
}

function customerCells(c: ClvCustomer): string[] {
  return [
    String(c.rank),
    data(c.name === c.key ? c.key : `${c.name} (${c.key})`),
    String(c.x),
    dec(c.tx, 2).toFixed(2),
    dec(c.T, 2).toFixed(2),
    c.repeatSpend === null ? '' : formatMoney(c.repeatSpend),
    formatShare(c.pAlive),
    dec(c.expectedPurchases, 2).toFixed(2),
    formatMoney(c.expectedSpend),
    formatMoney(c.clv),
  ];
}

export function clvBlocks(run: ClvRun, top: number | undefined): Block[] {
  const { result: r } = run;
  const unit = r.params.unit;
  const shown = r.customers.slice(0, top ?? 20);
  const total = r.customers.reduce((s, c) => s + c.clv, 0);
  const blocks: Block[] = [
    heading('Predicted customer value', 1),
    paragraph(`Calibration ${run.window.from} to ${run.window.to}; ${formatInt(r.customers.length)} customers; predicted over the next ${formatInt(r.params.horizonDays)} days: ${formatMoney(total)} in total.`),
    heading('Models'),
    list(clvMethodItems(run)),
    heading('Customers by predicted value'),
    table(
      ['#', 'customer', 'x', `t_x (${unit}s)`, `T (${unit}s)`, 'mean repeat spend', 'P(alive)', 'expected purchases', 'expected spend', 'CLV'],
      shown.map(customerCells),
      ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      r.customers.length - shown.length,
    ),
  ];
  if (run.holdout) {
    const h = run.holdout;
    blocks.push(
      heading('Holdout'),
      paragraph(`Fitted before ${h.from}; predicted and actual purchase days of the ${formatInt(h.customers)} calibration customers from ${h.from} to ${h.to} (${formatDecimal(h.length, 2)} ${unit}s): predicted ${formatDecimal(h.predicted, 1)}, actual ${formatInt(h.actual)}, mean absolute error ${formatDecimal(h.meanAbsoluteError, 3)} per customer.`),
      table(
        ['repeat purchases in calibration', 'customers', 'predicted mean', 'actual mean'],
        h.rows.map((row) => [`${row.x}${row.atLeast ? '+' : ''}`, formatInt(row.customers), dec(row.predictedMean, 3).toFixed(3), dec(row.actualMean, 3).toFixed(3)]),
        ['left', 'right', 'right', 'right'],
      ),
    );
  }
  return blocks;
}

export function clvCustomerJson(c: ClvCustomer) {
  return {
    rank: c.rank,
    customer: c.key,
    name: c.name,
    first_date: c.firstDate,
    last_date: c.lastDate,
    x: c.x,
    t_x: dec(c.tx, 6),
    T: dec(c.T, 6),
    mean_repeat_spend: c.repeatSpend === null ? null : cents(c.repeatSpend),
    revenue: cents(c.revenue),
    p_alive: fraction(c.pAlive),
    expected_purchases: dec(c.expectedPurchases, 6),
    expected_spend: cents(c.expectedSpend),
    clv: cents(c.clv),
  };
}

export function clvJson(run: ClvRun, top: number | undefined) {
  const { result: r } = run;
  const bg = r.bgnbd;
  const gg = r.gammaGamma;
  return {
    command: 'clv' as const,
    calibration: { from: run.window.from, to: run.window.to },
    parameters: { time_unit: r.params.unit, horizon_days: r.params.horizonDays, discount_rate: r.params.discountRate, discounting: discountWords(r.params.discountRate) },
    bgnbd: { r: sig(bg.params.r), alpha: sig(bg.params.alpha), a: sig(bg.params.a), b: sig(bg.params.b), log_likelihood: dec(bg.logLikelihood, 4), iterations: bg.iterations, converged: bg.converged },
    gamma_gamma: {
      p: sig(gg.params.p),
      q: sig(gg.params.q),
      gamma: sig(gg.params.gamma),
      log_likelihood: dec(gg.logLikelihood, 4),
      iterations: gg.iterations,
      converged: gg.converged,
      customers: r.spendCustomers,
      left_out_non_positive_spend: r.spendLeftOut,
      frequency_spend_correlation: r.correlation === null ? null : dec(r.correlation, 4),
    },
    customers_without_purchase_day: r.noPurchaseDay,
    warnings: [...run.warnings],
    holdout: run.holdout === null
      ? null
      : {
          from: run.holdout.from,
          to: run.holdout.to,
          length: dec(run.holdout.length, 6),
          customers: run.holdout.customers,
          predicted: dec(run.holdout.predicted, 4),
          actual: run.holdout.actual,
          mean_absolute_error: dec(run.holdout.meanAbsoluteError, 6),
          by_repeat_purchases: run.holdout.rows.map((row) => ({ x: row.x, or_more: row.atLeast, customers: row.customers, predicted_mean: dec(row.predictedMean, 6), actual_mean: dec(row.actualMean, 6) })),
        },
    customers: (top === undefined ? r.customers : r.customers.slice(0, top)).map(clvCustomerJson),
  };
}

export function clvCsv(run: ClvRun, top: number | undefined): string {
  const rows = (top === undefined ? run.result.customers : run.result.customers.slice(0, top)).map(clvCustomerJson);
  const head = Object.keys(clvCustomerJson(run.result.customers[0]!));
  return `${[head.join(','), ...rows.map((r) => head.map((h) => csvCell((r as Record<string, unknown>)[h])).join(','))].join('\n')}\n`;
}
