/**
 * What each analysis command shows, by format: blocks for the terminal and Markdown
 * (view-blocks.ts), a JSON document (view-json.ts) and CSV rows (view-csv.ts), with the wording
 * and sections they share (view-wording.ts, view-sections.ts). Pure functions of the analysis and
 * the run's context.
 */
export * from './view-wording.js';
export * from './view-sections.js';
export { viewBlocks } from './view-blocks.js';
export * from './view-json.js';
export * from './view-csv.js';
