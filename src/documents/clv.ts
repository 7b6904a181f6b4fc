/**
 * `segment clv` as blocks (terminal, Markdown), JSON and CSV. Numbers are rounded here, once, so
 * that every format shows the same digits and runs are byte-identical.
 */
import type { ClvRun } from '../analyses/clv-run.js';
import type { ClvCustomer } from '../analyses/models/clv.js';
import { MODEL_TITLES, type PurchaseFit } from '../analyses/models/purchase-model.js';
import type { SpendFit } from '../analyses/models/spend-model.js';
import { INTERVAL_LEVEL, type BootstrapResult } from '../analyses/models/bootstrap.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { columnsByValues, type RowTable } from './document.js';
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

const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ' };

/** "r = 0.2426 (SE 0.0126), α = …": parameters as in the literature, with standard errors. */
export function paramWords(params: Readonly<Record<string, number>>, ses: Readonly<Record<string, number | null>> | null): string {
  return Object.entries(params)
    .map(([k, v]) => {
      const se = ses?.[k];
      return `${GREEK[k] ?? k} = ${sig(v)}${se === undefined ? '' : se === null ? ' (SE not defined)' : ` (SE ${Number(se.toPrecision(3))})`}`;
    })
    .join(', ');
}

const modelName = (f: PurchaseFit): string => MODEL_TITLES[f.model].split(' ')[0]!;

/** The fitted model as a reading names it: "BG/NBD", or "BG/NBD (at its limit without drop-out)". */
export function fittedModelName(f: PurchaseFit): string {
  return `${modelName(f)}${f.limit === 'no_dropout' ? ' (at its limit without drop-out)' : f.limit === 'constant_dropout' ? ' (at its constant drop-out limit)' : ''}`;
}

function purchaseWords(f: PurchaseFit): string {
  const at = f.limit === 'no_dropout' ? ', at its limit without drop-out (the NBD)' : f.limit === 'constant_dropout' ? ', at its limit of a constant drop-out probability p' : '';
  return `${modelName(f)}${at}: ${paramWords(f.params, f.standardErrors)} (log-likelihood ${dec(f.logLikelihood, 2)}, ${formatInt(f.iterations)} BFGS iterations)`;
}

export function spendWords(s: SpendFit): string {
  if (s.model === 'homogeneous') {
    return `at its homogeneous limit: every customer's expected spend per purchase is the mean spend per repeat purchase, ${formatMoney(s.meanSpend)} (log-likelihood ${s.logLikelihood === null ? 'infinite: no variation' : dec(s.logLikelihood, 2)})`;
  }
  return `${paramWords({ p: s.params!.p, q: s.params!.q, gamma: s.params!.gamma }, s.standardErrors)} (log-likelihood ${dec(s.logLikelihood!, 2)})`;
}

export function clvMethodItems(run: ClvRun): string[] {
  const { result: r } = run;
  const f = r.purchase;
  const others = r.fits.filter((o) => o !== f);
  return [
    'Purchase days: days with a positive net amount, or a net of zero with goods (a positive quantity, or no refund that day: free goods); same-day purchases and refunds netted. A day of refunds only is no purchase: it counts neither in x nor for t_x or T; its amount stays in the net repeat spend.',
    `Purchases: ${MODEL_TITLES[f.model]}, fitted by maximum likelihood on ${formatInt(r.customers.length)} customers' purchase days from ${run.window.from} to ${run.window.to}, time in ${r.params.unit}s; ${r.selection.reason}. ${purchaseWords(f)}. Standard errors from the inverse Hessian of the log-likelihood at the optimum; the log-likelihood is in ${r.params.unit}s, comparable with published fits.`,
    ...(others.length > 0 ? [`Also fitted: ${others.map(purchaseWords).join('; ')}.`] : []),
    r.spend === null
      ? 'Spend: not modelled (--spend-model none): expected purchases and P(alive) only, no money.'
      : `Spend: Gamma-Gamma (Fader, Hardie & Lee 2005; Colombo & Jiang 1999) on the mean ${r.params.value === 'margin' ? 'margin (--value margin: the margin of all purchase days less the first\'s)' : 'net spend'} of the repeat purchase days of ${formatInt(r.spendCustomers)} repeat buyers, ${spendWords(r.spend)}; correlation of frequency and mean spend ${r.correlation === null ? 'not defined' : dec(r.correlation, 2)}.`,
    r.spend === null
      ? `Ranking: by expected purchases in the next ${formatInt(r.params.horizonDays)} days.`
      : `CLV: expected purchases in the next ${formatInt(r.params.horizonDays)} days × expected ${r.params.value === 'margin' ? 'margin' : 'spend'} per purchase, ${discountWords(r.params.discountRate)}. ${r.params.value === 'margin' ? 'Margin, not revenue: spend, CLV and the intervals are margin.' : 'Revenue, not margin (segment clv --value margin gives margin).'}`,
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
    c.expectedSpend === null ? '' : formatMoney(c.expectedSpend),
    c.clv === null ? '' : formatMoney(c.clv),
  ];
}

/** ", 80% interval … to … (bootstrap, N resamples, seed S)" after the total, with --intervals. */
function intervalWords(run: ClvRun): string {
  const iv = run.intervals;
  if (iv === null) return '';
  const range = iv.totalClv === null ? `${dec(iv.totalPurchases.low, 1)} to ${dec(iv.totalPurchases.high, 1)} purchases` : `${formatMoney(iv.totalClv.low)} to ${formatMoney(iv.totalClv.high)}`;
  return ` (${formatShare(INTERVAL_LEVEL, 0)} interval ${range}: bootstrap over customers, ${formatInt(iv.replicates - iv.failed)} resamples refitted, seed ${iv.seed})`;
}

export function clvBlocks(run: ClvRun, top: number | undefined): Block[] {
  const { result: r } = run;
  const unit = r.params.unit;
  const shown = r.customers.slice(0, top ?? 20);
  const total = r.customers.reduce((s, c) => s + (c.clv ?? c.expectedPurchases), 0);
  const predicted = r.spend === null ? `${dec(total, 1)} purchases` : formatMoney(total);
  const blocks: Block[] = [
    heading('Predicted customer value', 1),
    paragraph(`Calibration ${run.window.from} to ${run.window.to}; ${formatInt(r.customers.length)} customers; predicted over the next ${formatInt(r.params.horizonDays)} days: ${predicted} in total${intervalWords(run)}.`),
    heading('Models'),
    list(clvMethodItems(run)),
    ...(run.warnings.length > 0 ? [heading('Warnings'), list([...run.warnings])] : []),
    heading('Customers by predicted value'),
    table(
      ['#', 'customer', 'x', `t_x (${unit}s)`, `T (${unit}s)`, 'mean repeat spend', 'P(alive)', 'expected purchases', 'expected spend', 'CLV'],
      shown.map(customerCells),
      ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      r.customers.length - shown.length,
    ),
  ];
  if (run.newCustomer) {
    const n = run.newCustomer;
    blocks.push(
      heading('A new customer'),
      paragraph(
        `Expected over the next ${formatInt(r.params.horizonDays)} days from a customer's first purchase: ${dec(n.repeatPurchases, 3)} repeat purchases${r.params.discountRate === 0 ? '' : ` (${dec(n.discountedRepeatPurchases, 3)} discounted)`}` +
          (n.value === null ? '; no spend model, so no money.' : ` × ${formatMoney(n.spendPerPurchase!)} expected spend per purchase, plus a first purchase of ${formatMoney(n.firstPurchase)} on average: ${formatMoney(n.value)} per newly acquired customer.`),
      ),
    );
  }
  if (run.periodCounts) blocks.push(...diagnosticBlocks(run));
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

/** The model against the data: customers by repeat purchases in the calibration period, actual and expected. */
function diagnosticBlocks(run: ClvRun): Block[] {
  const rows = run.periodCounts ?? [];
  const model = fittedModelName(run.result.purchase);
  return [
    heading('Diagnostics'),
    paragraph(`Customers by repeat purchases in the calibration period: actual, and expected by the ${model}, the sum over customers of the probability of that many repeat purchases in their time since the first purchase (as Fader, Hardie & Lee 2005, figure 3${run.result.purchase.model === 'pnbd' && run.result.purchase.limit === null ? '; for the Pareto/NBD integrated numerically over the time of drop-out' : ''}).`),
    table(
      ['repeat purchases in calibration', 'customers', 'expected'],
      rows.map((r) => [`${r.x}${r.atLeast ? '+' : ''}`, formatInt(r.actual), formatDecimal(r.expected, 1)]),
      ['left', 'right', 'right'],
    ),
    ...trackingBlocks(run, model),
  ];
}

/** The tracking diagnostic's totals, by period (the weeks are in the JSON and the HTML charts). */
function trackingBlocks(run: ClvRun, model: string): Block[] {
  const t = run.tracking;
  if (t === null || t.weeks.length === 0) return [];
  const sum = (holdout: boolean) => t.weeks.filter((w) => w.holdout === holdout).reduce((s, w) => ({ actual: s.actual + w.actual, expected: s.expected + w.expected }), { actual: 0, expected: 0 });
  const row = (name: string, x: { actual: number; expected: number }) => [name, formatInt(x.actual), formatDecimal(x.expected, 1)];
  return [
    paragraph(`Repeat purchases of the calibration customers from ${t.from} to ${t.to}, actual and expected by the ${model} (the sum over customers of the expected repeat purchases since their first purchase; Fader, Hardie & Lee 2005, figures 1 and 2):`),
    table(['period', 'repeat purchases', 'expected'], [row('calibration', sum(false)), ...(t.holdoutFrom === null ? [] : [row(`holdout from ${t.holdoutFrom}`, sum(true))])], ['left', 'right', 'right']),
  ];
}

/** A customer's row; with bootstrap intervals, their bounds beside the values. */
export function clvCustomerJson(c: ClvCustomer, iv: BootstrapResult | null = null) {
  const purchases = iv?.purchases.get(c.key);
  const clv = iv?.clv.get(c.key);
  const bounds = iv === null
    ? {}
    : {
        expected_purchases_low: purchases ? dec(purchases.low, 6) : null,
        expected_purchases_high: purchases ? dec(purchases.high, 6) : null,
        clv_low: clv ? cents(clv.low) : null,
        clv_high: clv ? cents(clv.high) : null,
      };
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
    expected_spend: c.expectedSpend === null ? null : cents(c.expectedSpend),
    clv: c.clv === null ? null : cents(c.clv),
    ...bounds,
  };
}

function fitJson(f: PurchaseFit) {
  const round = (o: Readonly<Record<string, number | null>>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null ? null : sig(v)]));
  return { model: f.model, limit: f.limit, parameters: round(f.params), standard_errors: round(f.standardErrors), log_likelihood: dec(f.logLikelihood, 4), iterations: f.iterations };
}

function spendJson(r: ClvRun['result']) {
  const s = r.spend;
  if (s === null) return null;
  const se = s.standardErrors;
  return {
    model: s.model,
    p: s.params ? sig(s.params.p) : null,
    q: s.params ? sig(s.params.q) : null,
    gamma: s.params ? sig(s.params.gamma) : null,
    standard_errors: se ? { p: se.p == null ? null : sig(se.p), q: se.q == null ? null : sig(se.q), gamma: se.gamma == null ? null : sig(se.gamma) } : null,
    mean_spend: cents(s.meanSpend),
    log_likelihood: s.logLikelihood === null ? null : dec(s.logLikelihood, 4),
    iterations: s.iterations,
    customers: r.spendCustomers,
    left_out_non_positive_spend: r.spendLeftOut,
    frequency_spend_correlation: r.correlation === null ? null : dec(r.correlation, 4),
  };
}

export function clvJson(run: ClvRun, top: number | undefined) {
  const { result: r } = run;
  return {
    command: 'clv' as const,
    calibration: { from: run.window.from, to: run.window.to },
    parameters: { time_unit: r.params.unit, horizon_days: r.params.horizonDays, discount_rate: r.params.discountRate, discounting: discountWords(r.params.discountRate), value: r.params.value ?? 'revenue' },
    purchase_model: { ...fitJson(r.purchase), selected_by: r.selection.by, selection: r.selection.reason },
    models: r.fits.map(fitJson),
    spend_model: spendJson(r),
    customers_without_purchase_day: r.noPurchaseDay,
    new_customer:
      run.newCustomer === null
        ? null
        : {
            first_purchase: cents(run.newCustomer.firstPurchase),
            repeat_purchases: dec(run.newCustomer.repeatPurchases, 6),
            discounted_repeat_purchases: dec(run.newCustomer.discountedRepeatPurchases, 6),
            spend_per_purchase: run.newCustomer.spendPerPurchase === null ? null : cents(run.newCustomer.spendPerPurchase),
            value: run.newCustomer.value === null ? null : cents(run.newCustomer.value),
          },
    warnings: [...run.warnings],
    period_transactions: run.periodCounts === null ? null : run.periodCounts.map((r) => ({ x: r.x, or_more: r.atLeast, actual: r.actual, expected: dec(r.expected, 4) })),
    tracking:
      run.tracking === null
        ? null
        : {
            from: run.tracking.from,
            to: run.tracking.to,
            holdout_from: run.tracking.holdoutFrom,
            weeks: run.tracking.weeks.map((w) => ({ start: w.start, end: w.end, holdout: w.holdout, actual: w.actual, expected: dec(w.expected, 4), actual_cumulative: w.actualCumulative, expected_cumulative: dec(w.expectedCumulative, 4) })),
          },
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
    intervals:
      run.intervals === null
        ? null
        : {
            level: INTERVAL_LEVEL,
            replicates: run.intervals.replicates,
            seed: run.intervals.seed,
            failed: run.intervals.failed,
            total_purchases: { low: dec(run.intervals.totalPurchases.low, 4), high: dec(run.intervals.totalPurchases.high, 4) },
            total_clv: run.intervals.totalClv === null ? null : { low: cents(run.intervals.totalClv.low), high: cents(run.intervals.totalClv.high) },
          },
    customers: (top === undefined ? r.customers : r.customers.slice(0, top)).map((c) => clvCustomerJson(c, run.intervals)),
  };
}

/** The customers, a row each (the first `top`, all when undefined). */
export function clvRows(run: ClvRun, top: number | undefined): RowTable {
  const objects = (top === undefined ? run.result.customers : run.result.customers.slice(0, top)).map((c) => clvCustomerJson(c, run.intervals) as Record<string, unknown>);
  const head = Object.keys(clvCustomerJson(run.result.customers[0]!, run.intervals));
  return { name: 'customers', columns: columnsByValues(head, objects), rows: objects.map((o) => head.map((h) => o[h])) };
}
