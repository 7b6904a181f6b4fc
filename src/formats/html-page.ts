/**
 * A document's blocks as one self-contained HTML page: styles inline, charts as inline SVG drawn
 * beforehand, no script, and a content security policy that forbids any request. Pure.
 *
 * Escaping: everything is HTML-escaped; the views' own Markdown emphasis (**bold**, _italic_,
 * `code`) becomes tags only in the text they wrote, never in values from the data (marked by
 * `data()`), which are also isolated for bidirectional text so that a right-to-left name cannot
 * reorder the sentence around it.
 */
import { segments, type Block } from '../documents/blocks.js';
import type { Chart, ChartTable, NoChart, PlacedChart } from '../documents/chart-specs.js';
import { placeCharts } from '../documents/chart-place.js';
import { formatInt } from '../documents/format.js';
import { PAGE_STYLE } from './html-style.js';
import { oneLine } from '../kernel/text.js';

const RTL_OR_BIDI = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Text as HTML text or attribute value: nothing in it is markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A value from the data: escaped, one line, with no character that emphasis could take for its own. */
function dataHtml(value: string): string {
  const text = escapeHtml(oneLine(value, true)).replace(/[*_`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return RTL_OR_BIDI.test(value) ? `<bdi>${text}</bdi>` : text;
}

/** The views' text (with data marks) as HTML: their Markdown emphasis becomes tags. */
export function inlineHtml(text: string): string {
  const escaped = segments(text, escapeHtml, dataHtml);
  return escaped
    .replace(/&lt;br&gt;/g, '<br>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s.,;:)])/g, '$1<em>$2</em>');
}

function cell(tag: 'td' | 'th', content: string, right: boolean): string {
  return `<${tag}${right ? ' class="num"' : ''}>${content}</${tag}>`;
}

function tableHtml(head: readonly string[], rows: readonly (readonly string[])[], align: readonly string[] | undefined, render: (s: string) => string): string {
  const right = (i: number) => align?.[i] === 'right';
  const thead = `<thead><tr>${head.map((h, i) => cell('th', render(h), right(i))).join('')}</tr></thead>`;
  const tbody = `<tbody>\n${rows.map((r) => `<tr>${r.map((c, i) => cell('td', render(c), right(i))).join('')}</tr>`).join('\n')}\n</tbody>`;
  return `<div class="table"><table>${thead}\n${tbody}</table></div>`;
}

export function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${inlineHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inlineHtml(b.text)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('\n')}\n</ul>`;
    case 'table': {
      const t = tableHtml(b.head, b.rows, b.align, inlineHtml);
      return b.more ? `${t}\n<p class="more">… and ${formatInt(b.more)} more (use --top).</p>` : t;
    }
  }
}

/** A chart's numbers: every cell is plain text. */
function chartTableHtml(t: ChartTable): string {
  return tableHtml(t.head, t.rows, t.align, dataHtml);
}

/** The drawing's own size, so that the page can keep its proportions when it scales it down. */
function svgForPage(svg: string): string {
  return svg.replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
}

export function chartHtml(chart: Chart | NoChart, svg: string | undefined): string {
  if (!('spec' in chart) || svg === undefined) {
    const why = 'why' in chart ? chart.why : 'it was not drawn';
    return `<p class="no-chart" id="chart-${chart.id}">Chart not drawn: ${escapeHtml(chart.title)}: ${dataHtml(why)}.</p>`;
  }
  return [
    `<figure class="chart" id="chart-${chart.id}">`,
    `<figcaption><span class="title">${dataHtml(chart.title)}</span> <span class="reading">${dataHtml(chart.reading)}</span></figcaption>`,
    `<div class="drawing" role="img" aria-label="${escapeHtml(chart.alt.replace(/\s+/g, ' '))}">${svgForPage(svg)}</div>`,
    `<details><summary>The numbers behind the chart</summary>\n${chartTableHtml(chart.table)}\n</details>`,
    '</figure>',
  ].join('\n');
}

export interface DrawnChart extends PlacedChart {
  /** The chart as SVG; undefined for a chart that could not be drawn. */
  readonly svg: string | undefined;
}

/** The page: the blocks in order, each chart at the end of its section. */
export function renderHtml(title: string, blocks: readonly Block[], charts: readonly DrawnChart[]): string {
  const body = placeCharts(blocks, charts).map((p) => (p.kind === 'block' ? blockHtml(p.block) : p.charts.map((c) => chartHtml(c.chart, c.svg)).join('\n')));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may be loaded: no script, style sheet, font or image from anywhere.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
