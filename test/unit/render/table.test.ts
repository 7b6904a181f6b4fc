/**
 * Every command's table output, piped (no terminal, so no width to ask for), fits 80 columns
 * (issue 24: score's reasons and inspect reached 105-106 in a pipe).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/in-process.js';
import { writeCrmFiles, type CrmFiles } from '../../helpers/crm.js';

const WIDTH = 80;

let crm: CrmFiles;
let profile: string;
beforeAll(async () => {
  crm = await writeCrmFiles(5, 1500);
  profile = join(crm.dir, 'report.json');
  const r = await runInProcess(['report', crm.invoices, '--customers', crm.accounts, '--json', '--output', profile, '-q']);
  if (r.code !== 0) throw new Error(r.stderr);
}, 60_000);

/** The command lines, each with its table (the default, or asked for); `crm` is ready when they run. */
const RUNS: [string, () => string[]][] = [
  ['inspect', () => ['inspect', crm.invoices]],
  ['inspect, a Danish bank statement', () => ['inspect', 'fixtures/danske-kontoudtog.csv']],
  ...['abc', 'xyz', 'abcxyz', 'rfm', 'pareto'].map((c): [string, () => string[]] => [c, () => [c, crm.invoices]]),
  ['changes', () => ['changes', 'fixtures/changes-shop.csv', '--from', '2024-06-30']],
  ['cohorts', () => ['cohorts', crm.invoices]],
  ['clv', () => ['clv', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week', '--quiet']],
  ['audit', () => ['audit', crm.deals.hubspot, '--require', 'Industry', '--top', '40']],
  ['journey', () => ['journey', crm.deals.pipedrive, '--sales', crm.invoices]],
  ['score', () => ['score', crm.prospects, '--profile', profile]],
];

describe('piped tables', () => {
  it.each(RUNS)(`%s fits ${WIDTH} columns`, async (_name, args) => {
    const r = await runInProcess(args());
    expect(r.code, r.stderr).toBe(0);
    const wide = r.stdout.split('\n').filter((l) => [...l].length > WIDTH);
    expect(wide.map((l) => `${[...l].length}: ${l}`)).toEqual([]);
  });
});
