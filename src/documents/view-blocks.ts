/** Each analysis command's view as blocks (for the terminal and Markdown), from a table of views. */

import type { Analysis, CustomerRow } from '../analyses/analysis.js';

import { data, heading, list, paragraph, table, type Block } from './blocks.js';
import { formatInt, formatMoney, formatShare, plural, shareDigits } from './format.js';
import { ALIGN_CLASS_TABLE, basisLabel, basisValue, cv, headline, limitsText, methodItems, topRows, xyzLabel, xyzText, type RunContext, type View } from './view-wording.js';
import { abcClassTable, lorenzNote, lorenzTable, matrixBlocks, paretoLines, profitBlocks, rfmBlocks } from './view-sections.js';

export function viewBlocks(view: View, a: Analysis, ctx: RunContext): Block[] {
  const blocks: Block[] = [];
  const title: Record<View, string> = {
    abc: `ABC analysis by ${basisLabel(a)}`,
    xyz: `XYZ analysis: regularity of ${a.params.xyz.by}`,
    abcxyz: `ABC×XYZ: who brings the ${basisLabel(a)}, and how regularly`,
    rfm: 'RFM: recency, frequency, monetary',
    pareto: `Pareto: how concentrated ${basisLabel(a)} is`,
  };
  blocks.push(heading(title[view], 1), paragraph(headline(a, ctx)));
  if (a.oneOff.active) blocks.push(paragraph(`Note: ${a.oneOff.reason}, so ABC ranks by average check and XYZ and RFM frequency are skipped.`));
  const { rows: top, more } = topRows(a, ctx);
  blocks.push(...SECTIONS[view](a, ctx, top, more));

  blocks.push(heading('Method'), list(methodItems(a, ctx, view)));
  if (ctx.warnings.length > 0 && ctx.documentWarnings) blocks.push(heading('Warnings'), list(ctx.warnings.map(data)));
  return blocks;
}

/** The sections of each view, between its headline and its method. */
const SECTIONS: Readonly<Record<View, (a: Analysis, ctx: RunContext, top: readonly CustomerRow[], more: number) => Block[]>> = {
  abc: abcSections,
  xyz: xyzSections,
  abcxyz: abcxyzSections,
  rfm: rfmSections,
  pareto: paretoSections,
};

function abcSections(a: Analysis, _ctx: RunContext, top: readonly CustomerRow[], more: number): Block[] {
  const blocks: Block[] = [];
  blocks.push(heading(`Classes (${limitsText(a)})`), abcClassTable(a));
  const margin = a.profit !== null;
  // Enough decimals to tell the shown customers apart.
  const digits = shareDigits(top.map((x) => x.share));
  blocks.push(
    heading(`Customers by ${basisLabel(a)}`),
    table(
      ['rank', 'customer', basisLabel(a), 'share', 'cumulative', 'orders', ...(margin ? ['margin', 'margin rate'] : []), 'class'],
      top.map((r) => [
        String(r.rank),
        data(r.name),
        basisValue(a, r.abcValue),
        formatShare(r.share, digits),
        formatShare(r.cumulativeShare),
        formatInt(r.orders),
        ...(margin ? [r.margin === null ? '–' : formatMoney(r.margin), r.marginRate === null ? '–' : formatShare(r.marginRate)] : []),
        `${r.abcClass}${r.nonPositive ? ' (≤ 0)' : ''}${r.belowBreakEven ? ' below break-even' : ''}`,
      ]),
      ['right', 'left', 'right', 'right', 'right', 'right', ...(margin ? (['right', 'right'] as const) : []), 'left'],
      more,
    ),
  );
  if (a.profit) blocks.push(...profitBlocks(a));
  return blocks;
}

function xyzSections(a: Analysis, _ctx: RunContext, top: readonly CustomerRow[], more: number): Block[] {
  const blocks: Block[] = [];
  if (!a.xyz.enabled) {
    blocks.push(paragraph(`XYZ ${a.xyz.reason}.`));
  } else {
    const groups = [...(['X', 'Y', 'Z'] as const), null].map((x) => {
      const members = a.customers.filter((r) => r.xyzClass === x);
      const revenue = members.reduce((s, r) => s + r.revenue, 0);
      return [x ?? '–', formatInt(members.length), formatShare(a.totals.customers ? members.length / a.totals.customers : 0), formatMoney(revenue), formatShare(a.totals.revenue ? revenue / a.totals.revenue : 0)];
    });
    blocks.push(heading(`Classes (${xyzText(a)})`), table(['class', 'customers', '% customers', 'revenue', '% revenue'], groups, ALIGN_CLASS_TABLE));
    const reasons = new Map<string, number>();
    for (const r of a.customers) if (r.xyzReason) reasons.set(r.xyzReason, (reasons.get(r.xyzReason) ?? 0) + 1);
    if (reasons.size > 0) blocks.push(paragraph(`No class (–): ${[...reasons].map(([why, k]) => `${plural(k, 'customer')}, ${why}`).join('; ')}.`));
    blocks.push(
      heading('Customers by revenue'),
      table(
        ['rank', 'customer', 'revenue', `${a.params.period}s`, `mean per ${a.params.period}`, 'CV', 'class'],
        top.map((r) => [String(r.rank), data(r.name), formatMoney(r.revenue), formatInt(r.periods), formatMoney(r.periods > 0 ? (a.params.xyz.by === 'revenue' ? r.revenue : r.orders) / r.periods : 0), cv(r), xyzLabel(r)]),
        ['right', 'left', 'right', 'right', 'right', 'right', 'left'],
        more,
      ),
    );
  }
  return blocks;
}

function abcxyzSections(a: Analysis, _ctx: RunContext, top: readonly CustomerRow[], more: number): Block[] {
  const blocks: Block[] = [];
  blocks.push(...matrixBlocks(a));
  const digits = shareDigits(top.map((x) => x.share));
  blocks.push(
    heading(`Customers by ${basisLabel(a)}`),
    table(
      ['rank', 'customer', basisLabel(a), 'share', 'cumulative', 'orders', 'ABC', 'XYZ', 'CV'],
      top.map((r) => [String(r.rank), data(r.name), basisValue(a, r.abcValue), formatShare(r.share, digits), formatShare(r.cumulativeShare), formatInt(r.orders), r.abcClass, xyzLabel(r), cv(r)]),
      ['right', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'right'],
      more,
    ),
  );
  return blocks;
}

function rfmSections(a: Analysis, _ctx: RunContext, top: readonly CustomerRow[], more: number): Block[] {
  const blocks: Block[] = [];
  blocks.push(...rfmBlocks(a));
  blocks.push(
    heading('Customers by revenue'),
    table(
      ['rank', 'customer', 'recency (days)', 'orders', a.params.rfm.monetary === 'avg' ? 'average check' : 'revenue', 'RFM', 'segment'],
      top.map((r) => [String(r.rank), data(r.name), formatInt(r.recencyDays), formatInt(r.orders), formatMoney(a.params.rfm.monetary === 'avg' ? (r.avgCheck ?? r.revenue) : r.revenue), r.rfmScore, data(r.segment)]),
      ['right', 'left', 'right', 'right', 'right', 'left', 'left'],
      more,
    ),
  );
  return blocks;
}

function paretoSections(a: Analysis, ctx: RunContext, _top: readonly CustomerRow[], _more: number): Block[] {
  const blocks: Block[] = [];
  blocks.push(heading(`On ${basisLabel(a)}`), list(paretoLines(a, a.pareto, basisLabel(a))));
  if (a.paretoMargin) blocks.push(heading('On margin'), list(paretoLines(a, a.paretoMargin, 'margin')));
  blocks.push(
    heading('Lorenz curve (interpolated)'),
    paragraph(lorenzNote(a)),
    lorenzTable(a.pareto),
  );
  const flagged = a.customers.filter((r) => r.pareto !== null);
  const n = ctx.top ?? 20;
  const shown = flagged.slice(0, n);
  const digits = shareDigits(shown.map((x) => x.share));
  blocks.push(
    heading(`Ideal customers (${formatInt(flagged.length)}; elite first)`),
    table(
      ['rank', 'customer', basisLabel(a), 'share', 'cumulative', 'group'],
      shown.map((r) => [String(r.rank), data(r.name), basisValue(a, r.abcValue), formatShare(r.share, digits), formatShare(r.cumulativeShare), r.pareto!]),
      ['right', 'left', 'right', 'right', 'right', 'left'],
      Math.max(0, flagged.length - n),
    ),
  );
  if (a.profit) blocks.push(...profitBlocks(a));
  return blocks;
}
