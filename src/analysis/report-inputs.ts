/**
 * The report's side inputs as the analysis sees them: attributes from the inputs' own columns, and
 * everything joined on real customer keys (attributes, the customers file's accounts, the picks,
 * the deals) turned into pseudonyms for --pseudonymize. Pure.
 */
import type { DealsRead } from '../ingest/deals.js';
import type { Pick } from '../ingest/table.js';
import { personalColumn, type Pseudonymizer } from '../pseudonymize.js';
import type { Analysis } from './analysis.js';
import type { Journey } from './journey.js';
import { pickMatcher } from './picks.js';
import type { Attribute } from './portrait.js';
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

export interface ReportInputs {
  readonly analysis: Analysis;
  /** Changed in place: personal columns are deleted, the others keyed by pseudonym. */
  readonly attributes: Map<string, Attribute>;
  readonly accounts: AccountsMatch | null;
  readonly picks: { readonly file: string; readonly picks: readonly Pick[]; readonly malformed: number } | null;
  readonly deals: { readonly read: DealsRead; readonly journey: Journey } | null;
}

/**
 * The report's inputs with pseudonyms for customer keys and staff names; attribute columns that
 * look personal are left out (unless kept), each with a warning. Joins are made on the real keys
 * before this, so that nothing is lost.
 */
export function pseudonymizeReportInputs(x: ReportInputs, pseudonyms: Pseudonymizer, kept: ReadonlySet<string>) {
  const warnings: string[] = [];
  for (const [name, attr] of x.attributes) {
    const why = kept.has(name) ? null : personalColumn(name, [...attr.values.values()]);
    if (why !== null) {
      x.attributes.delete(name);
      warnings.push(`--pseudonymize: attribute column '${name}' is left out: ${why} (keep it with --keep-attribute '${name}')`);
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
  const match = x.picks ? pickMatcher(x.analysis.customers) : () => undefined;
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
  return { analysis: pseudonymizeAnalysis(x.analysis, pseudonyms), accounts, picks, deals, warnings };
}
