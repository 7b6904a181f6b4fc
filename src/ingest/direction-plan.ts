/**
 * Planning the direction of money for one input: whether its flag column (by name or
 * `--direction COLUMN`) is used, how the engine reads it, and the sentence `inspect` shows.
 */
import type { ColumnProfile, FieldReading } from '../engine/engine.js';
import { DataError } from '../errors.js';
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

export function planDirection(
  fields: Partial<Record<FieldName, ColumnMapping>>,
  profiles: ReadonlyMap<number, ColumnProfile>,
  fromOption: boolean,
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
  return {
    reading: { field: 'direction', index: flag.index, reading: { as: 'direction', incoming: INCOMING_FLAGS, outgoing: OUTGOING_FLAGS } },
    // The evidence with its counts: `from the flag column 'CreditDebet' (values C (13) / D (15)): …`.
    description: profile?.topValues.some((t) => t.count > 0) === true ? decision.evidence.replace(`'${flag.column}':`, `'${flag.column}' (values ${countedValues(profile)}):`) : decision.evidence,
  };
}
