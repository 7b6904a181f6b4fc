/**
 * The qualification audit: the deals at or past the qualification stage (open deals at that stage
 * or later, and won deals) with a required portrait field empty. What a CRM admin checks before
 * making those fields mandatory. Lost deals are out of scope: nobody fills them in any more.
 */
import type { Deal } from '../ingest/deals.js';
import { outcomeOf, stageStep } from '../ingest/deal-fields.js';

/** A required field: a deal field (owner, amount, …) or a portrait column, and how to read it. */
export interface Requirement {
  readonly name: string;
  readonly value: (d: Deal) => string | number | null;
}

export interface AuditedDeal {
  readonly line: number;
  readonly id: string | null;
  readonly company: string;
  readonly stage: string;
  readonly owner: string | null;
  readonly missing: readonly string[];
}

export interface AuditCount {
  readonly value: string;
  /** Deals in scope with this value. */
  readonly deals: number;
  /** Of them, deals with a required field empty. */
  readonly missing: number;
}

export interface Audit {
  readonly required: readonly string[];
  readonly afterStage: string;
  /** Deals at or past the stage, and won deals. */
  readonly inScope: number;
  readonly outOfScope: { readonly lost: number; readonly earlier: number };
  readonly incomplete: number;
  readonly byField: readonly { readonly field: string; readonly missing: number }[];
  readonly byOwner: readonly AuditCount[];
  readonly byStage: readonly AuditCount[];
  readonly deals: readonly AuditedDeal[];
}

export const NO_OWNER = '(no owner)';
export const WON_STAGE = '(won)';

/** Open stages not in the stage order, with their number of deals: the caller refuses to guess. */
export function unknownStages(deals: readonly Deal[], order: readonly string[] | undefined): { stage: string; deals: number }[] {
  const counts = new Map<string, number>();
  for (const d of deals) {
    if (d.outcome !== 'open' || d.stage === null || stageStep(d.stage, order) >= 0) continue;
    counts.set(d.stage, (counts.get(d.stage) ?? 0) + 1);
  }
  return [...counts].map(([stage, n]) => ({ stage, deals: n })).sort((a, b) => b.deals - a.deals || (a.stage < b.stage ? -1 : 1));
}

function counted(items: readonly { key: string; missing: boolean }[]): AuditCount[] {
  const m = new Map<string, { deals: number; missing: number }>();
  for (const i of items) {
    const e = m.get(i.key) ?? { deals: 0, missing: 0 };
    e.deals++;
    if (i.missing) e.missing++;
    m.set(i.key, e);
  }
  return [...m].map(([value, e]) => ({ value, ...e })).sort((a, b) => b.missing - a.missing || b.deals - a.deals || (a.value < b.value ? -1 : 1));
}

/**
 * Audits the deals. `afterStep` is the step of the qualification stage in `order` (or in the
 * default vocabulary); an open deal without a stage is out of scope (it cannot be placed).
 */
export function audit(deals: readonly Deal[], required: readonly Requirement[], afterStage: string, afterStep: number, order: readonly string[] | undefined): Audit {
  let lost = 0;
  let earlier = 0;
  const scope: Deal[] = [];
  for (const d of deals) {
    if (d.outcome === 'lost') lost++;
    else if (d.outcome === 'won' || (d.stage !== null && stageStep(d.stage, order) >= afterStep)) scope.push(d);
    else earlier++;
  }
  const empty = (v: string | number | null): boolean => v === null || (typeof v === 'string' && v.trim() === '');
  const audited = scope.map((d) => ({ deal: d, missing: required.filter((r) => empty(r.value(d))).map((r) => r.name) }));
  // A won deal is listed as won; Pipedrive keeps the stage it was won in, which is not where it is.
  const stageOf = (d: Deal): string => (d.outcome !== 'won' ? d.stage! : d.stage !== null && outcomeOf(d.stage) === 'won' ? d.stage : WON_STAGE);
  const incomplete = audited.filter((a) => a.missing.length > 0);
  return {
    required: required.map((r) => r.name),
    afterStage,
    inScope: scope.length,
    outOfScope: { lost, earlier },
    incomplete: incomplete.length,
    byField: required.map((r) => ({ field: r.name, missing: audited.filter((a) => a.missing.includes(r.name)).length })),
    byOwner: counted(audited.map((a) => ({ key: a.deal.owner ?? NO_OWNER, missing: a.missing.length > 0 }))),
    byStage: counted(audited.map((a) => ({ key: stageOf(a.deal), missing: a.missing.length > 0 }))),
    deals: incomplete.map((a) => ({
      line: a.deal.line,
      id: a.deal.id,
      company: a.deal.companyName ?? a.deal.company ?? '',
      stage: stageOf(a.deal),
      owner: a.deal.owner,
      missing: a.missing,
    })),
  };
}
