/**
 * The Document of an analysis command (abc, xyz, abcxyz, rfm, pareto): its view as blocks, the
 * JSON document with its customers written one by one, and a row per customer.
 */
import type { Analysis } from '../analyses/analysis.js';
import type { Document } from './document.js';
import { viewBlocks } from './view-blocks.js';
import { viewRows } from './view-csv.js';
import { viewJson } from './view-json.js';
import type { RunContext, View } from './view-wording.js';

export type ViewContext = Omit<RunContext, 'top' | 'documentWarnings'>;

export function viewDocument(view: View, a: Analysis, ctx: ViewContext): Document {
  return {
    command: view,
    title: view,
    date: a.params.asOf,
    // Markdown goes to files and repeats the warnings; a terminal has them on stderr.
    blocks: (t) => viewBlocks(view, a, { ...ctx, top: t.top, documentWarnings: !t.terminal }),
    json: (s) => viewJson(view, a, { ...ctx, top: s.top }),
    objects: (s) => viewJson(view, a, { ...ctx, top: s.top }).customers,
    rows: (s) => viewRows(view, a, s),
  };
}
