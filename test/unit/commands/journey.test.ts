/** The CRM commands end to end: report --deals, journey's CSV, and a deals file it cannot read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS } from '../../../src/schemas.js';
import { runInProcess } from '../../helpers/in-process.js';
import { writeCrmFiles, type CrmFiles } from '../../helpers/crm.js';

describe('CRM commands', () => {
  let files: CrmFiles;
  beforeAll(async () => {
    files = await writeCrmFiles(5, 2000);
  });
  afterAll(() => rmSync(files.dir, { recursive: true, force: true }));

  it('report --deals adds the journey to the JSON and the Markdown', async () => {
    const json = await runInProcess(['report', files.invoices, '--customers', files.accounts, '--deals', files.deals.pipedrive, '--json', '-q']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(SCHEMAS.report.safeParse(doc).success).toBe(true);
    expect(doc.journey.channels.find((c: { channel: string }) => c.channel === 'Referral').significant).toBe(true);
    const md = await runInProcess(['report', files.invoices, '--deals', files.deals.hubspot, '-q']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\n## How they found us and how long it took\n\n[^\n]+\n\n\*\*The ideal customers come through Referral/);
    expect(md.stdout.indexOf('## How they found us')).toBeLessThan(md.stdout.indexOf('Method\n'));
  });

  it('journey writes one CSV table of channels and groups', async () => {
    const r = await runInProcess(['journey', files.deals.salesforce, '--sales', files.invoices, '--format', 'csv', '--group', 'Market']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('dimension,value,deals,won,lost,open,win_rate,days_to_won_median,days_to_won_q1,days_to_won_q3,activities_to_won_median,won_customers,ideal_customers,ideal_share,lift,p,significant');
    expect(lines.find((l) => l.startsWith('channel,Referral,'))).toMatch(/,true$/);
    expect(lines.some((l) => l.startsWith('group,B2B,'))).toBe(true);
  });

  it('journey takes one file as both the deals and the sales, and counts the deals without a company', async () => {
    // A real export (Maven's sales_pipeline.csv, 76 of its deals): 13 open deals have no account.
    // By hand (python csv): 43 accounts, 37 with a won deal; 55 deals belong to them; 47 won, 12 lost, 17 open.
    const file = 'fixtures/crm/maven-sales-pipeline.csv';
    const r = await runInProcess(['journey', file, '--sales', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${file} is both the deals and the sales file: its won deals are the sales, read with --customer 'account' --amount 'close_value' --date 'close_date' --stage 'deal_stage'\n`);
    const doc = JSON.parse(r.stdout);
    expect(SCHEMAS.journey.safeParse(doc).success).toBe(true);
    expect(doc.match).toEqual({ by: 'name', deals: 76, deals_matched: 55, companies: 43, companies_matched: 37, won_without_purchases: [], customers_without_deal: 0, deals_without_company: 13 });
    expect(doc.totals).toMatchObject({ deals: 76, won: 47, lost: 12, open: 17 });
    const md = await runInProcess(['journey', file, '--sales', file, '--format', 'md', '-q']);
    expect(md.stdout).toContain('13 deals have no company: counted in the outcomes, matched to no customer.');
  });

  it('refuses a deals file without a stage, saying how to name it', async () => {
    const bad = join(files.dir, 'no-stage.csv');
    writeFileSync(bad, 'Associated Company ID,Amount\n100001,10\n');
    const r = await runInProcess(['journey', bad, '--sales', files.invoices]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`segment journey: deals ${bad}: no stage or won/lost column found (columns are 'Associated Company ID', 'Amount'); name it in a map file: {"columns": {"stage": "…"}}\n`);
  });
});
