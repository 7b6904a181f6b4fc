/**
 * The JSON documents segment writes, as zod schemas: the source of `segment schema NAME` (JSON
 * Schema) and of the tests that validate every JSON output. Money is rounded to cents, shares are
 * fractions (0.25, not 25%), dates are YYYY-MM-DD.
 */
import { z } from 'zod';
import { clvSchema } from './schemas-clv.js';
import { inspectSchema, viewSchema } from './schemas-views.js';
import { auditSchema, changesSchema, cohortsSchema, journeySchema, reportSchema, scoreSchema } from './schemas-documents.js';

export { inspectSchema, inputsSchema, parametersSchema, rfmSummary, paretoSummary, matrixSchema, customerSchemas, windowSchema, excludedSchema } from './schemas-views.js';
export { movedSchema, changesObjectSchema, changesSchema, changesLineSchema, journeyChannelSchema, journeySchema, reportSchema, cohortsSchema, auditSchema, scoreSchema } from './schemas-documents.js';

export const SCHEMAS = {
  inspect: inspectSchema,
  abc: viewSchema('abc'),
  xyz: viewSchema('xyz'),
  abcxyz: viewSchema('abcxyz'),
  rfm: viewSchema('rfm'),
  pareto: viewSchema('pareto'),
  report: reportSchema,
  changes: changesSchema,
  cohorts: cohortsSchema,
  journey: journeySchema,
  audit: auditSchema,
  score: scoreSchema,
  clv: clvSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

export function jsonSchema(name: SchemaName): unknown {
  return z.toJSONSchema(SCHEMAS[name], { target: 'draft-2020-12' });
}
