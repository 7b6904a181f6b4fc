/**
 * A CRM customers (accounts, contacts) table joined to the analysis's customers on the key: its
 * columns become attributes (for the report's portrait), its name column gives display names
 * where the transactions have none, and the accounts on either side without the other are
 * counted. Pure; commands/customers-file.ts reads the file.
 */
import { quote } from '../kernel/errors.js';
import type { SideTable } from '../sources/files/table.js';
import { plural } from '../kernel/text.js';
import { mapCustomers, type Analysis } from './analysis.js';
import { customerKeys } from './customer-table.js';
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
  const customerList = customerKeys(analysis);
  const keys = new Set(customerList);
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
  const repeated = repeatedKeys(table.rows);
  const accounts: AccountsMatch = {
    file: table.file,
    rows: table.rows.length,
    matched: seen.size,
    unmatchedAccounts: fileKeys.filter((k) => !keys.has(k)).sort(),
    customersWithoutAccount: customerList.filter((k) => !seen.has(k)),
    malformed: table.malformed,
  };
  const warnings: string[] = [...(table.notes ?? [])];
  if (accounts.malformed > 0) warnings.push(`${table.file}: ${plural(accounts.malformed, 'malformed row')} ${accounts.malformed === 1 ? 'is' : 'are'} not read`);
  if (accounts.matched === 0 && fileKeys.length > 0) {
    warnings.push(
      `${table.file}: none of its ${plural(fileKeys.length, 'customer key')} (like ${quote(fileKeys[0]!)}) matches a customer of the transactions (like ${quote(customerList[0] ?? '')}): is it keyed by another id? Its attributes are not used`,
    );
  } else if (accounts.unmatchedAccounts.length > 0) {
    warnings.push(`${table.file}: ${plural(accounts.unmatchedAccounts.length, 'customer key')} ${accounts.unmatchedAccounts.length === 1 ? 'has' : 'have'} no transactions`);
  }
  if (repeated.keys.length > 0) {
    const shown = repeated.keys.slice(0, 5).map((k) => quote(k)).join(', ');
    warnings.push(
      `${table.file}: ${plural(repeated.rows, 'row')} repeat${repeated.rows === 1 ? 's' : ''} the customer key of an earlier row (${plural(repeated.keys.length, 'key')}: ${shown}${repeated.keys.length > 5 ? ', …' : ''}); for each column, the value of the last row that has one is used`,
    );
  }
  const attributes = columns.map(({ name }, k) => ({ name, source: table.file, values: values[k]! }));
  return { accounts, attributes, names, warnings };
}

/** Keys on more than one row (in order of first appearance), and how many rows repeat one. */
function repeatedKeys(rows: SideTable['rows']): { keys: string[]; rows: number } {
  const count = new Map<string, number>();
  for (const r of rows) if (r.key !== null) count.set(r.key, (count.get(r.key) ?? 0) + 1);
  const keys = [...count].filter(([, n]) => n > 1).map(([k]) => k);
  return { keys, rows: keys.reduce((s, k) => s + count.get(k)! - 1, 0) };
}

/** The analysis with display names from the customers file where the transactions have none. */
export function withDisplayNames(analysis: Analysis, names: ReadonlyMap<string, string>): Analysis {
  if (names.size === 0) return analysis;
  return mapCustomers(analysis, { name: (key, name) => (name === key && names.has(key) ? names.get(key)! : name) });
}
