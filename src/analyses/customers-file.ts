/**
 * `--customers FILE`: reads a CRM customers export and joins it on the customer key (the join
 * itself is analyses/customers-join.ts). Shared by the report, the analysis commands and `customers`.
 */
import type { Analysis } from './analysis.js';
import { customerKeys } from './customer-table.js';
import { joinCustomers, withDisplayNames, type CustomersJoin } from './customers-join.js';

import type { Engine } from '../engine/engine.js';
import type { ReadResult } from '../ingest/read-result.js';

import { TempDir } from '../kernel/tempdir.js';

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
 * values deciding among several (ingest/table.ts).
 */
export async function joinCustomersFile(file: string, engine: Engine, analysis: Analysis, options: { tempDir?: string | undefined; key?: string | undefined; read?: ReadResult | undefined } = {}): Promise<CustomersJoin> {
  const { readCustomersTable } = await import('../ingest/table.js');
  const temp = new TempDir(options.tempDir);
  try {
    const hint = { ...(options.key !== undefined ? { key: options.key } : {}), transactionColumns: customerColumns(options.read), customerKeys: new Set(customerKeys(analysis)) };
    return joinCustomers(await readCustomersTable(file, engine, temp, hint), analysis);
  } finally {
    temp.remove();
  }
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
export async function withCustomersFile(engine: Engine, analysis: Analysis, settings: { file: string; key?: string | undefined; tempDir?: string | undefined; read: ReadResult; pseudonymized: boolean }): Promise<NamedAnalysis> {
  const join = await joinCustomersFile(settings.file, engine, analysis, { tempDir: settings.tempDir, key: settings.key, read: settings.read });
  return { analysis: settings.pseudonymized ? analysis : withDisplayNames(analysis, join.names), join };
}
