/**
 * The report's side inputs as the analysis sees them: attributes from the inputs' own columns, and
 * everything joined on real customer keys (attributes, the customers file's accounts, the picks,
 * the deals) turned into pseudonyms for --pseudonymize. Pure.
 */
import type { DealsRead } from '../sources/files/deals.js';
import type { Pick } from '../sources/files/table.js';
import { UsageError } from '../kernel/errors.js';
import { namesOwnCustomer, personalColumn, type Pseudonymizer } from '../kernel/pseudonymize.js';
import type { Analysis } from './analysis.js';
import { tableOf } from './customer-table.js';
import type { Journey } from './journey.js';
import { pickMatcher } from './picks.js';
import type { Attribute, LeftOut } from './portrait.js';
import { pseudonymizeAnalysis } from './pseudonyms.js';
import type { AccountsMatch } from './report.js';

/** One attribute per attribute column of the inputs: each customer's most frequent value, for the analysed customers. */
export function inputAttributes(fromInputs: ReadonlyMap<string, ReadonlyMap<string, string>>, names: readonly string[], keys: ReadonlySet<string>): Map<string, Attribute> {
  const attributes = new Map<string, Attribute>();
  for (const name of names) {
    const values = new Map<string, string>();
    for (const [key, attrs] of fromInputs) {
      const v = attrs.get(name);
      if (v !== undefined && keys.has(key)) values.set(key, v);
    }
    attributes.set(name, { name, source: 'inputs', values });
  }
  return attributes;
}

export const LINE_LEVEL_WHY = 'line-level: its value varies within a customer (line, order or period values), so it is no trait of the customer';

/**
 * Which attribute columns the portrait uses. By default every column of the customers file and
 * the inputs' columns that hold one value per customer; the inputs' line-level columns (values
 * that vary within a customer: line and order numbers, period ids, discounts, a line's
 * sub-category) are left out. `--attributes` names the only columns to use (line-level ones
 * included), `--exclude-attributes` columns to leave out. Names match ignoring case; a name that
 * is no attribute column is a usage error listing them. Changes `attributes` in place.
 */
export function chooseAttributes(
  attributes: Map<string, Attribute>,
  lineLevel: ReadonlySet<string>,
  choice: { readonly only?: readonly string[] | undefined; readonly exclude?: readonly string[] | undefined },
): LeftOut[] {
  const byKey = new Map([...attributes.keys()].map((name) => [name.toLowerCase(), name]));
  const resolve = (option: string, names: readonly string[]): Set<string> =>
    new Set(
      names.map((n) => {
        const found = byKey.get(n.toLowerCase());
        if (found === undefined) {
          const list = [...attributes.keys()].map((k) => `'${k}'`).join(', ');
          throw new UsageError(`${option} '${n}' is not an attribute column; ${list === '' ? 'there are none' : `they are ${list}`}`);
        }
        return found;
      }),
    );
  const only = choice.only ? resolve('--attributes', choice.only) : null;
  const exclude = choice.exclude ? resolve('--exclude-attributes', choice.exclude) : new Set<string>();
  const left: LeftOut[] = [];
  for (const [name, attr] of attributes) {
    const why = exclude.has(name)
      ? 'left out by --exclude-attributes'
      : only
        ? only.has(name) ? null : 'not named in --attributes'
        : attr.source === 'inputs' && lineLevel.has(name) ? LINE_LEVEL_WHY : null;
    if (why === null) continue;
    attributes.delete(name);
    left.push({ name, why });
  }
  return left;
}

export interface ReportInputs {
  readonly analysis: Analysis;
  /** Changed in place: personal columns are deleted, the others keyed by pseudonym. */
  readonly attributes: Map<string, Attribute>;
  readonly accounts: AccountsMatch | null;
  readonly picks: { readonly file: string; readonly picks: readonly Pick[]; readonly malformed: number } | null;
  readonly deals: { readonly read: DealsRead; readonly journey: Journey } | null;
}

/** Why a column names its own customers (their key or name in their value), or null. */
function ownNamesOrKeys(attr: Attribute, nameOf: ReadonlyMap<string, string>): string | null {
  for (const [key, value] of attr.values) {
    if (namesOwnCustomer(value, key, nameOf.get(key) ?? key)) return "its values contain the customers' own names or keys";
  }
  return null;
}

/**
 * The report's inputs with pseudonyms for customer keys and staff names; attribute columns that
 * look personal are left out (unless kept), each with a warning. Joins are made on the real keys
 * before this, so that nothing is lost.
 */
export function pseudonymizeReportInputs(x: ReportInputs, pseudonyms: Pseudonymizer, kept: ReadonlySet<string>) {
  const warnings: string[] = [];
  const leftOut: LeftOut[] = [];
  const customers = tableOf(x.analysis);
  const nameOf = new Map(Array.from({ length: customers.length }, (_, i) => [customers.key(i), customers.name(i)] as const));
  for (const [name, attr] of x.attributes) {
    const why = kept.has(name) ? null : personalColumn(name, [...attr.values.values()]) ?? ownNamesOrKeys(attr, nameOf);
    if (why !== null) {
      x.attributes.delete(name);
      warnings.push(`--pseudonymize: attribute column '${name}' is left out: ${why} (keep it with --keep-attribute '${name}')`);
      leftOut.push({ name, why: `--pseudonymize: ${why}` });
      continue;
    }
    x.attributes.set(name, { ...attr, values: new Map([...attr.values].map(([k, v]) => [pseudonyms.customer(k), v])) });
  }
  const accounts = x.accounts && {
    ...x.accounts,
    unmatchedAccounts: x.accounts.unmatchedAccounts.map((k) => pseudonyms.customer(k)).sort(),
    customersWithoutAccount: x.accounts.customersWithoutAccount.map((k) => pseudonyms.customer(k)),
  };
  // A pick names a customer by key or by name: resolved on the real ones, then replaced.
  const match = x.picks ? pickMatcher(customers) : () => undefined;
  const picks = x.picks && {
    ...x.picks,
    picks: x.picks.picks.map((pick) => ({
      customer: pseudonyms.customer(match(pick.customer)?.key ?? pick.customer),
      pickedBy: pick.pickedBy === null ? null : pseudonyms.staff(pick.pickedBy),
      reason: null,
    })),
  };
  const j = x.deals?.journey;
  const deals = x.deals && j ? { ...x.deals, journey: { ...j, match: { ...j.match, wonWithoutPurchases: j.match.wonWithoutPurchases.map((k) => pseudonyms.customer(k)).sort() } } } : x.deals;
  return { analysis: pseudonymizeAnalysis(x.analysis, pseudonyms), accounts, picks, deals, warnings, leftOut };
}
