/** The qualification audit by hand, and `segment audit --strict` end to end. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, unknownStages, type Requirement } from '../src/analysis/audit.js';
import type { Deal } from '../src/ingest/deals.js';
import { SCHEMAS } from '../src/schemas.js';
import { runCli } from './helpers/cli.js';

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
    const r = await runCli(['audit', file, '--require', 'organization - industry', '--strict', '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("segment audit: 2 of 3 deals at or past 'qualified' lack a required field (--strict)\n");
    const json = JSON.parse(r.stdout);
    expect(SCHEMAS.audit.safeParse(json).success).toBe(true);
    expect(json.deals.map((d: { line: number; stage: string }) => [d.line, d.stage])).toEqual([[3, 'Proposal Made'], [4, '(won)']]);
  });
  it('refuses an open stage it cannot place', async () => {
    const r = await runCli(['audit', file, '--require', 'Organization - Industry', '--stages', 'Qualified,Proposal Made', '--after-stage', 'Qualified']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/the open stage 'Lead In' \(1 deal\) is not in the --stages list; pass every open stage in pipeline order with --stages/);
  });
});
