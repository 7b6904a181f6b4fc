/** Each mapped value column's convention (decimal style, date order, currency codes), decided from its profile or taken from an option. */

import { DataError, quote } from '../../kernel/errors.js';
import type { ColumnProfile, FieldReading } from './duckdb/engine.js';
import {
  decideDateOrder,
  decideDecimalStyle,
  describeDateOrder,
  type DateOrder,
  type DecimalStyle,
  type Decision,
} from './decide.js';
import { FIELDS, type FieldName } from './fields.js';
import type { ReadOptions } from './read-result.js';
import type { Engine, InputProfile, InputReader, ProfileRequest } from './duckdb/engine.js';
import type { FieldMap } from './mapping.js';

function numberDescription(style: DecimalStyle): string {
  return style === 'dot' ? 'decimal point' : style === 'comma' ? 'decimal comma' : 'whole numbers';
}

/** Decides each mapped value column's convention; undefined means the sample did not settle it. */
export interface ColumnDecision {
  readonly field: FieldName;
  readonly index: number;
  readonly reading?: FieldReading['reading'];
  readonly convention?: string;
  readonly evidence?: string;
  readonly note?: string;
  readonly undecided?: string;
  readonly drop?: string;
}

function numberCounts(p: ColumnProfile) {
  return { nonEmpty: p.nonEmpty, ...p.number };
}

function dateCounts(p: ColumnProfile) {
  return { nonEmpty: p.nonEmpty, ...p.date };
}

export function decideColumn(
  field: FieldName,
  index: number,
  profile: ColumnProfile,
  options: ReadOptions,
  fromOption: boolean,
  mainDate?: DateOrder,
): ColumnDecision {
  const spec = FIELDS[field];
  if (spec.type === 'number') {
    const counts = numberCounts(profile);
    const fitting = counts.integer + counts.dot + counts.comma + counts.ambiguous;
    if (!fromOption && counts.nonEmpty >= 3 && fitting < counts.nonEmpty / 2 && field !== 'amount') {
      return { field, index, drop: `its values are not numbers (like ${quote(counts.invalidExample ?? '')})` };
    }
    if (options.decimal !== undefined) {
      return { field, index, reading: { as: 'number', style: options.decimal }, convention: numberDescription(options.decimal), evidence: 'option --decimal' };
    }
    const d: Decision<DecimalStyle> = decideDecimalStyle(counts);
    if (d.status === 'undecided') return { field, index, undecided: d.evidence };
    return {
      field,
      index,
      reading: { as: 'number', style: d.value },
      convention: numberDescription(d.value),
      evidence: d.evidence,
      ...(d.note ? { note: d.note } : {}),
    };
  }
  if (spec.type === 'date') {
    const counts = dateCounts(profile);
    const fitting = counts.nonEmpty - counts.invalid;
    if (!fromOption && counts.nonEmpty >= 3 && fitting < counts.nonEmpty / 2 && field !== 'date') {
      return { field, index, drop: `its values are not dates (like ${quote(counts.invalidExample ?? '')})` };
    }
    if (options.dateOrder !== undefined) {
      return { field, index, reading: { as: 'date', order: options.dateOrder }, convention: describeDateOrder(options.dateOrder), evidence: 'option --date-format' };
    }
    const d = decideDateOrder(counts);
    if (d.status === 'undecided') {
      if (mainDate !== undefined && (mainDate === 'dmy' || mainDate === 'mdy') && counts.dayMonthAmbiguous > 0 && counts.dmy + counts.mdy === 0) {
        return {
          field,
          index,
          reading: { as: 'date', order: mainDate },
          convention: describeDateOrder(mainDate),
          evidence: 'as the transaction date column of the same file',
        };
      }
      return { field, index, undecided: d.evidence };
    }
    return {
      field,
      index,
      reading: { as: 'date', order: d.value },
      convention: describeDateOrder(d.value),
      evidence: d.evidence,
      ...(d.note ? { note: d.note } : {}),
    };
  }
  if (spec.type === 'currency') {
    if (!fromOption && profile.nonEmpty > 0 && profile.currencyLike < profile.nonEmpty * 0.9) {
      return { field, index, drop: `its values are not currency codes (like ${quote(profile.topValues[0]?.value ?? '')})` };
    }
    return { field, index, reading: { as: 'currency' } };
  }
  if (spec.type === 'key') return { field, index, reading: { as: 'key' } };
  return { field, index, reading: { as: 'text' } };
}

export function undecidedError(display: string, column: string, field: FieldName, evidence: string): DataError {
  const spec = FIELDS[field];
  if (spec.type === 'number') {
    return new DataError(
      `${display}: column '${column}' (${spec.describe}): ${evidence}; pass --decimal dot or --decimal comma`,
    );
  }
  return new DataError(
    `${display}: column '${column}' (${spec.describe}): ${evidence}; pass --date-format dd.mm.yyyy or --date-format mm/dd/yyyy`,
  );
}

/** What the conventions are decided from: the value fields and the first rows' profile. */
export interface ConventionInputs {
  readonly engine: Engine;
  readonly reader: InputReader;
  readonly fields: FieldMap;
  readonly valueFields: FieldName[];
  readonly sample: InputProfile;
  readonly requests: ReadonlyMap<number, ProfileRequest>;
  readonly options: ReadOptions;
  readonly notes: string[];
}

/**
 * Every value field's convention, from the sample and, when the sample did not settle one, from the
 * whole column. An undecided convention is an error that says which option settles it; a column
 * whose values do not fit its field is dropped from `fields`, with a note.
 */
export async function decideConventions(x: ConventionInputs): Promise<ColumnDecision[]> {
  const { engine, reader, fields, valueFields, sample, requests, options, notes } = x;
  const display = reader.display;
  const decide = (field: FieldName, profile: InputProfile, mainDate?: DateOrder): ColumnDecision => {
    const f = fields[field]!;
    const p = profile.columns.find((c) => c.index === f.index)!;
    return decideColumn(field, f.index, p, options, f.reason.startsWith('option') || f.reason === 'map file', mainDate);
  };
  const ordered = valueFields.sort((a, b) => (a === 'date' ? -1 : b === 'date' ? 1 : 0));
  let decisions: ColumnDecision[] = [];
  let mainDate: DateOrder | undefined;
  for (const field of ordered) {
    const d = decide(field, sample, mainDate);
    if (field === 'date' && d.reading?.as === 'date') mainDate = d.reading.order;
    decisions.push(d);
  }
  const undecided = decisions.filter((d) => d.undecided !== undefined);
  if (undecided.length > 0 && !sample.complete) {
    // The first rows did not settle a convention: look at every value of those columns.
    const full = await engine.profile(reader, undecided.map((d) => requests.get(d.index)!), undefined, undefined);
    decisions = decisions.map((d) => (d.undecided === undefined ? d : decide(d.field, full, mainDate)));
    for (const u of undecided) {
      if (decisions.find((d) => d.field === u.field)?.reading) notes.push(`${FIELDS[u.field].describe}: settled by reading the whole column`);
    }
  }
  for (const d of decisions) {
    if (d.undecided !== undefined) throw undecidedError(display, fields[d.field]!.column, d.field, d.undecided);
  }
  for (const d of decisions) {
    if (d.drop !== undefined) {
      notes.push(`column '${fields[d.field]!.column}' matches ${FIELDS[d.field].describe} by name, but ${d.drop}: not used`);
      delete fields[d.field];
    }
    if (d.note !== undefined) notes.push(`${FIELDS[d.field].describe}: ${d.note}`);
  }
  return decisions;
}
