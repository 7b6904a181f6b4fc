/**
 * The ideal-customer report as blocks (Markdown, HTML, the terminal); its JSON document, with the
 * same content, is report-json.ts.
 */
import { reportClvBlocks, reportClvMethod } from './report-clv.js';
import type { CustomerRow } from '../analyses/analysis.js';
import type { AttributeSummary } from '../analyses/portrait.js';
import { losesMoney, type ReportModel } from '../analyses/report.js';
import { unmatchedHint } from '../analyses/picks.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { formatInt, formatMoney, formatShare, monthsBetween, plural, shareDigits } from './format.js';
import { spanWarning } from '../analyses/window.js';
import { matrixBlocks, profitBlocks, rfmSegmentBlocks } from './view-sections.js';
import { headline, methodItems, type RunContext } from './view-wording.js';

export const REPORT_SCHEMA = { name: 'segment.report', version: 1 } as const;

function years(days: number): string {
  return `${(days / 365.25).toFixed(1)} y`;
}

/** A customer to call, flagged when they lose money: the call is then about the price or the cost to serve. */
function callName(c: CustomerRow): string {
  if (!losesMoney(c)) return data(c.name);
  const figure = c.margin !== null && c.margin < 0 ? `margin ${formatMoney(c.margin)}` : `contribution ${formatMoney(c.contribution ?? 0)}`;
  return `${data(c.name)} (**loses money**: ${figure})`;
}

function punctuality(c: CustomerRow): string {
  if (!c.punctuality) return '–';
  return `${formatShare(c.punctuality.onTimeShare, 0)} on time, ${c.punctuality.meanDaysLate.toFixed(0)} d late`;
}

/** The ideal customers with cumulative shares in the report's order. */
export function rankingRows(m: ReportModel): { c: CustomerRow; cumulative: number }[] {
  let cum = 0;
  return m.ranking.map((c) => {
    cum += c.share;
    return { c, cumulative: cum };
  });
}

export function headlineSentences(m: ReportModel): string[] {
  const a = m.analysis;
  const p = a.pareto;
  const label = a.basis === 'revenue' ? 'revenue' : a.basis === 'avg-check' ? 'average check' : a.basis;
  // The Gini coefficient is of the ABC basis: say which, so that margin or orders is not called revenue.
  const verb = a.basis === 'orders' ? 'are' : 'is';
  const s = [
    `The top ${formatShare(p.ideal.fraction, 0)} of customers (${formatInt(p.ideal.customers)}) bring ${formatShare(p.ideal.share)} of ${label} (rule of thumb: 80%); the top ${formatShare(p.elite.fraction, 0)} (${formatInt(p.elite.customers)}) bring ${formatShare(p.elite.share)} (rule of thumb: 64%).`,
    `The Gini coefficient is ${p.gini.toFixed(2)}: ${label} ${verb} ${p.gini >= 0.6 ? 'concentrated in few customers' : p.gini >= 0.4 ? 'moderately concentrated' : 'spread fairly evenly'}.`,
  ];
  if (p.customersFor80) s.push(`${plural(p.customersFor80.customers, 'customer')} (${formatShare(p.customersFor80.share)} of all) make 80% of ${label}.`);
  if (a.xyz.enabled) s.push(`Regular (X) buyers bring ${formatShare(m.regularShare)} of revenue.`);
  else s.push(`Regularity is not measured: ${a.oneOff.reason}.`);
  return s;
}

function readBlocks(m: ReportModel, ctx: RunContext): Block[] {
  const a = m.analysis;
  const r = ctx.read;
  const blocks: Block[] = [heading('1. What was read')];
  blocks.push(
    table(
      ['input', 'kind', 'encoding', 'rows read', 'used', 'rejected', 'skipped', 'no customer', 'dates'],
      r.inputs.map((i) => [
        data(i.file),
        i.kind,
        i.encoding,
        formatInt(i.rows.read),
        formatInt(i.rows.used),
        formatInt(i.rows.rejected),
        formatInt(i.rows.skipped),
        `${formatInt(i.rows.unattributed)} (${formatMoney(i.rows.unattributedAmount)})`,
        i.firstDate ? `${i.firstDate} to ${i.lastDate}` : '–',
      ]),
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
  );
  const t = r.total;
  const items = [
    `As-of date **${a.params.asOf}**; window ${a.params.windowStart} to ${a.params.windowEnd}: ${monthsBetween(a.params.windowStart, a.params.windowEnd).toFixed(1)} months.${spanWarning(a.params.windowStart, a.params.windowEnd) ? ' **Shorter than 24 months**: the method asks for 2-3 years of data.' : ''}`,
    `Currency: ${r.currency ?? 'not stated in the inputs'}.`,
    `${formatInt(t.read)} rows read: ${formatInt(t.used)} used, ${formatInt(t.rejected)} rejected, ${formatInt(t.skipped)} skipped by rule, ${formatInt(t.unattributed)} without a customer (${formatMoney(t.unattributedAmount)} of revenue that cannot be attributed).`,
    ...t.rejectedByReason.map((x) => `Rejected: ${formatInt(x.rows)} × ${x.reason}${x.column ? ` in '${data(x.column)}'` : ''}${x.examples[0] ? ` (first: ${x.examples[0].line !== null ? `line ${x.examples[0].line}` : ''}${x.examples[0].value !== null ? ` '${data(x.examples[0].value)}'` : ''})` : ''}.`),
    ...t.skippedByRule.map((x) => `Skipped: ${formatInt(x.rows)} × ${x.reason} (${formatMoney(x.amount)}).`),
    `Revenue analysed: ${formatMoney(a.totals.revenue)} from ${plural(a.totals.customers, 'customer')} (net of refunds and credit notes).`,
  ];
  if (ctx.excluded.afterTo.rows > 0) items.push(`Left out: ${plural(ctx.excluded.afterTo.rows, 'transaction')} after the window (${formatMoney(ctx.excluded.afterTo.amount)}).`);
  if (ctx.excluded.beforeFrom.rows > 0) items.push(`Left out: ${plural(ctx.excluded.beforeFrom.rows, 'transaction')} before the window (${formatMoney(ctx.excluded.beforeFrom.amount)}).`);
  if (m.accounts) {
    const x = m.accounts;
    items.push(
      `Customers file ${data(x.file)}: ${plural(x.rows, 'row')}, ${formatInt(x.matched)} matched a customer; ${plural(x.unmatchedAccounts.length, 'key')} ${x.unmatchedAccounts.length === 1 ? 'has' : 'have'} no transactions${x.unmatchedAccounts.length > 0 ? ` (${x.unmatchedAccounts.slice(0, 5).map(data).join(', ')}${x.unmatchedAccounts.length > 5 ? ', …' : ''})` : ''}; ${plural(x.customersWithoutAccount.length, 'customer')} ${x.customersWithoutAccount.length === 1 ? 'has' : 'have'} no row in it${x.customersWithoutAccount.length > 0 ? ` (${x.customersWithoutAccount.slice(0, 5).map(data).join(', ')}${x.customersWithoutAccount.length > 5 ? ', …' : ''})` : ''}.`,
    );
  }
  if (m.picks && m.picks.unmatched.length > 0) {
    const n = m.picks.unmatched.length;
    items.push(`Picks file ${data(m.picks.file)}: ${plural(n, 'pick')} ${n === 1 ? 'matches' : 'match'} no customer (${m.picks.unmatched.slice(0, 5).map((u) => data(u.customer)).join(', ')}${n > 5 ? ', …' : ''}); see section 7.`);
  }
  blocks.push(list(items));
  if (ctx.warnings.length > 0) blocks.push(paragraph('Warnings:'), list(ctx.warnings.map(data)));
  return blocks;
}

function rankingBlocks(m: ReportModel, ctx: RunContext): Block[] {
  const a = m.analysis;
  const n = ctx.top ?? 50;
  const hasMargin = a.profit !== null;
  const hasCost = a.profit?.costPerOrder !== null && a.profit?.costPerOrder !== undefined;
  const hasPunctuality = m.ranking.some((c) => c.punctuality !== null);
  const hasLosses = Boolean(m.idealUnprofitable);
  const rows = rankingRows(m);
  const digits = shareDigits(rows.slice(0, n).map(({ c }) => c.share));
  const label = a.basis === 'revenue' ? 'revenue' : a.basis === 'avg-check' ? 'average check' : a.basis;
  return [
    heading('3. The ranked ideal customers'),
    paragraph(
      `The elite (top ${formatShare(a.params.pareto.elite, 0)}) first, then the rest of the ideal group (top ${formatShare(a.params.pareto.ideal, 0)}), each ranked by ${label}; equal values by regularity (X before Y before Z, then the lower coefficient of variation), then by recency. ${plural(m.ranking.length, 'ideal customer')}, ${formatInt(m.ranking.filter((c) => c.pareto === 'elite').length)} of them elite.`,
    ),
    table(
      [
        '#', 'customer', 'group', 'revenue', 'share', 'cumulative', 'orders', 'avg. check', 'tenure', 'last purchase', 'ABC×XYZ', 'RFM', 'segment',
        ...(hasMargin ? ['margin', 'margin rate'] : []),
        ...(hasCost ? ['contribution'] : []),
        ...(hasPunctuality ? ['payment'] : []),
        ...(hasLosses ? ['flag'] : []),
      ],
      rows.slice(0, n).map(({ c, cumulative }, i) => [
        String(i + 1),
        data(c.name),
        c.pareto!,
        formatMoney(c.revenue),
        formatShare(c.share, digits),
        formatShare(cumulative),
        formatInt(c.orders),
        c.avgCheck === null ? '–' : formatMoney(c.avgCheck),
        years(c.tenureDays),
        c.lastDate,
        `${c.abcClass}${c.xyzClass ?? '–'}`,
        c.rfmScore,
        data(c.segment),
        ...(hasMargin ? [c.margin === null ? '–' : formatMoney(c.margin), c.marginRate === null ? '–' : formatShare(c.marginRate)] : []),
        ...(hasCost ? [c.contribution === null ? '–' : formatMoney(c.contribution)] : []),
        ...(hasPunctuality ? [punctuality(c)] : []),
        ...(hasLosses ? [losesMoney(c) ? '**loses money**' : ''] : []),
      ]),
      ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'left', 'left'],
      Math.max(0, rows.length - n),
    ),
  ];
}

function attributeBlocks(s: AttributeSummary): Block[] {
  if (s.kind === 'numeric') {
    const v = (x: number | null) => (x === null ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: 2 }));
    return [
      paragraph(`**${data(s.name)}** (${data(s.source)}; numeric, known for ${plural(s.known.all, 'customer')}): median ${v(s.median.elite)} among the elite, ${v(s.median.ideal)} among the ideal, ${v(s.median.all)} among all${s.ratio !== null ? ` (${s.ratio.toFixed(1)}×)` : ''}; Mann-Whitney p ${s.p < 0.0001 ? '< 0.0001' : `= ${s.p.toFixed(4)}`}${s.significant ? ', beyond chance' : ''}.`),
    ];
  }
  return [
    paragraph(`**${data(s.name)}** (${data(s.source)}; known for ${plural(s.known.all, 'customer')}, ${formatInt(s.known.ideal)} ideal, ${formatInt(s.known.elite)} elite)`),
    table(
      ['value', 'elite', 'ideal', 'all', 'lift', 'p', 'beyond chance'],
      s.levels.map((l) => [
        data(l.value),
        `${formatShare(l.elite.share)} (${formatInt(l.elite.customers)})`,
        `${formatShare(l.ideal.share)} (${formatInt(l.ideal.customers)})`,
        `${formatShare(l.all.share)} (${formatInt(l.all.customers)})`,
        l.lift === null ? '–' : `${l.lift.toFixed(1)}×`,
        l.p < 0.0001 ? '< 0.0001' : l.p.toFixed(4),
        l.significant ? 'yes' : '',
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
  ];
}

function portraitBlocks(m: ReportModel): Block[] {
  const p = m.portrait;
  const blocks: Block[] = [heading('5. Portrait of the ideal customer')];
  if (p.attributes.length === 0 && p.skipped.length === 0 && p.leftOut.length === 0) {
    blocks.push(paragraph('No customer attributes: the inputs have no columns besides the transaction fields, and no customers file was given (`--customers FILE`, a CRM contacts or accounts export keyed like the transactions).'));
    return blocks;
  }
  blocks.push(
    paragraph(
      `Each attribute's values among the elite, the ideal and all customers; lift = share among the ideal ÷ share among all. A difference is beyond chance when Fisher's exact test (a value: ideal against the other customers; numbers: the Mann-Whitney U test) gives p < ${formatShare(p.alpha, 0)} after a Bonferroni correction for ${p.tests === 1 ? 'the one test' : `the ${formatInt(p.tests)} tests`}, with at least ${p.minCount} ideal customers having the value, seen or expected.`,
    ),
  );
  if (p.findings.length > 0) {
    blocks.push(paragraph('**What the ideal customers have in common**, strongest first:'), list(p.findings.slice(0, 8).map((f) => data(f.sentence))));
  } else {
    blocks.push(
      paragraph(
        `**No difference between the ideal and the other customers passes the test.**${m.ranking.length < 30 ? ` With ${plural(m.ranking.length, 'ideal customer')}, only large differences could show.` : ''} The tables below are descriptive.`,
      ),
    );
  }
  for (const s of p.attributes) blocks.push(...attributeBlocks(s));
  const notUsed = [...p.leftOut, ...p.skipped];
  if (notUsed.length > 0) blocks.push(paragraph('Not used:'), list(notUsed.map((s) => `${data(s.name)}: ${data(s.why)}`)));
  return blocks;
}

function personaBlocks(m: ReportModel): Block[] {
  const blocks: Block[] = [heading('6. Persona cards')];
  if (m.personas.length === 0) {
    blocks.push(paragraph('No ideal customers, so no persona.'));
    return blocks;
  }
  blocks.push(paragraph('Filled where the accounts and attributes say something, with the evidence; the rest are questions for the interviews.'));
  for (const card of m.personas) {
    blocks.push(heading(`${card.title} (${plural(card.customers, 'customer')})`, 3));
    if (card.note) blocks.push(paragraph(`_Note: ${card.note}._`));
    for (const section of card.sections) {
      blocks.push(
        paragraph(`**${section.heading}**`),
        list(section.fields.map((f) => (f.value !== null ? `${f.label}: **${data(f.value)}**${f.distinct === false ? ', not distinct' : ''} (${data(f.evidence)})` : `${f.label}: _ask_: ${f.prompt}`))),
      );
    }
    blocks.push(paragraph(`Call: ${card.interview.map((c) => `${data(c.name)}${c.losesMoney ? ' (**loses money**)' : ''}`).join(', ')}.`));
  }
  return blocks;
}

function picksBlocks(m: ReportModel): Block[] {
  const blocks: Block[] = [heading("7. The accounts against the staff's picks")];
  const p = m.picks;
  if (!p) {
    blocks.push(paragraph("No picks file (`--picks FILE`: customer, picked_by, reason). Ask sales and service staff for their 3-5 best customers and why, and compare."));
  } else {
    blocks.push(paragraph(`${plural(p.picks, 'pick')} from ${data(p.file)}. Where the two lists disagree, the accounts win.`));
    blocks.push(paragraph(`**Agreed** (picked, and in the ideal group): ${p.agreed.length === 0 ? 'none.' : ''}`));
    if (p.agreed.length > 0) {
      blocks.push(list(p.agreed.map((x) => `${data(x.customer.name)}: rank ${x.customer.rank}, ${formatMoney(x.customer.revenue)} (${x.customer.pareto}); picked by ${x.pickedBy.map(data).join(', ') || 'staff'}${x.reasons.length > 0 ? `: "${x.reasons.map(data).join('"; "')}"` : ''}`)));
    }
    blocks.push(paragraph(`**Picked, but not backed by the accounts**: ${p.notBacked.length === 0 ? 'none.' : ''}`));
    if (p.notBacked.length > 0) {
      blocks.push(list(p.notBacked.map((x) => `${data(x.customer.name)} (picked by ${x.pickedBy.map(data).join(', ') || 'staff'}${x.reasons.length > 0 ? `: "${x.reasons.map(data).join('"; "')}"` : ''}): ${formatMoney(x.customer.revenue)}, ${x.customer.abcClass}${x.customer.xyzClass ?? '–'}, ${data(x.customer.segment)}; ${x.why.join('; ')}`)));
    }
    if (p.unmatched.length > 0) {
      blocks.push(paragraph(`**Picks that match no customer** (by key or name; correct the picks file): `));
      blocks.push(list(p.unmatched.map((u) => `${data(u.customer)}${u.pickedBy ? ` (picked by ${data(u.pickedBy)})` : ''}: ${unmatchedHint(u.nearest, data)}`)));
    }
    blocks.push(paragraph(`**Ideal customers nobody picked**: ${plural(p.unpicked.length, 'customer')}${p.unpicked.length > 0 ? `, the first: ${p.unpicked.slice(0, 10).map((c) => data(c.name)).join(', ')}` : ''}.`));
  }
  blocks.push(paragraph(`**Shortlist for interviews and personas** (${m.shortlist.length}${m.picks ? ': the agreed customers, then the top unpicked' : ': the top of the ranking'}): ${m.shortlist.map(callName).join(', ')}.`));
  return blocks;
}

function notNeededBlocks(m: ReportModel): Block[] {
  return [
    heading("8. Who we don't need"),
    table(
      ['group', 'rule', 'customers', 'revenue', 'for example'],
      m.notNeeded.map((g) => [g.label, g.rule, formatInt(g.customers), formatMoney(g.revenue), g.examples.slice(0, 3).map((c) => data(c.name)).join(', ')]),
      ['left', 'left', 'right', 'right', 'left'],
    ),
    paragraph('A customer can be in more than one group; ideal and elite customers are in none. These are candidates for a lower cost to serve, a minimum order, stricter payment terms, or letting go; not for a campaign.'),
    ...(m.idealLatePayers
      ? [
          paragraph(
            `**${m.idealLatePayers.label}**: ${plural(m.idealLatePayers.customers, 'ideal customer')} (${formatMoney(m.idealLatePayers.revenue)} revenue) ${m.idealLatePayers.customers === 1 ? 'is a chronic late payer' : 'are chronic late payers'}; keep them, and agree payment terms they keep: ${m.idealLatePayers.examples.map((c) => `${data(c.name)} (${c.pareto}, ${punctuality(c)})`).join(', ')}.`,
          ),
        ]
      : []),
    ...(m.idealUnprofitable
      ? [
          paragraph(
            `**${m.idealUnprofitable.label}**: ${plural(m.idealUnprofitable.customers, 'ideal customer')} (${formatMoney(m.idealUnprofitable.revenue)} revenue${m.idealUnprofitable.margin !== null ? `, margin ${formatMoney(m.idealUnprofitable.margin)} in all` : ''}) ${m.idealUnprofitable.customers === 1 ? 'loses' : 'lose'} money; ranked by revenue, they are not ideal until the price or the cost to serve is fixed: ${m.idealUnprofitable.examples.map((c) => `${data(c.name)} (${c.pareto}, ${c.margin !== null && c.margin < 0 ? `margin ${formatMoney(c.margin)}` : `contribution ${formatMoney(c.contribution ?? 0)}`})`).join(', ')}${m.idealUnprofitable.customers > m.idealUnprofitable.examples.length ? ', …' : ''}.`,
          ),
        ]
      : []),
  ];
}

/** The Method's word on the columns left out of the portrait: which, why, and how to choose. */
export function leftOutMethod(m: ReportModel): string[] {
  const left = m.portrait.leftOut;
  if (left.length === 0) return [];
  const byWhy = new Map<string, string[]>();
  for (const l of left) byWhy.set(l.why, [...(byWhy.get(l.why) ?? []), l.name]);
  const groups = [...byWhy].map(([why, names]) => `${names.map((n) => `'${data(n)}'`).join(', ')} (${why})`);
  return [`Portrait: left out before any test, so that they count towards no correction: ${groups.join('; ')}. Choose the columns with --attributes or --exclude-attributes (a line-level column named in --attributes gives each customer's most frequent value).`];
}

export function reportBlocks(m: ReportModel, ctx: RunContext): Block[] {
  const a = m.analysis;
  const blocks: Block[] = [heading('Ideal-customer report', 1), paragraph(headline(a, ctx))];
  blocks.push(...readBlocks(m, ctx));
  blocks.push(heading('2. Headline'), paragraph(headlineSentences(m).join(' ')));
  blocks.push(...rankingBlocks(m, ctx));
  if (m.clv) blocks.push(...reportClvBlocks(m.clv, m.ranking, ctx.top));
  blocks.push(heading('4. ABC×XYZ matrix and RFM segments'));
  blocks.push(...matrixAndRfm(m));
  blocks.push(...portraitBlocks(m));
  blocks.push(...personaBlocks(m));
  blocks.push(...picksBlocks(m));
  blocks.push(...notNeededBlocks(m));
  blocks.push(heading('9. Method'), list([...methodItems(a, ctx, 'report'), 'Portrait: attributes from the customers file and from the input columns that are no transaction field and hold one value per customer; numbers are compared by medians, but postal codes, years and other codes are categories; see section 5 for the test.', ...leftOutMethod(m), 'Ranking of the ideal customers, the shortlist (the agreed picks, then the top unpicked, 8 to 12 customers) and the groups of section 8 are as stated where they appear.', ...(m.clv ? reportClvMethod(m.clv) : [])]));
  return blocks;
}

/** The matrix, its readings and the RFM segments, as in `segment abcxyz` and `segment rfm`. */
function matrixAndRfm(m: ReportModel): Block[] {
  const a = m.analysis;
  const blocks = [...matrixBlocks(a, 3)];
  // The segments table, without the score details (they are in the Method and the JSON).
  blocks.push(...rfmSegmentBlocks(a, 3));
  if (a.profit) blocks.push(...profitBlocks(a, 3));
  return blocks;
}

// ---------------------------------------------------------------------------------------------
