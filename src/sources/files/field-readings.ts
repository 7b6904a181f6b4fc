/** How the engine reads each mapped field: its decided convention, typed by the CSV reader where it can, and a currency written into the amounts. */
import { DataError } from '../../kernel/errors.js';
import type { ColumnProfile, FieldReading } from './duckdb/engine.js';
import type { Dialect } from './dialect.js';
import { FIELDS, type FieldName } from './fields.js';
import type { Kind, Mapping } from './mapping.js';
import type { ReadOptions } from './read-result.js';
import type { FieldMap } from './mapping.js';
import type { ColumnDecision } from './column-decisions.js';

export interface ReadingInputs {
  readonly display: string;
  readonly dialect: Dialect;
  readonly kind: Kind;
  readonly fields: FieldMap;
  readonly mapping: Mapping;
  readonly byIndex: ReadonlyMap<number, ColumnProfile>;
  readonly decisionOf: ReadonlyMap<FieldName, ColumnDecision>;
  readonly options: ReadOptions;
  readonly direction: FieldReading | undefined;
}

export function fieldReadings(x: ReadingInputs): { readings: FieldReading[]; embeddedCurrency: string | null; amountProfile: ColumnProfile | undefined } {
  const { display, dialect, kind, fields, mapping, byIndex, decisionOf, options } = x;
  const readings: FieldReading[] = [];
  for (const m of Object.values(fields)) {
    const spec = FIELDS[m.field];
    if (spec.type === 'ignored' || m.field === 'stage' || m.field === 'text' || m.field === 'counterparty' || m.field === 'direction') continue;
    if (m.field === 'customer') {
      const reading: FieldReading['reading'] =
        kind !== 'bank'
          ? { as: 'key' }
          : options.customerPattern !== undefined
            ? { as: 'counterparty', pattern: options.customerPattern }
            : { as: 'counterparty' };
      readings.push({ field: m.field, index: m.index, reading: reading });
      continue;
    }
    const d = decisionOf.get(m.field);
    // Order references are opaque text; only customer keys get the `17850.0` → `17850` reading.
    readings.push({ field: m.field, index: m.index, reading: d?.reading ?? { as: spec.type === 'key' && m.field !== 'order' ? 'key' : 'text' } });
  }

  if (x.direction) readings.push(x.direction);

  // Columns the CSV reader can type itself: faster, and a later value that does not convert is
  // rejected by the reader with its line (never reinterpreted).
  if (dialect.type === 'delimited') {
    for (let k = 0; k < readings.length; k++) {
      const r = readings[k]!;
      const p = byIndex.get(r.index);
      if (!p || p.nonEmpty === 0 || p.castable !== p.nonEmpty) continue;
      const numberDot = r.reading.as === 'number' && r.reading.style === 'dot';
      const isoDate = r.reading.as === 'date' && r.reading.order === 'iso';
      if (numberDot || isoDate) readings[k] = { ...r, typed: true };
    }
  }

  // A currency written into the amounts (`1.234,56 DKK`) when there is no currency column.
  let embeddedCurrency: string | null = null;
  const amountColumn = fields.amount ?? fields.credit ?? fields.unit_price;
  const amountProfile = amountColumn ? byIndex.get(amountColumn.index) : undefined;
  if (!fields.currency && amountColumn && amountProfile && amountProfile.number.codes.length > 0) {
    const codes = amountProfile.number.codes;
    if (codes.length > 1 && options.currency === undefined && !options.rates) {
      throw new DataError(
        `${display}: amounts are written in more than one currency (${codes.join(', ')}); keep one with --currency ${codes[0]}`,
      );
    }
    if (codes.length > 1) readings.push({ field: 'currency', index: amountColumn.index, reading: { as: 'code' } });
    else embeddedCurrency = codes[0] ?? null;
  }
  if (!fields.currency && embeddedCurrency === null && mapping.headerCurrency) embeddedCurrency = mapping.headerCurrency;

  return { readings, embeddedCurrency, amountProfile };
}
