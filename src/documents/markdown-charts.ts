/**
 * The Markdown report with its charts: each chart an image link to its SVG file (written beside,
 * by the command), its title and reading, at the end of its section. Pure.
 */
import { data, heading, paragraph, type Block } from './blocks.js';
import type { PlacedChart } from './chart-specs.js';
import { placeCharts } from './chart-place.js';

/** The chart's file name in the charts folder: its place in the list keeps the files in order. */
export function chartFileName(id: string, index: number): string {
  return `${String(index + 1).padStart(2, '0')}-${id}.svg`;
}

/** `link(file)` is the image's address as the Markdown should write it (relative to the document). */
export function blocksWithCharts(blocks: readonly Block[], charts: readonly PlacedChart[], link: (file: string) => string): Block[] {
  const files = new Map(charts.map((c, i) => [c, chartFileName(c.def.id, i)]));
  return placeCharts(blocks, charts).flatMap((p) => {
    if (p.kind === 'block') return [p.block];
    return p.charts.flatMap((c): Block[] => {
      const chart = c.chart;
      if (!('spec' in chart)) return [paragraph(`Chart not drawn: ${chart.title}: ${data(chart.why)}.`)];
      // The address is percent-encoded, so that spaces or brackets in the folder cannot end the link.
      return [heading(chart.title, 3), paragraph(`![${data(chart.alt)}](${encodeURI(link(files.get(c)!)).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)})`), paragraph(data(chart.reading))];
    });
  });
}
