/**
 * The look every chart shares: a colour-blind-safe palette (Okabe & Ito), dark text on a white
 * panel (readable in print, and in a dark-mode viewer that shows the panel as it is), and a size
 * that fits an A4 page.
 */
import type { Config } from 'vega-lite';

/** Okabe & Ito's palette: told apart with every common colour-vision deficiency. */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  vermillion: '#D55E00',
  sky: '#56B4E9',
  green: '#009E73',
  purple: '#CC79A7',
  grey: '#7F7F7F',
  ink: '#222222',
} as const;

/** Sequential scheme for heatmaps: one hue from light to dark, ordered for every reader. */
export const HEAT_SCHEME = 'blues';

/** Width of a chart's plot in pixels: with its axes it fits the 180 mm of an A4 page. */
export const CHART_WIDTH = 520;

export const CHART_CONFIG: Config = {
  background: 'white',
  font: 'sans-serif',
  padding: 8,
  view: { stroke: null },
  axis: { labelColor: PALETTE.ink, titleColor: PALETTE.ink, domainColor: '#888888', tickColor: '#888888', gridColor: '#e6e6e6', labelFontSize: 11, titleFontSize: 11 },
  legend: { labelColor: PALETTE.ink, titleColor: PALETTE.ink, labelFontSize: 11, titleFontSize: 11, orient: 'bottom' },
  text: { color: PALETTE.ink, fontSize: 11 },
};
