/** The --rejects file: every rejected row with its file, line, column and reason, personal fields withheld on request. */

import { csvCell } from '../../kernel/csv-cell.js';
import { writeFileAtomically } from '../../kernel/output.js';
import type { Engine, InputReader } from './duckdb/engine.js';
import type { FieldName } from './fields.js';
import { findLines } from './lines.js';
import type { InputReport } from './read-result.js';
import type { Planned } from './plan-input.js';
import { malformedReason } from './accounting.js';

/** Fields whose values are numbers, dates or codes, never personal data. */
export const NON_PERSONAL_FIELDS: ReadonlySet<FieldName | undefined> = new Set<FieldName>(['date', 'amount', 'quantity', 'unit_price', 'margin', 'cost', 'currency', 'credit', 'debit', 'due_date', 'paid_date', 'status', 'stage']);

/** Writes every rejected row: file, line, column, reason, then the row's own fields. */
export async function writeRejects(
  path: string,
  engine: Engine,
  readers: readonly { reader: InputReader; planned: Planned }[],
  inputs: readonly InputReport[],
  withhold: boolean,
): Promise<void> {
  const out: string[] = ['file,line,column,reason,value,record'];
  const WITHHELD = '(withheld: --pseudonymize)';
  for (let k = 0; k < readers.length; k++) {
    const { reader, planned } = readers[k]!;
    const input = inputs[k]!;
    // Rows the reader refused: malformed, or a typed column's value that did not convert.
    const refused = input.rows.rejected > 0 ? await engine.malformedRows(reader.id) : [];
    if (refused.length > 0) {
      const lines = await findLines(reader.path, reader.gzip, reader.dialect, [], refused.map((m) => m.bytePosition));
      for (const m of refused) {
        const field = m.index === null ? undefined : planned.plan.fields.find((f) => f.index === m.index);
        const rule = field ? planned.info[planned.plan.rules.findIndex((r) => r.rule === 'invalid' && r.field === field.field)] : undefined;
        out.push(
          [
            input.file,
            lines.byBytePosition.get(m.bytePosition) ?? m.line,
            rule?.column ?? '',
            rule ? rule.reason : malformedReason(m.type, reader.dialect.columns.length),
            rule ? m.error : '',
            withhold ? WITHHELD : m.text,
          ]
            .map(csvCell)
            .join(','),
        );
      }
    }
    const rejectRules = input.rows.rejectedByReason.length > 0 ? planned.info.map((info, i) => (info.category === 'rejected' ? i : -1)).filter((i) => i >= 0) : [];
    if (rejectRules.length === 0) continue;
    const records = await engine.rejectedRecords(reader, planned.plan, rejectRules, 1_000_000);
    const lines = await findLines(reader.path, reader.gzip, reader.dialect, records.map((r) => r.ordinal), []);
    for (const r of records) {
      const info = planned.info[r.rule]!;
      const col = planned.columns.find((c) => c.name === info.column);
      const value = col ? r.fields[col.index] ?? null : null;
      const record = withhold ? WITHHELD : r.fields.map((f) => csvCell(f)).join(reader.dialect.type === 'delimited' ? reader.dialect.delimiter : ' ');
      const shown = withhold && !NON_PERSONAL_FIELDS.has(col ? input.columns.find((c) => c.index === col.index)?.field : undefined) ? null : value;
      out.push([input.file, lines.byOrdinal.get(r.ordinal) ?? null, info.column ?? '', info.reason, shown, record].map(csvCell).join(','));
    }
  }
  writeFileAtomically(path, [out.join('\n'), '\n'], '--rejects');
}
