/**
 * Vega-Lite specifications drawn as SVG, in Node, without a browser or a canvas: the one place that
 * imports vega. Imported lazily by the commands (vega and vega-lite take ~0.3 s to load), so that
 * the Markdown and JSON reports do not pay for it.
 */
import type { TopLevelSpec } from 'vega-lite';

/**
 * Vega numbers its clip paths and gradients with counters that live as long as the process, so the
 * same chart would get other ids after another was drawn; and in one page, two charts' `clip1`
 * would collide. Each chart's ids are renumbered in order of appearance, under the chart's prefix.
 */
export function renumberIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `${prefix}-${ids.size + 1}`);
  if (ids.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${ids.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : whole))
    .replace(/(href=")#([^"]+)(")/g, (whole, a: string, id: string, b: string) => (ids.has(id) ? `${a}#${ids.get(id)}${b}` : whole));
}

/** Draws each specification as a standalone SVG document (string), in order. */
export async function renderSvgs(charts: readonly { readonly id: string; readonly spec: TopLevelSpec }[]): Promise<string[]> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const out: string[] = [];
  for (const c of charts) {
    const compiled = vegaLite.compile(c.spec).spec;
    // No loader: a specification carries its data inline, and nothing may be fetched.
    const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: noLoader() });
    try {
      const svg = await view.toSVG();
      out.push(renumberIds(svg, `chart-${c.id}`));
    } finally {
      view.finalize();
    }
  }
  return out;
}

function noLoader() {
  const refuse = (what: string) => () => Promise.reject(new Error(`charts load nothing (${what})`));
  return { load: refuse('load'), sanitize: refuse('sanitize'), http: refuse('http'), file: refuse('file') } as never;
}
