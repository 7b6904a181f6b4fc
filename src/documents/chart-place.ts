/**
 * Where the charts go in a document: each at the end of the report section it names (a level-2
 * heading, matched without its number, so that renumbered sections keep their charts). A chart
 * whose section is missing goes into a last section of its own: none is dropped.
 */
import { heading, type Block } from './blocks.js';
import type { PlacedChart } from './chart-specs.js';

export type Placed<C extends PlacedChart> = { readonly kind: 'block'; readonly block: Block } | { readonly kind: 'charts'; readonly charts: readonly C[] };

export const LEFTOVER_HEADING = 'Charts';

function sectionName(b: Block): string | null {
  return b.kind === 'heading' && b.level <= 2 ? b.text.replace(/^\d+\.\s*/, '') : null;
}

export function placeCharts<C extends PlacedChart>(blocks: readonly Block[], charts: readonly C[]): Placed<C>[] {
  const out: Placed<C>[] = [];
  const left = new Set(charts);
  let section: string | null = null;
  const flush = (): void => {
    if (section === null) return;
    const name = section;
    const here = charts.filter((c) => left.has(c) && c.def.section.test(name));
    for (const c of here) left.delete(c);
    if (here.length > 0) out.push({ kind: 'charts', charts: here });
  };
  for (const block of blocks) {
    const name = sectionName(block);
    if (name !== null) {
      flush();
      section = name;
    }
    out.push({ kind: 'block', block });
  }
  flush();
  if (left.size > 0) out.push({ kind: 'block', block: heading(LEFTOVER_HEADING) }, { kind: 'charts', charts: charts.filter((c) => left.has(c)) });
  return out;
}
