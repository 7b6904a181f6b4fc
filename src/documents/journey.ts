/**
 * `segment journey` as blocks (terminal and Markdown), as JSON (schema `journey`) and as CSV:
 * outcomes, days and activities to a won deal per category and customer group, and per channel
 * the share of ideal customers with its lift and test.
 */
import type { ChannelRow, Dimension, Journey, JourneyRow } from '../analyses/journey.js';
import type { Quartiles } from '../analyses/quartiles.js';
import type { DealsRead } from '../sources/files/deals.js';
import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { columns, type RowTable } from './document.js';
import { formatInt, formatShare, fraction, plural } from './format.js';

const DIMENSIONS: Record<Dimension, string> = {
  category: 'Product category',
  ideal: 'Ideal or other',
  abc: 'ABC class',
  segment: 'RFM segment',
  group: 'Customer group',
};

function q(x: Quartiles | null): string {
  if (x === null) return '–';
  const f = (v: number): string => (Number.isInteger(v) ? formatInt(v) : v.toFixed(1));
  return `${f(x.median)} (${f(x.q1)}–${f(x.q3)})`;
}

function rate(x: number | null): string {
  return x === null ? '–' : formatShare(x, 0);
}

function lift(c: ChannelRow): string {
  if (c.lift === null) return '–';
  return `${c.lift.toFixed(2)}×${c.significant ? ' *' : ''}`;
}

export function readParagraph(read: DealsRead): string {
  return `${data(read.file)}: ${plural(read.rows.read, 'row')} read, ${formatInt(read.rows.used)} deals used, ${formatInt(read.rows.rejected)} rejected${read.rows.byReason.length > 0 ? ` (${read.rows.byReason.map((r) => `${r.reason}${r.column ? ` in ${data(r.column)}` : ''}: ${formatInt(r.rows)}`).join('; ')})` : ''}.`;
}

function matchParagraph(j: Journey): string {
  const m = j.match;
  return `Matched by company ${m.by} to the customers of the sales files: ${formatInt(m.companiesMatched)} of ${`${formatInt(m.companies)} ${m.companies === 1 ? 'company' : 'companies'}`} (${formatInt(m.dealsMatched)} of ${plural(m.deals, 'deal')}); ${plural(m.customersWithoutDeal, 'customer')} of the sales files have no deal; ${`${formatInt(m.wonWithoutPurchases.length)} ${m.wonWithoutPurchases.length === 1 ? 'company' : 'companies'}`} with a won deal have no purchase${m.wonWithoutPurchases.length > 0 ? ` (like ${m.wonWithoutPurchases.slice(0, 3).map(data).join(', ')})` : ''}.${m.dealsWithoutCompany > 0 ? ` ${plural(m.dealsWithoutCompany, 'deal')} ${m.dealsWithoutCompany === 1 ? 'has' : 'have'} no company: counted in the outcomes, matched to no customer.` : ''}`;
}

function outcomeTable(all: readonly JourneyRow[], top: number | undefined): Block {
  const rows = top === undefined ? all : all.slice(0, top);
  return table(
    ['', 'deals', 'won', 'lost', 'open', 'win rate', 'days to won', 'activities to won'],
    rows.map((r) => [data(r.value), formatInt(r.deals), formatInt(r.won), formatInt(r.lost), formatInt(r.open), rate(r.winRate), q(r.daysToWon), q(r.activitiesToWon)]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    all.length - rows.length,
  );
}

/** The channels table; with `top`, its first `top` rows and how many more there are. */
export function channelTable(all: readonly ChannelRow[], top?: number): Block {
  const channels = top === undefined ? all : all.slice(0, top);
  return table(
    ['channel', 'deals', 'won', 'win rate', 'median days', 'won customers', 'ideal', 'ideal share', 'lift'],
    channels.map((c) => [
      data(c.channel),
      formatInt(c.deals),
      formatInt(c.won),
      rate(c.winRate),
      c.medianDaysToWon === null ? '–' : formatInt(c.medianDaysToWon),
      formatInt(c.wonCustomers),
      formatInt(c.idealCustomers),
      c.idealShare === null ? '–' : formatShare(c.idealShare, 0),
      lift(c),
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    all.length - channels.length,
  );
}

export function testSentence(j: Journey): string {
  return `Lift: the share of ideal customers among the customers a channel won first ÷ the share among all won customers; * beyond chance (Fisher's exact test, two-sided, Bonferroni over ${plural(j.test.tests, 'channel')} tested, p < ${j.test.alpha}; at least ${j.test.minCount} ideal customers seen or expected).`;
}

/** The journey's blocks; `top` limits the rows of each table (channels, and each grouping), all when undefined. */
export function journeyBlocks(j: Journey, read: DealsRead, top?: number): Block[] {
  const t = j.totals;
  const blocks: Block[] = [
    heading('How they found us and how long it took', 1),
    paragraph(readParagraph(read)),
    paragraph(matchParagraph(j)),
    paragraph(`${plural(t.deals, 'deal')}: ${formatInt(t.won)} won, ${formatInt(t.lost)} lost, ${formatInt(t.open)} open; win rate ${rate(t.winRate)} (won ÷ won and lost).${j.daysUnknown > 0 ? ` ${plural(j.daysUnknown, 'won deal')} without both dates (or closed before created) have no days to won.` : ''}`),
    heading('Channels'),
    paragraph(`**${j.sentence}**`),
    channelTable(j.channels, top),
    paragraph(testSentence(j)),
  ];
  for (const dim of Object.keys(DIMENSIONS) as Dimension[]) {
    const rows = j.rows.filter((r) => r.dimension === dim);
    if (rows.length === 0) continue;
    blocks.push(heading(dim === 'group' && j.groupColumn ? `${DIMENSIONS[dim]} (${data(j.groupColumn)})` : DIMENSIONS[dim]), outcomeTable(rows, top));
  }
  blocks.push(
    heading('Method'),
    list([
      'Win rate: won ÷ (won + lost); open deals have no outcome yet.',
      'Days to won: close date − created date of won deals, as median (first quartile–third quartile), quartiles as R\'s quantile() type 7. Activities to won: the number of activities of won deals, likewise.',
      "A customer's channel is the channel of their first won deal. Customers are classified as in the report (ideal = the top share by the ABC value, ABC class, RFM segment) from the sales files.",
    ]),
  );
  return blocks;
}

function quartileJson(x: Quartiles | null) {
  return x === null ? null : { n: x.n, q1: fraction(x.q1), median: fraction(x.median), q3: fraction(x.q3) };
}

export function channelJson(c: ChannelRow) {
  return {
    channel: c.channel,
    deals: c.deals,
    won: c.won,
    lost: c.lost,
    open: c.open,
    win_rate: c.winRate === null ? null : fraction(c.winRate),
    median_days_to_won: c.medianDaysToWon,
    won_customers: c.wonCustomers,
    ideal_customers: c.idealCustomers,
    ideal_share: c.idealShare === null ? null : fraction(c.idealShare),
    lift: c.lift === null ? null : fraction(c.lift),
    p: c.p,
    significant: c.significant,
  };
}

export function journeyJson(j: Journey, read: DealsRead) {
  return {
    schema: 'segment.journey' as const,
    version: 1 as const,
    deals_file: {
      file: read.file,
      rows: read.rows.read,
      used: read.rows.used,
      rejected: read.rows.rejected,
      rejected_by_reason: read.rows.byReason.map((r) => ({ reason: r.reason, column: r.column, rows: r.rows, examples: r.examples.map((e) => ({ line: e.line, value: e.value })) })),
      columns: read.columns.map((c) => ({ name: c.name, field: c.field, why: c.why, convention: c.convention })),
    },
    match: {
      by: j.match.by,
      deals: j.match.deals,
      deals_matched: j.match.dealsMatched,
      companies: j.match.companies,
      companies_matched: j.match.companiesMatched,
      won_without_purchases: [...j.match.wonWithoutPurchases],
      customers_without_deal: j.match.customersWithoutDeal,
      deals_without_company: j.match.dealsWithoutCompany,
    },
    totals: { deals: j.totals.deals, won: j.totals.won, lost: j.totals.lost, open: j.totals.open, win_rate: j.totals.winRate === null ? null : fraction(j.totals.winRate) },
    days_unknown: j.daysUnknown,
    sentence: j.sentence,
    test: { tests: j.test.tests, min_count: j.test.minCount, alpha: j.test.alpha },
    channels: j.channels.map(channelJson),
    groups: j.rows.map((r) => ({
      dimension: r.dimension,
      value: r.value,
      deals: r.deals,
      won: r.won,
      lost: r.lost,
      open: r.open,
      win_rate: r.winRate === null ? null : fraction(r.winRate),
      days_to_won: quartileJson(r.daysToWon),
      activities_to_won: quartileJson(r.activitiesToWon),
    })),
    group_column: j.groupColumn,
  };
}

const ROW_COLUMNS = columns({
  dimension: 'text', value: 'text', deals: 'integer', won: 'integer', lost: 'integer', open: 'integer', win_rate: 'share', days_to_won_median: 'number', days_to_won_q1: 'number', days_to_won_q3: 'number',
  activities_to_won_median: 'number', won_customers: 'integer', ideal_customers: 'integer', ideal_share: 'share', lift: 'number', p: 'number', significant: 'boolean',
});

/** One table: a row per group and per channel, `dimension` saying which (empty cells: not measured for that row). */
export function journeyRows(j: Journey): RowTable {
  const rows: unknown[][] = [];
  for (const c of j.channels) {
    rows.push(['channel', c.channel, c.deals, c.won, c.lost, c.open, c.winRate === null ? null : fraction(c.winRate), c.medianDaysToWon, null, null, null, c.wonCustomers, c.idealCustomers, c.idealShare === null ? null : fraction(c.idealShare), c.lift === null ? null : fraction(c.lift), c.p, c.significant]);
  }
  for (const r of j.rows) {
    rows.push([r.dimension, r.value, r.deals, r.won, r.lost, r.open, r.winRate === null ? null : fraction(r.winRate), r.daysToWon?.median ?? null, r.daysToWon?.q1 ?? null, r.daysToWon?.q3 ?? null, r.activitiesToWon?.median ?? null, null, null, null, null, null, null]);
  }
  return { name: 'journey', columns: ROW_COLUMNS, rows };
}
