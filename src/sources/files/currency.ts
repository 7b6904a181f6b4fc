/**
 * Currencies never mix silently. Each input has its own currency: from its currency column, from
 * its header or amounts (`Betrag (EUR)`, `1.234,56 DKK`), or from its own settings (`--map
 * INPUT:FILE` with `currency`). Inputs in different currencies, or one whose currency is unknown
 * beside one whose currency is known, are refused, unless `--rates FILE` converts them into the
 * reporting currency (`--currency`), which is then said. Pure.
 */
import { DataError } from '../../kernel/errors.js';
import type { Rates } from './rates.js';

export interface InputCurrency {
  readonly file: string;
  /** The currencies of its used rows, as it says them itself; empty when it does not say. */
  readonly own: readonly string[];
  /** Where `own` comes from: `its currency column`, `its header`, `--map …`. */
  readonly source: string;
  /** Whether the input has a currency column (whose other currencies --currency skips). */
  readonly column: boolean;
}

export interface SettledCurrency {
  /** The currency of every amount after reading; null when no input says one. */
  readonly currency: string | null;
  /** With --rates: what was converted, in words, for the report. */
  readonly conversion?: string;
}

function named(i: InputCurrency): string {
  return `${i.file}: ${i.own.length > 0 ? `${i.own.join('/')} (${i.source})` : 'unknown'}`;
}

/** The reporting currency of the inputs, or the error that says why they cannot be added up. */
export function settleCurrencies(inputs: readonly InputCurrency[], global: string | undefined, rates: Rates | undefined): SettledCurrency {
  const known = inputs.filter((i) => i.own.length > 0);
  const unknown = inputs.filter((i) => i.own.length === 0);
  if (known.length > 0 && unknown.length > 0) {
    const u = unknown[0]!;
    const k = known[0]!;
    throw new DataError(
      `${u.file}: its currency is not known (no currency column, and none in its header or amounts), while ${k.file} is in ${k.own.join('/')}: amounts in different currencies must not be added up; state it with --map ${u.file}:MAP, a map file with "currency": "…"`,
    );
  }
  if (rates) {
    const reporting = global!;
    const foreign = [...new Set(known.flatMap((i) => i.own))].filter((c) => c !== reporting).sort();
    for (const c of foreign) {
      if (!rates.rates.some((r) => r.currency === c)) {
        const where = known.find((i) => i.own.includes(c))!;
        throw new DataError(`${where.file}: amounts in ${c}, but --rates ${rates.file} has no rate for ${c}; add a line ${c},RATE (${c} in ${reporting})`);
      }
    }
    if (foreign.length === 0) return { currency: reporting };
    const list = rates.rates.filter((r) => foreign.includes(r.currency)).map((r) => `${r.currency} ${r.rate}${r.from ? ` from ${r.from}` : ''}`);
    return {
      currency: reporting,
      conversion: `amounts in ${foreign.join(', ')} are converted into ${reporting} with the rates of --rates ${rates.file} (${list.join(', ')}; by each transaction's date)`,
    };
  }
  if (global !== undefined) {
    // --currency keeps the rows of a currency column in it; an input that says another currency
    // without such a column cannot be filtered, and is not relabelled either.
    const other = known.find((i) => !i.column && i.own.some((c) => c !== global));
    if (other) {
      throw new DataError(
        `${other.file} is in ${other.own.join('/')} (${other.source}), not ${global} (--currency): convert it with --rates FILE (a CSV of currency,rate[,date]), or leave it out`,
      );
    }
  }
  const distinct = [...new Set(known.flatMap((i) => i.own))];
  if (distinct.length > 1) {
    throw new DataError(
      `the inputs are in different currencies (${inputs.map(named).join(', ')}); amounts in different currencies cannot be added up: convert them with --rates FILE --currency ${distinct[0]} (a CSV of currency,rate[,date]), or read one currency at a time`,
    );
  }
  return { currency: distinct[0] ?? global ?? null };
}
