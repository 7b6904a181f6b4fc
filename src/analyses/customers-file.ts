/**
 * `--customers FILE`: reads a CRM customers export and joins it on the customer key (the join
 * itself is analyses/customers-join.ts). Shared by the report, the analysis commands and `customers`.
 */
import type { Analysis } from './analysis.js';
import { customerKeys } from './customer-table.js';
import { joinCustomers, withDisplayNames, type CustomersJoin } from './customers-join.js';

import type { ReadResult } from '../sources/files/read-result.js';
import type { EngineLimits } from '../sources/files/side-files.js';

export type { CustomersJoin };
export { withDisplayNames };

/** The transactions' customer columns by name (`household_id`): a customers-file column of that name is its key. */
export function customerColumns(read: ReadResult | undefined): string[] {
  const names = (read?.inputs ?? []).flatMap((i) => i.columns.filter((c) => c.role === 'field' && (c.field === 'customer' || c.field === 'customer_name' || c.field === 'counterparty')).map((c) => c.name));
  return [...new Set(names)];
}

/**
 * Reads the customers file and matches it to the analysis's customers: on the --customers-key
 * column, or one named like the transactions' customer column, or one the synonyms find, the
 * values deciding among several (sources/files/table.ts). The file is read by the side files' engine
 * (sources/files/side-files.ts), whatever the transactions' source.
 */
export async function joinCustomersFile(file: string, analysis: Analysis, options: { sideFiles?: EngineLimits | undefined; key?: string | undefined; read?: ReadResult | undefined } = {}): Promise<CustomersJoin> {
  const { readCustomersTable } = await import('../sources/files/table.js');
  const { withSideFiles } = await import('../sources/files/side-files.js');
  const hint = { ...(options.key !== undefined ? { key: options.key } : {}), transactionColumns: customerColumns(options.read), customerKeys: new Set(customerKeys(analysis)) };
  return joinCustomers(await withSideFiles(options.sideFiles ?? {}, (tables, temp) => readCustomersTable(file, tables, temp, hint)), analysis);
}

/** What --customers gives an analysis command: the join, its warnings, and the analysis with the CRM's names. */
export interface NamedAnalysis {
  readonly analysis: Analysis;
  readonly join: CustomersJoin;
}

/**
 * --customers on a command: reads and joins the file, and gives the customers the CRM's names where
 * the transactions have none; not under --pseudonymize, whose pseudonyms replace every name.
 */
export async function withCustomersFile(analysis: Analysis, settings: { file: string; key?: string | undefined; sideFiles?: EngineLimits | undefined; read: ReadResult; pseudonymized: boolean }): Promise<NamedAnalysis> {
  const join = await joinCustomersFile(settings.file, analysis, { sideFiles: settings.sideFiles, key: settings.key, read: settings.read });
  return { analysis: settings.pseudonymized ? analysis : withDisplayNames(analysis, join.names), join };
}
