/**
 * The Document of `segment report`: the report's blocks (with "What changed since …" from
 * --previous and the journey section from --deals), its JSON, the ranking as rows, and its charts.
 */
import type { MonthRevenue } from '../analyses/monthly.js';
import type { Journey } from '../analyses/journey.js';
import type { ReportModel } from '../analyses/report.js';
import type { DealsRead } from '../sources/files/deals.js';
import type { Block } from './blocks.js';
import type { PlacedChart } from './chart-specs.js';
import { columnsByValues, type Document, type RowTable } from './document.js';
import { journeyJson } from './journey.js';
import { journeySectionBlocks, withJourneySection } from './journey-section.js';
import { reportBlocks } from './report.js';
import { rankingJson, reportJson } from './report-json.js';
import type { RunContext } from './view-wording.js';

export interface ReportResult {
  readonly model: ReportModel;
  readonly ctx: Omit<RunContext, 'top' | 'documentWarnings'>;
  /** --previous: the changes since the saved report. */
  readonly previous: { readonly json: unknown; readonly blocks: readonly Block[] } | null;
  /** --deals: the journey section. */
  readonly deals: { readonly read: DealsRead; readonly journey: Journey } | null;
  /** Monthly revenue of the ideal customers and the rest, for the charts (asked for only when they are drawn). */
  readonly monthly: () => Promise<readonly MonthRevenue[]>;
}

/** The section goes after the headline (before section 3), or at the end if the report has none. */
export function withChangesSection(blocks: readonly Block[], section: readonly Block[]): Block[] {
  const at = blocks.findIndex((b) => b.kind === 'heading' && b.level === 2 && b.text.startsWith('3.'));
  const i = at === -1 ? blocks.length : at;
  return [...blocks.slice(0, i), ...section, ...blocks.slice(i)];
}

function blocksOf(r: ReportResult, top: number | undefined): Block[] {
  let blocks = reportBlocks(r.model, { ...r.ctx, top });
  if (r.previous) blocks = withChangesSection(blocks, r.previous.blocks);
  if (r.deals) blocks = withJourneySection(blocks, journeySectionBlocks(r.deals.journey, r.deals.read));
  return blocks;
}

function jsonOf(r: ReportResult, top: number | undefined): object {
  const json: object = r.previous ? { ...reportJson(r.model, { ...r.ctx, top }), changes: r.previous.json } : reportJson(r.model, { ...r.ctx, top });
  if (!r.deals) return json;
  const { schema: _s, version: _v, ...section } = journeyJson(r.deals.journey, r.deals.read);
  return { ...json, journey: section };
}

async function chartsOf(r: ReportResult): Promise<PlacedChart[]> {
  const { buildCharts } = await import('./chart-specs.js');
  return buildCharts({ model: r.model, monthly: await r.monthly() });
}

export function reportDocument(r: ReportResult): Document {
  return {
    command: 'report',
    title: 'Ideal-customer report',
    date: r.model.analysis.params.asOf,
    blocks: (t) => blocksOf(r, t.top),
    json: (s) => jsonOf(r, s.top),
    rows: (s) => rankingRows(r, s.top),
    charts: () => chartsOf(r),
  };
}

/** The ranking, a row per ideal customer (nested values, such as punctuality, as JSON text). */
function rankingRows(r: ReportResult, top: number | undefined): RowTable {
  const all = rankingJson(r.model) as Record<string, unknown>[];
  const objects = (top === undefined ? all : all.slice(0, top)).map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v])));
  const names = Object.keys(objects[0] ?? all[0] ?? {});
  return { name: 'ranking', columns: columnsByValues(names, objects), rows: objects.map((o) => names.map((n) => o[n])) };
}
