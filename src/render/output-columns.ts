/**
 * The typed columns of a result table (for --format parquet): from the JSON schema of the
 * command's customer rows, so that a column has the same type whatever the data; a column the
 * schema does not name (a flattened or an attribute column) is typed from its values.
 */
import { z } from 'zod';
import type { OutputColumn, ParquetType } from '../engine/parquet-writer.js';
import { SCHEMAS } from '../schemas.js';

type JsonType = { type?: string; pattern?: string; anyOf?: JsonType[] };

function fromSchema(t: JsonType | undefined): ParquetType | undefined {
  if (!t) return undefined;
  const inner = t.anyOf?.find((a) => a.type !== 'null') ?? t;
  switch (inner.type) {
    case 'integer': return 'BIGINT';
    case 'number': return 'DOUBLE';
    case 'boolean': return 'BOOLEAN';
    case 'string': return inner.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') ? 'DATE' : 'VARCHAR';
    default: return undefined;
  }
}

function fromValues(name: string, rows: readonly Record<string, unknown>[]): ParquetType {
  const values = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined);
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'DOUBLE';
  return 'VARCHAR';
}

/** Known flattened columns of the punctuality object. */
const FLATTENED: Record<string, ParquetType> = { invoices_due: 'BIGINT', on_time_share: 'DOUBLE', mean_days_late: 'DOUBLE' };

export function outputColumns(view: keyof typeof SCHEMAS, head: readonly string[], rows: readonly Record<string, unknown>[]): OutputColumn[] {
  const schema = SCHEMAS[view] as unknown as { shape?: { customers?: { element?: z.ZodType } } };
  const item = schema.shape?.customers?.element;
  const props = item ? ((z.toJSONSchema(item) as { properties?: Record<string, JsonType> }).properties ?? {}) : {};
  return head.map((name) => ({ name, type: fromSchema(props[name]) ?? FLATTENED[name] ?? fromValues(name, rows) }));
}
