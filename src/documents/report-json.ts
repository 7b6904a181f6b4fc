/**
 * The ideal-customer report as a JSON document: the same content as its blocks (report.ts), for
 * tools (`segment schema report`).
 */
import { reportClvJson, reportClvMethod } from './report-clv.js';
import type { CustomerRow } from '../analyses/analysis.js';
import type { AttributeSummary } from '../analyses/portrait.js';
import { plain } from './blocks.js';
import { losesMoney, type ReportModel } from '../analyses/report.js';
import { cents, fraction, monthsBetween } from './format.js';
import { customerJson, inputsJson, parametersJson, summaryJson } from './view-json.js';
import { methodItems, type RunContext } from './view-wording.js';
import { headlineSentences, leftOutMethod, rankingRows, REPORT_SCHEMA } from './report.js';

/** p-values to six significant digits: enough to read, stable across runs. */
function pValue(p: number): number {
  return Number(p.toPrecision(6));
}

function attributeJson(s: AttributeSummary) {
  if (s.kind === 'numeric') {
    return {
      name: s.name,
      source: s.source,
      kind: s.kind,
      known: s.known,
      median: s.median,
      ratio: s.ratio === null ? null : fraction(s.ratio),
      p: pValue(s.p),
      significant: s.significant,
      levels: null,
    };
  }
  return {
    name: s.name,
    source: s.source,
    kind: s.kind,
    known: s.known,
    median: null,
    ratio: null,
    p: null,
    significant: s.levels.some((l) => l.significant),
    levels: s.levels.map((l) => ({
      value: l.value,
      elite: { customers: l.elite.customers, share: fraction(l.elite.share) },
      ideal: { customers: l.ideal.customers, share: fraction(l.ideal.share) },
      all: { customers: l.all.customers, share: fraction(l.all.share) },
      lift: l.lift === null ? null : fraction(l.lift),
      p: pValue(l.p),
      significant: l.significant,
    })),
  };
}

/** The ranked ideal customers as the JSON's `ranking` (also the report's rows). */
export function rankingJson(m: ReportModel) {
  return rankingRows(m).map(({ c, cumulative }, i) => ({ position: i + 1, ...customerJson('report', m.analysis, c), ranking_cumulative_share: fraction(cumulative), loses_money: losesMoney(c) }));
}

export function reportJson(m: ReportModel, ctx: RunContext) {
  const a = m.analysis;
  const ref = (c: CustomerRow) => ({ customer: c.key, name: c.name });
  return {
    schema: REPORT_SCHEMA.name,
    version: REPORT_SCHEMA.version,
    as_of: a.params.asOf,
    window: { from: a.params.windowStart, to: a.params.windowEnd, months: Math.round(monthsBetween(a.params.windowStart, a.params.windowEnd) * 10) / 10 },
    currency: ctx.read.currency,
    read: {
      inputs: inputsJson(ctx),
      rejected_by_reason: ctx.read.total.rejectedByReason.map((x) => ({ reason: x.reason, column: x.column ?? null, rows: x.rows })),
      skipped_by_rule: ctx.read.total.skippedByRule.map((x) => ({ reason: x.reason, rows: x.rows, amount: cents(x.amount) })),
      unattributed: { rows: ctx.read.total.unattributed, amount: cents(ctx.read.total.unattributedAmount) },
      excluded: {
        after_window: { rows: ctx.excluded.afterTo.rows, amount: cents(ctx.excluded.afterTo.amount) },
        before_window: { rows: ctx.excluded.beforeFrom.rows, amount: cents(ctx.excluded.beforeFrom.amount) },
      },
      customers_file: m.accounts
        ? { file: m.accounts.file, rows: m.accounts.rows, matched: m.accounts.matched, unmatched_keys: [...m.accounts.unmatchedAccounts], customers_without_row: m.accounts.customersWithoutAccount.length, malformed: m.accounts.malformed }
        : null,
      warnings: [...ctx.warnings],
    },
    headline: {
      text: headlineSentences(m).join(' '),
      ideal: { customers: a.pareto.ideal.customers, share: fraction(a.pareto.ideal.share) },
      elite: { customers: a.pareto.elite.customers, share: fraction(a.pareto.elite.share) },
      gini: fraction(a.pareto.gini),
      customers_for_80: a.pareto.customersFor80 ? { customers: a.pareto.customersFor80.customers, share: fraction(a.pareto.customersFor80.share) } : null,
      regular_revenue_share: a.xyz.enabled ? fraction(m.regularShare) : null,
    },
    ranking: rankingJson(m),
    summary: { ...summaryJson('abcxyz', a), rfm: summaryJson('rfm', a).rfm, pareto: summaryJson('pareto', a).pareto, profit: summaryJson('abc', a).profit },
    portrait: {
      test: `Fisher's exact test (numbers: Mann-Whitney U), two-sided, Bonferroni-corrected over ${m.portrait.tests} tests, p < ${m.portrait.alpha}; at least ${m.portrait.minCount} ideal customers with the value, seen or expected`,
      findings: m.portrait.findings.map((f) => ({ attribute: f.attribute, value: f.value, lift: fraction(f.lift), p: pValue(f.p), sentence: f.sentence })),
      attributes: m.portrait.attributes.map(attributeJson),
      skipped: m.portrait.skipped.map((s) => ({ ...s })),
      left_out: m.portrait.leftOut.map((s) => ({ name: s.name, why: s.why })),
    },
    personas: m.personas.map((p) => ({
      title: p.title,
      market: p.market,
      customers: p.customers,
      note: p.note,
      sections: p.sections.map((s) => ({ heading: s.heading, fields: s.fields.map((f) => ({ ...f })) })),
      interview: p.interview.map((c) => ({ customer: c.customer, name: c.name, loses_money: c.losesMoney })),
    })),
    picks: m.picks
      ? {
          file: m.picks.file,
          picks: m.picks.picks,
          unmatched: m.picks.unmatched.map((u) => ({ customer: u.customer, picked_by: u.pickedBy, nearest: u.nearest.map(ref) })),
          agreed: m.picks.agreed.map((x) => ({ ...ref(x.customer), picked_by: [...x.pickedBy], reasons: [...x.reasons] })),
          not_backed: m.picks.notBacked.map((x) => ({ ...ref(x.customer), picked_by: [...x.pickedBy], reasons: [...x.reasons], why: [...x.why] })),
          unpicked: m.picks.unpicked.map(ref),
        }
      : null,
    shortlist: m.shortlist.map((c) => ({ ...ref(c), loses_money: losesMoney(c) })),
    not_needed: m.notNeeded.map((g) => ({ group: g.label, rule: g.rule, customers: g.customers, revenue: cents(g.revenue), examples: g.examples.map(ref) })),
    ideal_late_payers: m.idealLatePayers
      ? { group: m.idealLatePayers.label, rule: m.idealLatePayers.rule, customers: m.idealLatePayers.customers, revenue: cents(m.idealLatePayers.revenue), examples: m.idealLatePayers.examples.map(ref) }
      : null,
    ideal_unprofitable: m.idealUnprofitable
      ? {
          group: m.idealUnprofitable.label,
          rule: m.idealUnprofitable.rule,
          customers: m.idealUnprofitable.customers,
          revenue: cents(m.idealUnprofitable.revenue),
          margin: m.idealUnprofitable.margin === null ? null : cents(m.idealUnprofitable.margin),
          examples: m.idealUnprofitable.examples.map((c) => ({ ...ref(c), margin: c.margin === null ? null : cents(c.margin), contribution: c.contribution === null ? null : cents(c.contribution) })),
        }
      : null,
    parameters: parametersJson(a),
    method: [...methodItems(a, ctx, 'report'), ...leftOutMethod(m), ...(m.clv ? reportClvMethod(m.clv) : [])].map(plain),
    customers: a.customers.map((c) => customerJson('report', a, c)),
    ...(m.clv ? { clv: reportClvJson(m.clv, m.ranking) } : {}),
  };
}
