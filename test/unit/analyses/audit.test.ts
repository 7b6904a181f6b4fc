/** The qualification audit by hand, and `segment audit --strict` end to end. */
/**
 * src/analyses/audit.ts in-process: the scope of the qualification audit, the counts by field,
 * owner and stage, and the stage suggestions, each counted by hand from the deals written below.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, suggestStages, unknownStages, type Requirement, NO_OWNER, WON_STAGE } from '../../../src/analyses/audit.js';
import type { Deal } from '../../../src/sources/files/deals.js';
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

describe('each rule by hand', () => {
const deal = (line: number, over: Partial<Deal> = {}): Deal => ({
  line, id: `D${line}`, company: null, companyName: null, stage: null, outcome: 'open', created: null, closed: null, amount: null,
  channel: null, category: null, activities: null, owner: null, attributes: {}, ...over,
});

const at = (line: number, stage: string, created: string | null, over: Partial<Deal> = {}): Deal => deal(line, { stage, created, ...over });

describe('unknownStages', () => {
  it('counts the open stages outside the order, most deals first, then by name; won, lost and unstaged deals aside', () => {
    const deals = [
      at(2, 'Pilot', null), at(3, 'Demo', null), at(4, 'Pilot', null), at(5, 'Alpha', null), at(6, 'Qualified', null),
      at(7, 'Mystery', null, { outcome: 'won' }), at(8, 'Mystery', null, { outcome: 'lost' }), deal(9),
    ];
    expect(unknownStages(deals, undefined)).toEqual([
      { stage: 'Pilot', deals: 2 },
      { stage: 'Alpha', deals: 1 },
      { stage: 'Demo', deals: 1 },
    ]);
    // Against a given order, matched without case or spaces.
    expect(unknownStages(deals, [' pilot', 'DEMO '])).toEqual([
      { stage: 'Alpha', deals: 1 },
      { stage: 'Qualified', deals: 1 },
    ]);
    expect(unknownStages(deals, ['Pilot', 'Demo', 'Alpha', 'Qualified'])).toEqual([]);
  });
});

describe('suggestStages', () => {
  it('known stages in the vocabulary\'s order, then by name within a step', () => {
    const deals = [at(2, 'Proposal', null), at(3, 'Needs analysis', null), at(4, 'Qualified', null), at(5, 'New', null), at(6, 'Negotiation', null)];
    expect(suggestStages(deals, undefined)).toEqual({ stages: ['New', 'Needs analysis', 'Qualified', 'Proposal', 'Negotiation'], afterStage: 'Needs analysis' });    // Two stages of one step by name, in either order of the deals.
    const [qa, na] = [at(2, 'Qualified', null), at(3, 'Needs analysis', null)];
    expect(suggestStages([qa, na], undefined).stages).toEqual(['Needs analysis', 'Qualified']);
    expect(suggestStages([na, qa], undefined).stages).toEqual(['Needs analysis', 'Qualified']);
  });

  it('places an unknown stage before the first known stage whose deals are older (by the lower median created date)', () => {
    // Medians: New 2024-06-01; Qualified [2024-01-01, 2024-03-01] → the lower, 2024-01-01; Proposal 2023-12-01.
    // Demo [2024-02-01, 2024-02-03, 2024-02-05] → 2024-02-03: before Qualified. Pilot 2023-01-01: older than all, last.
    const deals = [
      at(2, 'Qualified', '2024-03-01'), at(3, 'New', '2024-06-01'), at(4, 'Proposal', '2023-12-01'), at(5, 'Qualified', '2024-01-01'),
      at(6, 'Demo', '2024-02-05'), at(7, 'Demo', '2024-02-01'), at(8, 'Demo', '2024-02-03'), at(9, 'Pilot', '2023-01-01'),
      at(10, 'Pilot', null, { outcome: 'won', created: '2030-01-01' }),
      // Won and lost deals are no open stage.
      at(11, 'Closed Won', '2024-01-01', { outcome: 'won' }),
      at(12, 'Dead', '2024-01-01', { outcome: 'lost' }),
    ];
    expect(suggestStages(deals, undefined)).toEqual({ stages: ['New', 'Demo', 'Qualified', 'Proposal', 'Pilot'], afterStage: 'Demo' });
  });

  it('orders the unknown stages the same way whatever the order of the deals', () => {
    // Undated Beta and Zeta first, by name; then newest first: Trial (05-01), Alpha and Scoping (04-01, by name);
    // all newer than New (03-01). Every order of the six stages' deals gives the same list.
    const deals = [at(2, 'New', '2024-03-01'), at(3, 'Zeta', null), at(4, 'Beta', null), at(5, 'Scoping', '2024-04-01'), at(6, 'Trial', '2024-05-01'), at(7, 'Alpha', '2024-04-01')];
    const permutations = (xs: Deal[]): Deal[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
    const seen = new Set(permutations(deals).map((p) => suggestStages(p, undefined).stages.join(',')));
    expect([...seen]).toEqual(['Beta,Zeta,Trial,Alpha,Scoping,New']);
  });

  it('an unknown stage whose deals are as old as a known stage\'s goes after it', () => {
    expect(suggestStages([at(2, 'New', '2024-03-01'), at(3, 'Demo', '2024-03-01')], undefined).stages).toEqual(['New', 'Demo']);
  });

  it('puts unknown stages without a created date first, by name, and the dated ones newest first', () => {
    // Trial and Scoping (2024-05-01, 2024-04-01) are both newer than New's 2024-03-01: before it, newest first.
    const deals = [
      at(2, 'New', '2024-03-01'), at(3, 'Zeta', null), at(4, 'Beta', null), at(5, 'Scoping', '2024-04-01'), at(6, 'Trial', '2024-05-01'),
    ];
    expect(suggestStages(deals, undefined).stages).toEqual(['Beta', 'Zeta', 'Trial', 'Scoping', 'New']);
    // Two unknown stages with the same median: by name.
    expect(suggestStages([at(2, 'Qualified', '2020-01-01'), at(3, 'Yak', '2024-01-01'), at(4, 'Ant', '2024-01-01')], undefined).stages).toEqual(['Ant', 'Yak', 'Qualified']);
    // A known stage without dates is never the one to go before.
    expect(suggestStages([at(2, 'Qualified', null), at(3, 'Proposal', '2020-01-01'), at(4, 'Demo', '2024-01-01')], undefined).stages).toEqual(['Qualified', 'Demo', 'Proposal']);
  });

  it('keeps the given order, then the other stages by name; the qualification stage is the first that is not a "new" word', () => {
    const deals = [at(2, 'B', null), at(3, 'Z', null), at(4, 'a', null), at(5, ' y ', null), at(6, 'C', null)];
    expect(suggestStages(deals, ['B', ' A', 'Y'])).toEqual({ stages: ['B', ' A', 'Y', 'C', 'Z'], afterStage: 'B' });
    expect(suggestStages([at(2, 'Pitch', null)], ['Lead', 'Prospecting', 'Pitch']).afterStage).toBe('Pitch');
    // Only "new" stages: the last one; none at all: qualified.
    expect(suggestStages([at(2, 'Lead', null)], ['New', 'Lead'])).toEqual({ stages: ['New', 'Lead'], afterStage: 'Lead' });
    expect(suggestStages([], undefined)).toEqual({ stages: [], afterStage: 'qualified' });
  });
});

describe('audit', () => {
  const order = ['Lead', 'Qualified', 'Proposal'];
  const required: Requirement[] = [
    { name: 'owner', value: (d) => d.owner },
    { name: 'Industry', value: (d) => d.attributes.Industry ?? null },
    { name: 'amount', value: (d) => d.amount },
  ];
  const full = { owner: 'Ann', attributes: { Industry: 'Retail' }, amount: 10 };
  const deals = [
    // In scope: at or past Qualified (step 1), or won.
    at(2, 'Qualified', null, { ...full, company: 'k2', companyName: 'Two' }),
    at(3, 'Proposal', null, { ...full, owner: null, company: 'k3' }),
    at(4, 'qualified ', null, { ...full, attributes: { Industry: '  ' }, amount: 0 }),
    at(5, 'Proposal', null, { ...full, owner: 'Bob', amount: null, attributes: {} }),
    // Won: Pipedrive keeps the stage it was won in (Proposal): listed as won; a won stage name is kept.
    at(6, 'Proposal', null, { ...full, outcome: 'won', owner: 'Bob', companyName: 'Six' }),
    at(7, 'Closed Won', null, { ...full, outcome: 'won', amount: null }),
    deal(8, { ...full, outcome: 'won', owner: 'Bob' }),
    // Out of scope.
    at(9, 'Lead', null, { outcome: 'open' }),
    deal(10, { outcome: 'open' }),
    at(11, 'Proposal', null, { outcome: 'lost' }),
    at(12, 'Elsewhere', null, { outcome: 'open' }),
  ];
  const run = () => audit(deals, required, 'Qualified', 1, order);

  it('takes open deals at or past the stage and won deals; lost and earlier ones are counted out', () => {
    const a = run();
    expect(a.required).toEqual(['owner', 'Industry', 'amount']);
    expect(a.afterStage).toBe('Qualified');
    expect(a.inScope).toBe(7);
    expect(a.outOfScope).toEqual({ lost: 1, earlier: 3 });
  });

  it('an empty or blank value is missing; zero is not', () => {
    const a = run();
    expect(a.incomplete).toBe(4);
    expect(a.byField).toEqual([
      { field: 'owner', missing: 1 },
      { field: 'Industry', missing: 2 },
      { field: 'amount', missing: 2 },
    ]);
    expect(a.deals).toEqual([
      { line: 3, id: 'D3', company: 'k3', stage: 'Proposal', owner: null, missing: ['owner'] },
      { line: 4, id: 'D4', company: '', stage: 'qualified ', owner: 'Ann', missing: ['Industry'] },
      { line: 5, id: 'D5', company: '', stage: 'Proposal', owner: 'Bob', missing: ['Industry', 'amount'] },
      { line: 7, id: 'D7', company: '', stage: 'Closed Won', owner: 'Ann', missing: ['amount'] },
    ]);
  });

  it('counts by owner and by stage, most missing first, then most deals, then by name', () => {
    const a = run();
    // Owners: Ann has deals 2, 4, 7 (missing 4, 7); Bob 5, 6, 8 (missing 5); no owner: 3 (missing).
    expect(a.byOwner).toEqual([
      { value: 'Ann', deals: 3, missing: 2 },
      { value: 'Bob', deals: 3, missing: 1 },
      { value: NO_OWNER, deals: 1, missing: 1 },
    ]);
    // Stages: Proposal 3, 5 (both missing); Closed Won 7 (missing); qualified  4 (missing); Qualified 2; (won) 6, 8.
    expect(a.byStage).toEqual([
      { value: 'Proposal', deals: 2, missing: 2 },
      { value: 'Closed Won', deals: 1, missing: 1 },
      { value: 'qualified ', deals: 1, missing: 1 },
      { value: WON_STAGE, deals: 2, missing: 0 },
      { value: 'Qualified', deals: 1, missing: 0 },
    ]);
  });

  it('equal counts go by name', () => {
    const b = audit([at(2, 'Qualified', null, { owner: 'Amy' }), at(3, 'Proposal', null, { owner: 'Zed' })], required, 'Qualified', 1, order);
    expect(b.byOwner.map((o) => o.value)).toEqual(['Amy', 'Zed']);
    expect(b.byStage.map((o) => o.value)).toEqual(['Proposal', 'Qualified']);
  });

  it('takes the company name before the key', () => {
    const b = audit([at(2, 'Qualified', null, { company: 'k', companyName: 'Name' }), at(3, 'Qualified', null, { company: 'k' })], required, 'Qualified', 1, order);
    expect(b.deals.map((d) => d.company)).toEqual(['Name', 'k']);
  });

  it('with the default vocabulary, steps are the vocabulary\'s', () => {
    const b = audit([at(2, 'Negotiation', null), at(3, 'New', null), at(4, 'Needs analysis', null)], [], 'qualified', 1, undefined);
    expect(b.inScope).toBe(2);
    expect(b.outOfScope).toEqual({ lost: 0, earlier: 1 });
    expect(b.incomplete).toBe(0);
    expect(b.deals).toEqual([]);
    expect(b.byStage.map((s) => s.value)).toEqual(['Needs analysis', 'Negotiation']);
  });
});
});
