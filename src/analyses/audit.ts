/**
 * The qualification audit: the deals at or past the qualification stage (open deals at that stage
 * or later, and won deals) with a required portrait field empty. What a CRM admin checks before
 * making those fields mandatory. Lost deals are out of scope: nobody fills them in any more.
 */
import type { Deal } from '../sources/files/deals.js';
import { outcomeOf, stageStep } from '../sources/files/deal-fields.js';

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

/**
 * The open stages in the order a `--stages` suggestion gives them, with the `--after-stage` to go
 * with it. Stages the default vocabulary knows keep its order (new, qualified, proposal,
 * negotiation). Each other stage is placed by the age of its deals: a deal at a later stage has
 * been in the pipeline longer, so it goes before the first known stage whose deals' median
 * created date is older than its own; a stage none of whose deals has a created date goes first
 * (nothing has happened yet). `given` (the user's --stages) keeps its order, the missing stages
 * after it. The suggested qualification stage is the first one past the vocabulary's `new` step.
 * This only suggests: the caller says to check the order, and nothing is decided from it.
 */
export function suggestStages(deals: readonly Deal[], given: readonly string[] | undefined): { stages: string[]; afterStage: string } {
  const created = new Map<string, string[]>();
  for (const d of deals) {
    if (d.outcome !== 'open' || d.stage === null) continue;
    const list = created.get(d.stage) ?? [];
    if (d.created !== null) list.push(d.created);
    created.set(d.stage, list);
  }
  const medianOf = (stage: string): string | null => {
    const xs = [...(created.get(stage) ?? [])].sort();
    return xs.length === 0 ? null : xs[Math.floor((xs.length - 1) / 2)]!;
  };
  const all = [...created.keys()];
  let stages: string[];
  if (given) {
    const known = new Set(given.map((s) => s.trim().toLowerCase()));
    stages = [...given, ...all.filter((s) => !known.has(s.trim().toLowerCase())).sort()];
  } else {
    stages = all.filter((s) => stageStep(s, undefined) >= 0).sort((a, b) => stageStep(a, undefined) - stageStep(b, undefined) || (a < b ? -1 : 1));
    const unknown = all.filter((s) => stageStep(s, undefined) < 0).sort((a, b) => {
      const [ma, mb] = [medianOf(a), medianOf(b)];
      if (ma === null || mb === null) return ma === mb ? (a < b ? -1 : 1) : ma === null ? -1 : 1;
      return ma === mb ? (a < b ? -1 : 1) : ma > mb ? -1 : 1;
    });
    let undated = 0;
    for (const u of unknown) {
      const m = medianOf(u);
      const at = m === null ? undated++ : stages.findIndex((k) => stageStep(k, undefined) >= 0 && medianOf(k) !== null && medianOf(k)! < m);
      stages.splice(at < 0 ? stages.length : at, 0, u);
    }
  }
  const pastNew = stages.find((s) => stageStep(s, undefined) !== 0);
  return { stages, afterStage: pastNew ?? stages[stages.length - 1] ?? 'qualified' };
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
