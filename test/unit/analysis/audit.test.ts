/**
 * src/analysis/audit.ts in-process: the scope of the qualification audit, the counts by field,
 * owner and stage, and the stage suggestions, each counted by hand from the deals written below.
 */
import { describe, expect, it } from 'vitest';
import { audit, NO_OWNER, suggestStages, unknownStages, WON_STAGE, type Requirement } from '../../../src/analysis/audit.js';
import type { Deal } from '../../../src/ingest/deals.js';

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
