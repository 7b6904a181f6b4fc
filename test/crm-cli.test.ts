/** The CRM commands end to end: report --deals, journey's CSV, and a deals file it cannot read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS } from '../src/schemas.js';
import { runCli } from './helpers/cli.js';
import { writeCrmFiles, type CrmFiles } from './crm-helpers.js';

describe('CRM commands', () => {
  let files: CrmFiles;
  beforeAll(async () => {
    files = await writeCrmFiles(5, 2000);
  });
  afterAll(() => rmSync(files.dir, { recursive: true, force: true }));

  it('report --deals adds the journey to the JSON and the Markdown', async () => {
    const json = await runCli(['report', files.invoices, '--customers', files.accounts, '--deals', files.deals.pipedrive, '--json', '-q']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(SCHEMAS.report.safeParse(doc).success).toBe(true);
    expect(doc.journey.channels.find((c: { channel: string }) => c.channel === 'Referral').significant).toBe(true);
    const md = await runCli(['report', files.invoices, '--deals', files.deals.hubspot, '-q']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\n## How they found us and how long it took\n\n[^\n]+\n\n\*\*The ideal customers come through Referral/);
    expect(md.stdout.indexOf('## How they found us')).toBeLessThan(md.stdout.indexOf('Method\n'));
  });

  it('journey writes one CSV table of channels and groups', async () => {
    const r = await runCli(['journey', files.deals.salesforce, '--sales', files.invoices, '--format', 'csv', '--group', 'Market']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('dimension,value,deals,won,lost,open,win_rate,days_to_won_median,days_to_won_q1,days_to_won_q3,activities_to_won_median,won_customers,ideal_customers,ideal_share,lift,p,significant');
    expect(lines.find((l) => l.startsWith('channel,Referral,'))).toMatch(/,true$/);
    expect(lines.some((l) => l.startsWith('group,B2B,'))).toBe(true);
  });

  it('refuses a deals file without a stage, saying how to name it', async () => {
    const bad = join(files.dir, 'no-stage.csv');
    writeFileSync(bad, 'Associated Company ID,Amount\n100001,10\n');
    const r = await runCli(['journey', bad, '--sales', files.invoices]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`segment journey: deals ${bad}: no stage or won/lost column found (columns are 'Associated Company ID', 'Amount'); name it in a map file: {"columns": {"stage": "…"}}\n`);
  });
});
