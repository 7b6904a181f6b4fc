/**
 * Planning the direction of money for one input: whether its flag column (by name or
 * `--direction COLUMN`) is used, how the engine reads it, and the sentence `inspect` shows.
 */
import type { ColumnProfile, FieldReading } from './duckdb/engine.js';
import { DataError } from '../../kernel/errors.js';
import { INCOMING_FLAGS, OUTGOING_FLAGS, decideDirection, directionWithoutFlag } from './direction.js';
import type { FieldName } from './fields.js';
import type { ColumnMapping } from './mapping.js';
import { countedValues } from './value-roles.js';

export interface DirectionPlan {
  /** The engine's reading of the flag column; absent when amounts keep their sign. */
  readonly reading?: FieldReading;
  readonly note?: string;
  readonly error?: DataError;
  readonly description: string;
}

/**
 * What a blank flag means: the other direction, when the column's flags all mean one direction, some
 * rows are blank and the amounts are never negative (a card statement: `CR` on the payment
 * received, nothing on the purchases). Otherwise blank flags are rejected rows.
 */
export function blankMeaning(incoming: readonly string[], outgoing: readonly string[], flag: ColumnProfile | undefined, amount: ColumnProfile | undefined, rows: number | undefined): 'incoming' | 'outgoing' | undefined {
  if (!flag || !amount || rows === undefined || flag.nonEmpty >= rows || amount.nonEmpty === 0 || amount.number.negative !== 0) return undefined;
  if (incoming.length > 0 && outgoing.length === 0) return 'outgoing';
  if (outgoing.length > 0 && incoming.length === 0) return 'incoming';
  return undefined;
}

/** `rows`: the rows the profiles saw (to tell a flag column with blanks). */
export function planDirection(
  fields: Partial<Record<FieldName, ColumnMapping>>,
  profiles: ReadonlyMap<number, ColumnProfile>,
  fromOption: boolean,
  rows?: number,
): DirectionPlan {
  const withoutFlag = directionWithoutFlag(fields.amount?.column ?? (fields.quantity && fields.unit_price ? 'quantity × unit price' : undefined), fields.credit?.column, fields.debit?.column);
  const flag = fields.direction;
  if (!flag) return { description: withoutFlag };
  const profile = profiles.get(flag.index);
  const values = profile?.topValues.map((t) => t.value) ?? [];
  const decision = decideDirection(flag.column, values, profile?.distinct ?? 0, fromOption);
  if (decision.status === 'not-a-flag') {
    return fromOption
      ? { error: new DataError(decision.evidence), description: withoutFlag }
      : { note: `${decision.evidence}; name the flag column with --direction COL if there is one`, description: withoutFlag };
  }
  if (!fields.amount && !(fields.quantity && fields.unit_price)) {
    // Separate credit and debit columns already say the direction; a flag beside them is not needed.
    return { note: `the flag column '${flag.column}' is not used: the credit and debit columns give the direction`, description: withoutFlag };
  }
  const blank = blankMeaning(decision.incoming, decision.outgoing, profile, fields.amount ? profiles.get(fields.amount.index) : undefined, rows);
  // The evidence with its counts: `from the flag column 'CreditDebet' (values C (13) / D (15)): …`.
  let description = profile?.topValues.some((t) => t.count > 0) === true ? decision.evidence.replace(`'${flag.column}':`, `'${flag.column}' (values ${countedValues(profile)}):`) : decision.evidence;
  if (blank !== undefined && profile !== undefined && rows !== undefined) {
    description = description.replace('; the amount', `, blank (${rows - profile.nonEmpty}) = ${blank} (${blank === 'incoming' ? 'credit' : 'debit'}): the column holds one flag and the amounts are never negative; the amount`);
  }
  return {
    reading: { field: 'direction', index: flag.index, reading: { as: 'direction', incoming: INCOMING_FLAGS, outgoing: OUTGOING_FLAGS, ...(blank ? { blank } : {}) } },
    description,
  };
}

/**
 * A column named like the incoming amount (`Inflow`, `Credit`) with no outgoing column beside it,
 * whose values carry a minus sign on some rows, is a signed amount: money both ways in one column.
 * Read as a credit column it would count every payment made as revenue. Returns the note that says
 * so; `fields` then holds it as the amount.
 */
export function signedCreditColumn(fields: Partial<Record<FieldName, ColumnMapping>>, profiles: ReadonlyMap<number, ColumnProfile>): string | undefined {
  const credit = fields.credit;
  if (!credit || fields.debit || fields.amount || credit.reason.startsWith('option') || credit.reason === 'map file') return undefined;
  const p = profiles.get(credit.index);
  const negative = p?.number.negative ?? 0;
  if (!p || negative === 0) return undefined;
  const evidence = `${negative} of ${p.nonEmpty} values are negative${p.number.commaExample || p.number.dotExample ? `, like ${p.number.commaExample ?? p.number.dotExample}` : ''}`;
  delete fields.credit;
  fields.amount = { ...credit, field: 'amount', reason: `signed amount: named like the incoming amount (${credit.reason}), but ${evidence}` };
  return `amount: '${credit.column}' is read as a signed amount, not as incoming money: ${evidence} (name it with --credit '${credit.column}' if it is the incoming amount)`;
}
