/**
 * A CRM deals export and a prospects file consistent with the generated invoices, in the shape
 * of a HubSpot, Pipedrive (German locale: `;`, decimal comma, dd.mm.yyyy) or Salesforce (US:
 * mm/dd/yyyy) export. Every customer's first purchase follows a won deal; prospects that never
 * bought have lost and open deals.
 *
 * Planted facts, for tests to find: the `Referral` channel brings most of the ideal customers
 * (the top fifth by revenue), and `Machines` deals take about four times as long to win as
 * `Consumables` deals (median about 95 days against 21). Some portrait fields are left empty.
 */
import { rng, type Generated } from './generate.js';

export type DealStyle = 'hubspot' | 'pipedrive' | 'salesforce';
export const DEAL_STYLES: readonly DealStyle[] = ['hubspot', 'pipedrive', 'salesforce'];

export const PLANTED = { idealChannel: 'Referral', slowCategory: 'Machines', fastCategory: 'Consumables' } as const;

const CHANNELS = [
  ['Website', 35],
  ['Trade fair', 20],
  ['Cold call', 25],
  ['Paid search', 20],
] as const;
const CATEGORIES = [
  { name: 'Machines', weight: 30, days: 95, value: 4 },
  { name: 'Consumables', weight: 45, days: 21, value: 0.6 },
  { name: 'Service', weight: 25, days: 40, value: 1.2 },
] as const;
const OWNERS = ['Anna Berg', 'Bo Lund', 'Carla Holm', 'Dan Vik'];
type Step = 0 | 1 | 2 | 3;
const STAGES: Record<DealStyle, { open: readonly [string, string, string, string]; won: string; lost: string }> = {
  hubspot: { open: ['Appointment scheduled', 'Qualified to buy', 'Decision maker bought-in', 'Contract sent'], won: 'Closed won', lost: 'Closed lost' },
  pipedrive: { open: ['Lead In', 'Qualified', 'Proposal Made', 'Negotiations Started'], won: '', lost: '' },
  salesforce: { open: ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review'], won: 'Closed Won', lost: 'Closed Lost' },
};

const HEADERS: Record<DealStyle, string> = {
  hubspot: 'Record ID,Deal Name,Associated Company ID,Deal Stage,Pipeline,Create Date,Close Date,Amount,Original Source,Number of Sales Activities,Deal owner,Industry,Company size,Contact role,Market',
  pipedrive: 'Deal - ID;Deal - Title;Organization - ID;Deal - Stage;Deal - Status;Deal - Pipeline;Deal - Deal created;Deal - Won time;Deal - Value;Deal - Source channel;Deal - Total activities;Deal - Owner;Organization - Industry;Organization - Size;Person - Role;Organization - Market',
  salesforce: 'Opportunity ID,Opportunity Name,Account ID,Stage,Won,Product Family,Created Date,Close Date,Amount,Lead Source,Number of Activities,Opportunity Owner,Industry,Company Size,Contact Role,Market',
};

interface GenDeal {
  company: string;
  name: string;
  outcome: 'won' | 'lost' | 'open';
  step: Step;
  category: string;
  created: number;
  closed: number | null;
  amount: number;
  channel: string;
  activities: number;
  owner: string;
  industry: string;
  size: string;
  role: string;
  market: string;
}

const DAY = 86_400_000;

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function pick<T>(r: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

function dateText(day: number, style: DealStyle, r: () => number): string {
  const d = new Date(day * DAY);
  const [y, m, dd] = [d.getUTCFullYear(), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0')];
  if (style === 'hubspot') return `${y}-${m}-${dd} ${String(8 + Math.floor(r() * 9)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`;
  if (style === 'pipedrive') return `${dd}.${m}.${y}`;
  return `${m}/${dd}/${y}`;
}

function amountText(x: number, style: DealStyle): string {
  if (style !== 'pipedrive') return x.toFixed(2);
  const [whole, cents] = x.toFixed(2).split('.') as [string, string];
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
}

function csvCell(v: string, delimiter: string): string {
  return v.includes(delimiter) || v.includes('"') ? `"${v.replaceAll('"', '""')}"` : v;
}

export interface DealsOptions {
  readonly seed: number;
  readonly style: DealStyle;
  /** First month of the invoices, `YYYY-MM`. */
  readonly start?: string;
  readonly months?: number;
}

/** The ideal customers as the analysis will find them: the top fifth by revenue of the buyers. */
function idealSet(g: Generated): Set<number> {
  const buyers = g.customers.map((_, i) => i).filter((i) => g.totals.revenue[i]! > 0);
  buyers.sort((a, b) => g.totals.revenue[b]! - g.totals.revenue[a]! || a - b);
  return new Set(buyers.slice(0, Math.round(buyers.length * 0.2)));
}

function makeDeals(g: Generated, options: DealsOptions): GenDeal[] {
  const r = rng(options.seed * 104729 + 11);
  const [y0, m0] = (options.start ?? '2022-01').split('-').map(Number) as [number, number];
  const months = options.months ?? 36;
  const firstDay = Math.floor(Date.UTC(y0, m0 - 1, 1) / DAY);
  const lastDay = Math.floor(Date.UTC(y0, m0 - 1 + months, 1) / DAY) - 1;
  const ideal = idealSet(g);
  const deals: GenDeal[] = [];
  const make = (company: string, firm: { industry: string; size: string; role: string; market: string }, outcome: GenDeal['outcome'], closeDay: number, channel: string): GenDeal => {
    const cat = pick(r, CATEGORIES.map((c) => [c, c.weight] as const));
    const days = Math.max(1, Math.round(cat.days * Math.exp(0.35 * normal(r))));
    const created = outcome === 'open' ? closeDay - Math.floor(r() * 60) : closeDay - days;
    const step = (outcome === 'open' ? Math.floor(r() * 4) : 3) as Step;
    return {
      company,
      name: `${cat.name} ${company}`,
      outcome,
      step,
      category: cat.name,
      created,
      closed: outcome === 'open' ? null : closeDay,
      amount: Math.round(cat.value * 2500 * Math.exp(0.5 * normal(r))),
      channel,
      activities: Math.max(1, Math.round(days / 8 + 2 + normal(r))),
      owner: OWNERS[Math.floor(r() * OWNERS.length)]!,
      // Some portrait fields are not filled in, more often on early-stage deals.
      industry: r() < 0.1 ? '' : firm.industry,
      size: r() < 0.08 ? '' : firm.size,
      role: r() < 0.15 ? '' : firm.role,
      market: firm.market,
    };
  };
  const otherChannel = (): string => pick(r, CHANNELS);
  g.customers.forEach((c, i) => {
    if (g.totals.revenue[i]! <= 0) return;
    const firm = { industry: c.industry.name, size: c.sizeBand, role: c.role, market: c.market };
    const start = Math.floor(Date.UTC(y0, m0 - 1 + c.startMonth, 1) / DAY);
    const channel = r() < (ideal.has(i) ? 0.65 : 0.08) ? PLANTED.idealChannel : otherChannel();
    deals.push(make(c.id, firm, 'won', start - 1 - Math.floor(r() * 5), channel));
    // Later deals of the same customer: upsells won, lost or still open.
    const more = Math.floor(r() * 3);
    for (let k = 0; k < more; k++) {
      const day = Math.min(lastDay, Math.max(start, firstDay) + Math.floor(r() * Math.max(1, lastDay - Math.max(start, firstDay))));
      const outcome = pick(r, [['won', 4], ['lost', 3], ['open', 3]] as const);
      deals.push(make(c.id, firm, outcome, outcome === 'open' ? lastDay - Math.floor(r() * 30) : day, r() < 0.5 ? channel : otherChannel()));
    }
  });
  // Prospects that never bought: lost deals and open ones.
  const prospects = Math.round(g.customers.length * 0.6);
  for (let k = 0; k < prospects; k++) {
    const model = g.customers[Math.floor(r() * g.customers.length)]!;
    const firm = { industry: model.industry.name, size: model.sizeBand, role: model.role, market: model.market };
    const outcome = r() < 0.6 ? 'lost' : 'open';
    const day = outcome === 'open' ? lastDay - Math.floor(r() * 30) : firstDay + Math.floor(r() * (lastDay - firstDay));
    deals.push(make(String(900001 + k), firm, outcome, day, r() < 0.05 ? PLANTED.idealChannel : otherChannel()));
  }
  return deals.sort((a, b) => a.created - b.created || (a.company < b.company ? -1 : 1));
}

function dealRow(d: GenDeal, no: number, style: DealStyle, r: () => number): string[] {
  const stages = STAGES[style];
  const stage = d.outcome === 'won' ? stages.won : d.outcome === 'lost' ? stages.lost : stages.open[d.step];
  const created = dateText(d.created, style, r);
  const closed = d.closed === null ? '' : dateText(d.closed, style, r);
  const amount = amountText(d.amount, style);
  const common = [d.channel, String(d.activities), d.owner, d.industry, d.size, d.role, d.market];
  if (style === 'hubspot') return [String(8_000_000 + no), d.name, d.company, stage, d.category, created, closed, amount, ...common];
  if (style === 'pipedrive') {
    const status = d.outcome;
    // A Pipedrive deal keeps the stage it was in when won or lost; the status says which.
    const kept = d.outcome === 'open' ? stage : stages.open[3];
    return [String(no), d.name, d.company, kept, status, d.category, created, d.outcome === 'won' ? closed : '', amount, ...common];
  }
  return [`006${String(no).padStart(12, '0')}`, d.name, d.company, stage, d.outcome === 'won' ? 'true' : 'false', d.category, created, closed, amount, ...common];
}

/** The deals export as text, header first. Run after the invoices (it needs their totals). */
export function dealsExport(g: Generated, options: DealsOptions): string {
  const r = rng(options.seed * 31 + 5);
  const delimiter = options.style === 'pipedrive' ? ';' : ',';
  const lines = [HEADERS[options.style]];
  makeDeals(g, options).forEach((d, i) => {
    lines.push(dealRow(d, i + 1, options.style, r).map((v) => csvCell(v, delimiter)).join(delimiter));
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Prospects: companies from a leads list with the customers' attribute columns. A tenth are
 * existing customers; the rest are new firms drawn from the same firmographics.
 */
export function prospectsExport(g: Generated, seed: number): string {
  const r = rng(seed * 7 + 13);
  const lines = ['company_id,company,industry,employees,size_band,region,contact_role'];
  const n = Math.max(10, Math.round(g.customers.length / 2));
  for (let k = 0; k < n; k++) {
    const existing = r() < 0.1;
    const c = g.customers[(k * 7919) % g.customers.length]!;
    const model = g.customers[Math.floor(r() * g.customers.length)]!;
    const id = existing ? c.id : String(700001 + k);
    const name = existing ? c.company : `Prospect ${k + 1} ${model.region}`;
    const firm = existing ? c : model;
    lines.push([id, name, r() < 0.1 ? '' : firm.industry.name, String(firm.employees), firm.sizeBand, firm.region, firm.role].map((v) => csvCell(v, ',')).join(','));
  }
  return `${lines.join('\n')}\n`;
}
