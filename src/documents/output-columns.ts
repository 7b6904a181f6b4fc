/**
 * The typed columns of a result table (Parquet types, workbook formats): from the JSON schema of the
 * command's customer rows, so that a column has the same type whatever the data; a column the
 * schema does not name (a flattened or an attribute column) is typed from its values.
 */
import { z } from 'zod';
import type { Column, ColumnKind } from './document.js';
import { SCHEMAS } from '../schemas.js';

type JsonType = { type?: string; pattern?: string; anyOf?: JsonType[] };

function fromSchema(t: JsonType | undefined): ColumnKind | undefined {
  if (!t) return undefined;
  const inner = t.anyOf?.find((a) => a.type !== 'null') ?? t;
  switch (inner.type) {
    case 'integer': return 'integer';
    case 'number': return 'number';
    case 'boolean': return 'boolean';
    case 'string': return inner.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') ? 'date' : 'text';
    default: return undefined;
  }
}

function fromValues(name: string, rows: readonly Record<string, unknown>[]): ColumnKind {
  const values = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined);
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'number';
  return 'text';
}

/** Known flattened columns of the punctuality object. */
const FLATTENED: Record<string, ColumnKind> = { invoices_due: 'integer', on_time_share: 'number', mean_days_late: 'number' };

export function outputColumns(view: keyof typeof SCHEMAS, head: readonly string[], rows: readonly Record<string, unknown>[]): Column[] {
  const schema = SCHEMAS[view] as unknown as { shape?: { customers?: { element?: z.ZodType } } };
  const item = schema.shape?.customers?.element;
  const props = item ? ((z.toJSONSchema(item) as { properties?: Record<string, JsonType> }).properties ?? {}) : {};
  return head.map((name) => ({ name, kind: fromSchema(props[name]) ?? FLATTENED[name] ?? fromValues(name, rows) }));
}
