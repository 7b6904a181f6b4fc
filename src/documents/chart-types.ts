/** What a chart is once specified: its Vega-Lite spec, reading, text alternative and numbers; or why it is not drawn. */
import type { TopLevelSpec } from 'vega-lite';

/** The numbers behind a chart, as formatted text, for a table beside it. */
export interface ChartTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly align: readonly ('left' | 'right')[];
}

export interface Chart {
  /** File-name-safe and unique: `pareto`, `abc-xyz`. */
  readonly id: string;
  readonly title: string;
  /** One line that says what the chart shows, with its figure. */
  readonly reading: string;
  /** For screen readers: what is drawn, and the main figures. */
  readonly alt: string;
  readonly spec: TopLevelSpec;
  readonly table: ChartTable;
}

/** A chart that cannot be drawn from this data, and why (said in the document, never silently). */
export interface NoChart {
  readonly id: string;
  readonly title: string;
  readonly why: string;
}
