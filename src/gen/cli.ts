/**
 * npm run gen -- --rows N --seed S --out FILE [--customers-out FILE] [--picks-out FILE]
 *               [--customers N] [--start YYYY-MM] [--months N] [--level lines|invoices|retail] [--payments]
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { CUSTOMERS_HEADER, customerRow, generate, staffPicks } from './generate.js';
import { DEAL_STYLES, dealsExport, prospectsExport, type DealStyle } from './deals.js';

const HELP = `Examples:
  npm run gen -- --rows 100000 --seed 1 --out data/sales.csv
  npm run gen -- --rows 2000 --seed 7 --level invoices --payments --out invoices.csv \\
                 --customers-out accounts.csv --picks-out picks.csv

Writes realistic multi-year B2B transactions, the same bytes for the same options.
  --rows N            rows to write (line items, or invoices with --level invoices)
  --seed S            random seed (default 1)
  --out FILE          the transactions (default: stdout)
  --customers N       number of customers (default: rows / 50 for lines, rows / 10 for invoices)
  --start YYYY-MM     first month (default 2022-01)
  --months N          months covered (default 36)
  --level L           lines (order_id, customer_id, order_date, quantity, unit_price, margin)
                      or invoices (invoice_no, customer_id, invoice_date, amount, margin)
                      or retail (InvoiceNo, CustomerID, InvoiceDate, Quantity, UnitPrice, Country)
  --payments          add due_date and paid_date (30 days' terms; some customers pay late)
  --customers-out F   also write the customers (firmographics) as a CRM accounts export
  --picks-out F       also write the staff's picks of their best customers
  --deals-out F       also write a CRM deals export consistent with the invoices
  --deals-style S     hubspot (default), pipedrive (; and decimal comma) or salesforce
  --prospects-out F   also write a prospects (leads) file with the customers' attribute columns
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      customers: { type: 'string' },
      start: { type: 'string' },
      months: { type: 'string' },
      level: { type: 'string', default: 'lines' },
      payments: { type: 'boolean', default: false },
      'customers-out': { type: 'string' },
      'picks-out': { type: 'string' },
      'deals-out': { type: 'string' },
      'deals-style': { type: 'string', default: 'hubspot' },
      'prospects-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || values.rows === undefined) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const int = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`--${name} takes a whole number, not '${v}'`);
    return Number(v);
  };
  if (values.level !== 'lines' && values.level !== 'invoices' && values.level !== 'retail') throw new Error(`--level is lines, invoices or retail, not '${values.level}'`);
  const g = generate({
    rows: int('rows', values.rows)!,
    seed: int('seed', values.seed)!,
    level: values.level,
    payments: values.payments,
    ...(values.customers !== undefined ? { customers: int('customers', values.customers)! } : {}),
    ...(values.start !== undefined ? { start: values.start } : {}),
    ...(values.months !== undefined ? { months: int('months', values.months)! } : {}),
  });
  const out = values.out ? createWriteStream(values.out) : process.stdout;
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(`${g.header}\n`);
  await g.rows(write);
  if (values.out) {
    out.end();
    await once(out, 'finish');
  }
  if (values['customers-out']) {
    await writeFile(values['customers-out'], `${[CUSTOMERS_HEADER, ...g.customers.map(customerRow)].join('\n')}\n`);
  }
  const style = values['deals-style'] as DealStyle;
  if (!DEAL_STYLES.includes(style)) throw new Error(`--deals-style is ${DEAL_STYLES.join(', ')}, not '${style}'`);
  if (values['deals-out']) {
    const seed = int('seed', values.seed)!;
    await writeFile(values['deals-out'], dealsExport(g, { seed, style, ...(values.start !== undefined ? { start: values.start } : {}), ...(values.months !== undefined ? { months: int('months', values.months)! } : {}) }));
  }
  if (values['prospects-out']) await writeFile(values['prospects-out'], prospectsExport(g, int('seed', values.seed)!));
  if (values['picks-out']) {
    await writeFile(values['picks-out'], `${staffPicks(g, int('seed', values.seed)!).join('\n')}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`segment gen: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
