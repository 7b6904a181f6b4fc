/** The report's predicted-value section (`segment report --clv`): blocks and JSON. */
import type { ReportClv } from '../analyses/report-clv.js';
import { data, heading, paragraph, table, type Block } from './blocks.js';
import { cents, formatInt, formatMoney, formatShare, fraction } from './format.js';

export function reportClvBlocks(m: ReportClv, ranking: readonly { key: string; name: string }[], top: number | undefined): Block[] {
  const blocks: Block[] = [heading('Predicted value (BG/NBD and Gamma-Gamma)')];
  if (m.result === null) return [...blocks, paragraph(`Not predicted: ${m.failure}.`)];
  const horizon = formatInt(m.result.params.horizonDays);
  const shown = ranking.slice(0, top ?? 20);
  blocks.push(
    paragraph(`P(alive): the chance that the customer has not quietly left. CLV: predicted revenue in the next ${horizon} days. See the method section for the models.`),
    table(
      ['#', 'customer', 'P(alive)', `CLV (${horizon} days)`, 'CLV rank'],
      shown.map((c, i) => {
        const p = m.ideal[i];
        return [String(i + 1), data(c.name), p ? formatShare(p.pAlive) : '', p ? formatMoney(p.clv ?? 0) : '', p ? formatInt(p.rank) : ''];
      }),
      ['right', 'left', 'right', 'right', 'right'],
      ranking.length - shown.length,
    ),
  );
  for (const g of m.groups) {
    blocks.push(
      heading(g.label, 3),
      paragraph(`${g.rule.charAt(0).toUpperCase()}${g.rule.slice(1)}: ${formatInt(g.customers.length)} customers, revenue ${formatMoney(g.revenue)}, predicted ${formatMoney(g.predicted)}.`),
    );
    if (g.customers.length > 0) {
      const rows = g.customers.slice(0, top ?? 10);
      blocks.push(
        table(
          ['customer', 'revenue', 'P(alive)', 'CLV', 'last purchase'],
          rows.map(({ row, clv }) => [data(row.name), formatMoney(row.revenue), formatShare(clv.pAlive), formatMoney(clv.clv ?? 0), row.lastDate]),
          ['left', 'right', 'right', 'right', 'left'],
          g.customers.length - rows.length,
        ),
      );
    }
  }
  return blocks;
}

export function reportClvMethod(m: ReportClv): string[] {
  return m.result === null ? [`Predicted value: not computed (${m.failure}).`] : [...m.method];
}

export function reportClvJson(m: ReportClv, ranking: readonly { key: string }[]) {
  if (m.result === null) return { predicted: false as const, failure: m.failure ?? '', ideal: [], groups: [] };
  return {
    predicted: true as const,
    failure: null,
    horizon_days: m.result.params.horizonDays,
    discount_rate: m.result.params.discountRate,
    ideal: ranking.map((c, i) => {
      const p = m.ideal[i];
      return { customer: c.key, p_alive: p ? fraction(p.pAlive) : null, clv: p && p.clv !== null ? cents(p.clv) : null, clv_rank: p ? p.rank : null };
    }),
    groups: m.groups.map((g) => ({
      group: g.label,
      rule: g.rule,
      customers: g.customers.length,
      revenue: cents(g.revenue),
      predicted: cents(g.predicted),
      members: g.customers.map(({ row, clv }) => ({ customer: row.key, name: row.name, revenue: cents(row.revenue), p_alive: fraction(clv.pAlive), clv: cents(clv.clv ?? 0) })),
    })),
  };
}
