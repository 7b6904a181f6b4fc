/**
 * `--customers FILE`: reads a CRM customers export and joins it on the customer key (the join
 * itself is analysis/customers-join.ts). Shared by the report, the analysis commands and `customers`.
 */
import type { Analysis } from '../analysis/analysis.js';
import { joinCustomers, withDisplayNames, type CustomersJoin } from '../analysis/customers-join.js';

import type { Engine } from '../engine/engine.js';

import { TempDir } from '../tempdir.js';

export type { CustomersJoin };
export { withDisplayNames };

/** Reads the customers file and matches it to the analysis's customers. */
export async function joinCustomersFile(file: string, engine: Engine, analysis: Analysis, tempDir?: string): Promise<CustomersJoin> {
  const { readCustomersTable } = await import('../ingest/table.js');
  const temp = new TempDir(tempDir);
  try {
    return joinCustomers(await readCustomersTable(file, engine, temp), analysis);
  } finally {
    temp.remove();
  }
}
