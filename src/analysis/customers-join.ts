/**
 * A CRM customers (accounts, contacts) table joined to the analysis's customers on the key: its
 * columns become attributes (for the report's portrait), its name column gives display names
 * where the transactions have none, and the accounts on either side without the other are
 * counted. Pure; commands/customers-file.ts reads the file.
 */
import { quote } from '../errors.js';
import type { SideTable } from '../ingest/table.js';
import { plural } from '../text.js';
import { mapCustomers, type Analysis } from './analysis.js';
import type { Attribute } from './portrait.js';
import type { AccountsMatch } from './report.js';

export interface CustomersJoin {
  readonly accounts: AccountsMatch;
  /** One attribute per column of the file besides the key and the name. */
  readonly attributes: readonly Attribute[];
  /** Display names from the file, by customer key (only customers of the transactions). */
  readonly names: ReadonlyMap<string, string>;
  readonly warnings: readonly string[];
}

/** Matches the customers table to the analysis's customers. */
export function joinCustomers(table: SideTable & { readonly nameIndex: number | undefined; readonly notes?: readonly string[] }, analysis: Analysis): CustomersJoin {
  const keys = new Set(analysis.customers.map((c) => c.key));
  const names = new Map<string, string>();
  const columns = table.columns.map((name, i) => ({ name, i })).filter(({ i }) => i !== table.keyIndex && i !== table.nameIndex);
  const values = columns.map(() => new Map<string, string>());
  const seen = new Set<string>();
  for (const row of table.rows) {
    if (row.key === null || !keys.has(row.key)) continue;
    seen.add(row.key);
    if (table.nameIndex !== undefined && row.fields[table.nameIndex]) names.set(row.key, row.fields[table.nameIndex]!);
    columns.forEach(({ i }, k) => {
      const v = row.fields[i];
      if (v !== null && v !== undefined && v.trim() !== '') values[k]!.set(row.key!, v.trim());
    });
  }
  const fileKeys = [...new Set(table.rows.map((r) => r.key).filter((k): k is string => k !== null))];
  const accounts: AccountsMatch = {
    file: table.file,
    rows: table.rows.length,
    matched: seen.size,
    unmatchedAccounts: fileKeys.filter((k) => !keys.has(k)).sort(),
    customersWithoutAccount: analysis.customers.filter((c) => !seen.has(c.key)).map((c) => c.key),
    malformed: table.malformed,
  };
  const warnings: string[] = [...(table.notes ?? [])];
  if (accounts.malformed > 0) warnings.push(`${table.file}: ${plural(accounts.malformed, 'malformed row')} ${accounts.malformed === 1 ? 'is' : 'are'} not read`);
  if (accounts.matched === 0 && fileKeys.length > 0) {
    warnings.push(
      `${table.file}: none of its ${plural(fileKeys.length, 'customer key')} (like ${quote(fileKeys[0]!)}) matches a customer of the transactions (like ${quote(analysis.customers[0]?.key ?? '')}): is it keyed by another id? Its attributes are not used`,
    );
  } else if (accounts.unmatchedAccounts.length > 0) {
    warnings.push(`${table.file}: ${plural(accounts.unmatchedAccounts.length, 'customer key')} ${accounts.unmatchedAccounts.length === 1 ? 'has' : 'have'} no transactions`);
  }
  const attributes = columns.map(({ name }, k) => ({ name, source: table.file, values: values[k]! }));
  return { accounts, attributes, names, warnings };
}

/** The analysis with display names from the customers file where the transactions have none. */
export function withDisplayNames(analysis: Analysis, names: ReadonlyMap<string, string>): Analysis {
  if (names.size === 0) return analysis;
  return mapCustomers(analysis, (c) => (c.name === c.key && names.has(c.key) ? { ...c, name: names.get(c.key)! } : c));
}
