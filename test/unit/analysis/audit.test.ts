/** The qualification audit by hand, and `segment audit --strict` end to end. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, suggestStages, unknownStages, type Requirement } from '../../../src/analysis/audit.js';
import type { Deal } from '../../../src/ingest/deals.js';
import { SCHEMAS } from '../../../src/schemas.js';
import { runInProcess } from '../../helpers/in-process.js';

function deal(line: number, over: Partial<Deal>): Deal {
  return { line, id: `d${line}`, company: `c${line}`, companyName: null, stage: null, outcome: 'open', created: null, closed: null, amount: null, channel: null, category: null, activities: null, owner: 'Ann', attributes: {}, ...over };
}

const industry: Requirement = { name: 'Industry', value: (d) => d.attributes.Industry ?? null };
const owner: Requirement = { name: 'owner', value: (d) => d.owner };

describe('audit', () => {
  const deals = [
    deal(2, { stage: 'Lead In', attributes: { Industry: null } }), // earlier: out of scope
    deal(3, { stage: 'Qualified', attributes: { Industry: null } }), // in scope, incomplete
    deal(4, { stage: 'Contract sent', attributes: { Industry: 'Retail' }, owner: null }), // in scope, no owner
    deal(5, { stage: 'Closed won', outcome: 'won', attributes: { Industry: ' ' } }), // won: in scope, blank
    deal(6, { stage: 'Closed lost', outcome: 'lost', attributes: { Industry: null } }), // lost: out of scope
    deal(7, { stage: 'Proposal', attributes: { Industry: 'Retail' } }), // complete
  ];
  it('checks open deals at or past the stage and won deals', () => {
    const a = audit(deals, [industry, owner], 'qualified', 1, undefined);
    expect(a.inScope).toBe(4);
    expect(a.outOfScope).toEqual({ lost: 1, earlier: 1 });
    expect(a.incomplete).toBe(3);
    expect(a.byField).toEqual([{ field: 'Industry', missing: 2 }, { field: 'owner', missing: 1 }]);
    expect(a.deals.map((d) => [d.line, d.missing])).toEqual([[3, ['Industry']], [4, ['owner']], [5, ['Industry']]]);
    expect(a.byOwner).toEqual([{ value: 'Ann', deals: 3, missing: 2 }, { value: '(no owner)', deals: 1, missing: 1 }]);
    expect(a.byStage.find((s) => s.value === 'Closed won')).toEqual({ value: 'Closed won', deals: 1, missing: 1 });
  });
  it('uses the given stage order', () => {
    const a = audit(deals, [industry], 'Proposal', 1, ['Qualified', 'Proposal', 'Contract sent']);
    // Lead In is not in the order: the caller refuses it first (unknownStages).
    expect(unknownStages(deals, ['Qualified', 'Proposal', 'Contract sent'])).toEqual([{ stage: 'Lead In', deals: 1 }]);
    expect(a.inScope).toBe(3);
  });
  it('has nothing to say about no deals', () => {
    const a = audit([], [industry], 'qualified', 1, undefined);
    expect([a.inScope, a.incomplete, a.deals.length]).toEqual([0, 0, 0]);
  });
});

describe('segment audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'segment-audit-'));
  const file = join(dir, 'deals.csv');
  writeFileSync(file, 'Deal - Title;Deal - Organization;Deal - Stage;Deal - Status;Deal - Owner;Organization - Industry\nA;Alfa ApS;Qualified;open;Ann;Retail\nB;Beta AB;Proposal Made;open;Bo;\nC;Gamma AS;Negotiations Started;won;Bo;\nD;Delta Oy;Lead In;open;Ann;\n');
  it('lists the incomplete deals and exits 3 with --strict', async () => {
    const r = await runInProcess(['audit', file, '--require', 'organization - industry', '--strict', '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("segment audit: 2 of 3 deals at or past 'qualified' lack a required field (--strict)\n");
    const json = JSON.parse(r.stdout);
    expect(SCHEMAS.audit.safeParse(json).success).toBe(true);
    expect(json.deals.map((d: { line: number; stage: string }) => [d.line, d.stage])).toEqual([[3, 'Proposal Made'], [4, '(won)']]);
  });
  it('refuses an open stage it cannot place', async () => {
    const r = await runInProcess(['audit', file, '--require', 'Organization - Industry', '--stages', 'Qualified,Proposal Made', '--after-stage', 'Qualified']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `segment audit: ${file}: the open stage 'Lead In' (1 deal) is not in the --stages list; pass every open stage in pipeline order and the qualification stage: --stages 'Qualified,Proposal Made,Lead In' --after-stage Qualified (check the order: the stages not in your list are at its end)\n`,
    );
  });
  it('exits 3 with --strict when a row could not be read: its deal was not checked', async () => {
    const bad = join(dir, 'bad-date.csv');
    writeFileSync(bad, 'Deal,Company,Stage,Create Date,Industry\nA,Alfa,Closed won,2024-01-05,Retail\nB,Beta,Closed won,2024-13-45,Retail\nC,Gamma,Closed won,2024-01-07,Retail\n');
    const r = await runInProcess(['audit', bad, '--require', 'Industry', '--strict', '--max-reject-rate', '50', '--format', 'csv']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('file,line,deal,company,stage,owner,missing\n');
    expect(r.stderr).toMatch(/: 1 row could not be read, so its deal is not checked \(--strict\); list them with --rejects FILE\n$/);
  });
});

describe('suggestStages', () => {
  const at = (line: number, stage: string, created: string | null): Deal => deal(line, { stage, created });
  it('gives the stages in pipeline order, not in the order they first appear', () => {
    // As in Maven's sales_pipeline.csv: Engaging appears first; Prospecting deals have no engage date.
    const deals = [at(2, 'Engaging', '2016-11-03'), at(3, 'Prospecting', null), at(4, 'Engaging', '2016-12-01'), deal(5, { stage: 'Won', outcome: 'won' })];
    expect(suggestStages(deals, undefined)).toEqual({ stages: ['Prospecting', 'Engaging'], afterStage: 'Engaging' });
  });
  it('places a stage the vocabulary does not know by the age of its deals', () => {
    // Lead In (new) and Contract sent (negotiation) are known; Demo's deals are older than Lead In's, newer than Contract sent's.
    const deals = [at(2, 'Contract sent', '2024-01-10'), at(3, 'Demo', '2024-03-01'), at(4, 'Lead In', '2024-05-01'), at(5, 'Demo', '2024-02-01'), at(6, 'Pilot', '2023-12-01')];
    expect(suggestStages(deals, undefined)).toEqual({ stages: ['Lead In', 'Demo', 'Contract sent', 'Pilot'], afterStage: 'Demo' });
  });
  it('keeps the given order and adds the missing stages at its end', () => {
    expect(suggestStages([at(2, 'B', null), at(3, 'Z', null), at(4, 'A', null)], ['B', 'A']).stages).toEqual(['B', 'A', 'Z']);
  });
});

describe('segment audit on a real export (Maven CRM Sales Opportunities)', () => {
  // fixtures/crm/maven-sales-pipeline.csv: the first 66 and the last 10 deals of sales_pipeline.csv (see
  // fixtures/crm/SOURCES.md). Open: 7 Engaging (5 with no account, lines 11, 44, 46, 58, 62) and 10
  // Prospecting (no dates; 8 with no account); 47 won, 12 lost.
  // Engaging appears first in the file, but Prospecting comes first in the pipeline.
  const file = 'fixtures/crm/maven-sales-pipeline.csv';
  it('names the fix for its unknown stage, in pipeline order and with --after-stage', async () => {
    const r = await runInProcess(['audit', file, '--require', 'account']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `segment audit: ${file}: the open stage 'Engaging' (7 deals) is not in the default stage vocabulary; pass every open stage in pipeline order and the qualification stage: --stages Prospecting,Engaging --after-stage Engaging (check the order: stages the vocabulary does not know are placed by the age of their deals)\n`,
    );
  });
  it('counts the deals without an account as missing it, and --strict exits 3', async () => {
    const r = await runInProcess(['audit', file, '--require', 'account', '--stages', 'Prospecting,Engaging', '--after-stage', 'Engaging', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(SCHEMAS.audit.safeParse(json).success).toBe(true);
    expect(json.rows).toEqual({ read: 76, used: 76, rejected: 0 });
    expect([json.in_scope, json.incomplete, json.out_of_scope]).toEqual([54, 5, { lost: 12, earlier: 10 }]);
    expect(json.by_field).toEqual([{ field: 'account', missing: 5 }]);
    expect(json.deals.map((d: { line: number; deal: string; company: string; missing: string[] }) => [d.line, d.deal, d.company, d.missing])).toEqual([
      [11, 'HAXMC4IX', '', ['account']],
      [44, 'EG7OFLFR', '', ['account']],
      [46, 'OLVI7L8M', '', ['account']],
      [58, 'F5U1ACDD', '', ['account']],
      [62, 'ZZY4516R', '', ['account']],
    ]);
    // sales_agent is the deal's owner, not a portrait column.
    expect(json.by_owner.find((o: { owner: string }) => o.owner === 'Kami Bicknell')).toEqual({ owner: 'Kami Bicknell', deals: 4, missing: 2 });
    const strict = await runInProcess(['audit', file, '--require', 'account', '--stages', 'Prospecting,Engaging', '--after-stage', 'Engaging', '--strict', '--format', 'csv']);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toBe("segment audit: 5 of 54 deals at or past 'Engaging' lack a required field (--strict)\n");
    expect(strict.stdout.trim().split('\n')).toHaveLength(6);
  });
});
