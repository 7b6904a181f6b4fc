/** Generated invoices with deals and prospects in each CRM's style, read in-process. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../src/gen/generate.js';
import { dealsExport, prospectsExport, type DealStyle } from '../../src/gen/deals.js';
import { CUSTOMERS_HEADER, customerRow } from '../../src/gen/generate.js';

export interface CrmFiles {
  readonly dir: string;
  readonly invoices: string;
  readonly accounts: string;
  readonly prospects: string;
  readonly deals: Record<DealStyle, string>;
}

export async function writeCrmFiles(seed = 3, rows = 3000): Promise<CrmFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'segment-crm-'));
  const g = generate({ rows, seed, level: 'invoices' });
  const chunks: string[] = [`${g.header}\n`];
  await g.rows((c) => {
    chunks.push(c);
  });
  const invoices = join(dir, 'invoices.csv');
  writeFileSync(invoices, chunks.join(''));
  const accounts = join(dir, 'accounts.csv');
  writeFileSync(accounts, `${[CUSTOMERS_HEADER, ...g.customers.map(customerRow)].join('\n')}\n`);
  const prospects = join(dir, 'prospects.csv');
  writeFileSync(prospects, prospectsExport(g, seed));
  const deals = {} as Record<DealStyle, string>;
  for (const style of ['hubspot', 'pipedrive', 'salesforce'] as const) {
    deals[style] = join(dir, `deals-${style}.csv`);
    writeFileSync(deals[style], dealsExport(g, { seed, style }));
  }
  return { dir, invoices, accounts, prospects, deals };
}
