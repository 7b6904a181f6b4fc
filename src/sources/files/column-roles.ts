/** What each column of an input is: a field, an attribute candidate (the columns no field claimed), or ignored, and why. */
import { quote } from '../../kernel/errors.js';
import type { ColumnProfile, InputProfile, RowRule } from './duckdb/engine.js';
import { FIELDS, type FieldName } from './fields.js';
import type { Mapping } from './mapping.js';
import type { ColumnReport } from './read-result.js';
import type { FieldMap } from './mapping.js';
import type { ColumnDecision } from './column-decisions.js';

export interface RoleInputs {
  readonly headers: readonly string[];
  readonly fields: FieldMap;
  readonly mapping: Mapping;
  readonly otherColumns: readonly { column: string; index: number }[];
  readonly byIndex: ReadonlyMap<number, ColumnProfile>;
  readonly sample: InputProfile;
  readonly decisionOf: ReadonlyMap<FieldName, ColumnDecision>;
  readonly rules: readonly RowRule[];
  /** Columns past the attribute candidates profiled (./plan-input.ts `MAX_ATTRIBUTE_CANDIDATES`). */
  readonly notProfiled?: ReadonlySet<number>;
}

export function columnRoles(x: RoleInputs): { attributes: { index: number; name: string; level: 'customer' | 'transaction' }[]; columns: ColumnReport[] } {
  const { headers, fields, mapping, otherColumns, byIndex, sample, decisionOf, rules } = x;
  const attributes: { index: number; name: string; level: 'customer' | 'transaction' }[] = [];
  const columns: ColumnReport[] = [];
  for (let i = 0; i < headers.length; i++) {
    const name = headers[i]!;
    const mapped = Object.values(fields).find((m) => m.index === i);
    if (mapped) {
      const d = decisionOf.get(mapped.field);
      const used = mapped.field !== 'stage' || rules.some((r) => r.rule === 'stage');
      columns.push({
        index: i,
        name,
        role: FIELDS[mapped.field].type === 'ignored' || !used ? 'ignored' : 'field',
        field: mapped.field,
        why: mapped.reason,
        ...(d?.convention ? { convention: d.convention } : {}),
        ...(d?.evidence ? { evidence: d.evidence } : {}),
      });
      continue;
    }
    const claimed = Object.values(mapping.fields).find((m) => m.index === i);
    if (claimed && !otherColumns.some((o) => o.index === i)) {
      columns.push({ index: i, name, role: 'ignored', field: claimed.field, why: `${claimed.reason}; not used here` });
      continue;
    }
    if (x.notProfiled?.has(i)) {
      columns.push({ index: i, name, role: 'ignored', why: 'not looked at (past the first 100 attribute candidates)' });
      continue;
    }
    const p = byIndex.get(i);
    const variation = sample.perCustomerVariation.get(i);
    let why: string;
    if (!p || p.nonEmpty === 0) why = 'empty';
    else if (p.distinct > 1000 && (variation ?? 1) > 0.2) why = `free text (over 1,000 distinct values)`;
    else if (p.distinct <= 1 && sample.rows > 1) why = `one value only (${quote(p.topValues[0]?.value ?? '')})`;
    else {
      const level = variation !== undefined && variation > 0.05 ? 'transaction' : 'customer';
      attributes.push({ index: i, name, level });
      columns.push({
        index: i,
        name,
        role: 'attribute',
        why: level === 'customer' ? 'customer attribute' : "varies within a customer: line-level, left out of the report's portrait unless named in --attributes",
      });
      continue;
    }
    columns.push({ index: i, name, role: 'ignored', why });
  }

  return { attributes, columns };
}
