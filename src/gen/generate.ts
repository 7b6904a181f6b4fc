/**
 * A deterministic generator of realistic multi-year B2B transactions, for tests, examples and the
 * benchmark. The same options and seed give the same bytes.
 *
 * The model: customers with firmographics (industry, size, region, role, market); revenue that is
 * heavy-tailed (a lognormal basket scale times an industry and size factor); purchase frequency
 * that is regular for some (a monthly rhythm) and erratic for others (a seasonal Poisson process);
 * customers joining over the years and some churning; cancellations; and payment punctuality with
 * a minority of chronic late payers. Industry and size move revenue, so that an ideal-customer
 * profile has something true to find.
 */

import { mulberry32 } from '../kernel/random.js';

/** The seeded generator of every simulation here (src/kernel/random.ts). */
export const rng = mulberry32;

function normal(r: () => number): number {
  // Box-Muller; 1 - r() avoids log(0).
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

function poisson(r: () => number, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(r)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

export interface Industry {
  readonly name: string;
  readonly weight: number;
  readonly value: number;
  /** How often they buy, relative to others. */
  readonly frequency: number;
  readonly regular: number;
  readonly marginRate: number;
  readonly lateShare: number;
  readonly market: 'B2B' | 'B2G';
}

export const INDUSTRIES: readonly Industry[] = [
  { name: 'Construction', frequency: 1.7, weight: 18, value: 3.2, regular: 0.65, marginRate: 0.28, lateShare: 0.12, market: 'B2B' },
  { name: 'Manufacturing', frequency: 1.3, weight: 12, value: 1.8, regular: 0.6, marginRate: 0.24, lateShare: 0.08, market: 'B2B' },
  { name: 'Retail', frequency: 0.8, weight: 20, value: 0.7, regular: 0.3, marginRate: 0.35, lateShare: 0.1, market: 'B2B' },
  { name: 'Hospitality', frequency: 0.7, weight: 14, value: 0.35, regular: 0.2, marginRate: 0.4, lateShare: 0.3, market: 'B2B' },
  { name: 'Consulting', frequency: 0.9, weight: 12, value: 1.0, regular: 0.35, marginRate: 0.45, lateShare: 0.1, market: 'B2B' },
  { name: 'Healthcare', frequency: 1.0, weight: 8, value: 1.1, regular: 0.5, marginRate: 0.3, lateShare: 0.05, market: 'B2B' },
  { name: 'Logistics', frequency: 1.2, weight: 8, value: 1.3, regular: 0.55, marginRate: 0.22, lateShare: 0.15, market: 'B2B' },
  { name: 'Public sector', frequency: 1.0, weight: 8, value: 1.6, regular: 0.45, marginRate: 0.2, lateShare: 0.02, market: 'B2G' },
];

const SIZES = [
  { band: '1-9', weight: 45, value: 0.4, lo: 1, hi: 9 },
  { band: '10-49', weight: 32, value: 1.0, lo: 10, hi: 49 },
  { band: '50-249', weight: 17, value: 2.3, lo: 50, hi: 249 },
  { band: '250+', weight: 6, value: 3.6, lo: 250, hi: 2500 },
] as const;

const PLACES = [
  { region: 'Copenhagen', country: 'DK', suffix: 'ApS', weight: 14 },
  { region: 'Aarhus', country: 'DK', suffix: 'A/S', weight: 8 },
  { region: 'Odense', country: 'DK', suffix: 'ApS', weight: 5 },
  { region: 'Stockholm', country: 'SE', suffix: 'AB', weight: 14 },
  { region: 'Gothenburg', country: 'SE', suffix: 'AB', weight: 7 },
  { region: 'Malmö', country: 'SE', suffix: 'AB', weight: 5 },
  { region: 'Oslo', country: 'NO', suffix: 'AS', weight: 10 },
  { region: 'Bergen', country: 'NO', suffix: 'AS', weight: 5 },
  { region: 'Helsinki', country: 'FI', suffix: 'Oy', weight: 7 },
] as const;

const ROLES = [
  ['Owner', 25],
  ['CEO', 12],
  ['Purchasing manager', 20],
  ['Project manager', 15],
  ['Office manager', 12],
  ['Foreman', 10],
  ['Finance manager', 6],
] as const;

const SYLLABLES = ['Nord', 'Syd', 'Øst', 'Vest', 'Fjord', 'Sten', 'Lund', 'Berg', 'Dal', 'Holm', 'Skov', 'Mark', 'Strand', 'Vik', 'Å', 'Ek', 'Gran', 'Hav', 'Sol', 'Ask'];
const TRADES: Record<string, readonly string[]> = {
  Construction: ['Byg', 'Bygg', 'Tømrer', 'Murer', 'El', 'VVS', 'Entreprenør'],
  Manufacturing: ['Industri', 'Metal', 'Plast', 'Maskin', 'Teknik'],
  Retail: ['Butik', 'Handel', 'Shop', 'Marked', 'Boutique'],
  Hospitality: ['Café', 'Kro', 'Bistro', 'Hotel', 'Bageri'],
  Consulting: ['Rådgivning', 'Consult', 'Partners', 'Analyse'],
  Healthcare: ['Klinik', 'Tandlæge', 'Fysio', 'Apotek'],
  Logistics: ['Transport', 'Logistik', 'Fragt', 'Spedition'],
  'Public sector': ['Kommune', 'Region', 'Skole', 'Forsyning'],
};

export interface Customer {
  readonly id: string;
  readonly company: string;
  readonly industry: Industry;
  readonly employees: number;
  readonly sizeBand: string;
  readonly region: string;
  readonly country: string;
  readonly role: string;
  readonly market: 'B2B' | 'B2G';
  /** Basket scale: what one order is worth, relative to others. */
  readonly value: number;
  /** Orders per month while active. */
  readonly rate: number;
  readonly regular: boolean;
  readonly startMonth: number;
  /** Last active month (inclusive); months - 1 when the customer stays. */
  readonly endMonth: number;
  /** Mean days paid after the due date (negative: early). */
  readonly lateness: number;
  readonly chronicLate: boolean;
}

export interface GenOptions {
  readonly rows: number;
  readonly seed: number;
  readonly customers?: number;
  /** First month, `YYYY-MM`. */
  readonly start?: string;
  readonly months?: number;
  /**
   * `lines`: one row per order line; `invoices`: one row per invoice (order); `retail`: order
   * lines in the Online Retail export's columns (InvoiceNo, CustomerID, InvoiceDate with a time of
   * day, Quantity, UnitPrice, Country), for the benchmark.
   */
  readonly level?: 'lines' | 'invoices' | 'retail';
  /** Add due and payment dates (30 days' terms). */
  readonly payments?: boolean;
}

export interface Order {
  customer: number;
  day: number;
  lines: number;
  /** The order this one takes (partly) back: a credit note. */
  cancelOf?: Order;
  /** Its number, once written (a Map from order to number overflows past 16.7M orders). */
  no?: number;
}

const DAY = 86_400_000;

/** A time of day between 08:00 and 17:59 from an order's number, as `HH:MM:00`. */
function clock(no: number): string {
  const minutes = 8 * 60 + ((no * 37) % 600);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
}

function iso(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export interface Generated {
  readonly customers: readonly Customer[];
  readonly header: string;
  /** Writes the rows (without the header) through `write`, in chunks. */
  readonly rows: (write: (chunk: string) => Promise<void> | void) => Promise<void>;
  /** Per customer: net revenue and orders, known once `rows` has run. */
  readonly totals: { revenue: Float64Array; orders: Int32Array; lateInvoices: Int32Array; invoices: Int32Array };
}

export function makeCustomers(r: () => number, count: number, months: number): Customer[] {
  const customers: Customer[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < count; i++) {
    const industry = pick(r, INDUSTRIES.map((x) => [x, x.weight] as const));
    const size = pick(r, SIZES.map((x) => [x, x.weight] as const));
    const place = pick(r, PLACES.map((x) => [x, x.weight] as const));
    const role = pick(r, ROLES);
    const employees = Math.round(size.lo + (size.hi - size.lo) * r() ** 2);
    const trades = TRADES[industry.name]!;
    let company = '';
    for (let attempt = 0; attempt < 5 && (company === '' || usedNames.has(company)); attempt++) {
      const a = SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
      const b = trades[Math.floor(r() * trades.length)]!;
      company = b === b.toUpperCase() ? `${a} ${b} ${place.suffix}` : `${a}${b.toLowerCase()} ${place.suffix}`;
    }
    if (usedNames.has(company)) company = `${company.replace(/ \S+$/, '')} ${i} ${place.suffix}`;
    usedNames.add(company);
    const value = Math.exp(0.6 * normal(r)) * industry.value * size.value;
    const rate = 0.35 * Math.exp(0.6 * normal(r)) * Math.sqrt(size.value) * industry.frequency;
    const startMonth = r() < 0.45 ? 0 : Math.floor(r() * months);
    const churns = r() < 0.3;
    const life = Math.ceil(-Math.log(1 - r()) * 18);
    const endMonth = churns ? Math.min(months - 1, startMonth + life) : months - 1;
    const chronicLate = r() < industry.lateShare;
    // Chronic late payers are weeks late; some pay a few days late; most pay on time or early.
    const lateness = chronicLate ? 20 + r() * 40 : r() < 0.2 ? 1 + r() * 5 : -2 - r() * 6;
    customers.push({
      id: String(100001 + i),
      company,
      industry,
      employees,
      sizeBand: size.band,
      region: place.region,
      country: place.country,
      role,
      market: industry.market,
      value,
      rate,
      regular: r() < industry.regular,
      startMonth,
      endMonth,
      lateness,
      chronicLate,
    });
  }
  return customers;
}

function monthStart(year: number, month: number): number {
  return Math.floor(Date.UTC(year, month, 1) / DAY);
}

/** Seasonal demand: higher in spring and early autumn, a December bump, a July dip. */
const SEASON = [0.85, 0.9, 1.05, 1.15, 1.15, 1.05, 0.75, 0.95, 1.1, 1.1, 1.0, 1.15];

export function generate(options: GenOptions): Generated {
  const r = rng(options.seed * 2654435761 + 17);
  const months = options.months ?? 36;
  const level = options.level ?? 'lines';
  const lineLevel = level !== 'invoices';
  const [startYear, startMonth0] = (options.start ?? '2022-01').split('-').map(Number) as [number, number];
  const customerCount = options.customers ?? Math.max(20, Math.round(options.rows / (lineLevel ? 50 : 10)));
  const customers = makeCustomers(r, customerCount, months);
  const linesPerOrder = lineLevel ? 5 : 1;
  const targetOrders = Math.max(1, Math.round(options.rows / linesPerOrder));

  // Scale purchase rates so that the expected number of orders meets the target.
  const active = customers.map((c) => c.endMonth - c.startMonth + 1);
  const expected = customers.reduce((s, c, i) => s + c.rate * active[i]!, 0);
  const scale = targetOrders / expected;

  const orders: Order[] = [];
  for (let ci = 0; ci < customers.length; ci++) {
    const c = customers[ci]!;
    const rate = c.rate * scale;
    const anchorDay = 1 + Math.floor(r() * 27);
    const every = Math.max(1, Math.round(1 / rate));
    for (let m = c.startMonth; m <= c.endMonth; m++) {
      const first = monthStart(startYear, startMonth0 - 1 + m);
      const length = monthStart(startYear, startMonth0 + m) - first;
      const season = SEASON[(startMonth0 - 1 + m) % 12]!;
      let n: number;
      if (c.regular) {
        // A rhythm: every k-th month (or k orders a month), with an occasional miss.
        n = rate >= 1 ? Math.round(rate) : (m - c.startMonth) % every === 0 ? 1 : 0;
        if (r() < 0.08) n = Math.max(0, n - 1);
      } else {
        n = poisson(r, rate * season);
      }
      for (let k = 0; k < n; k++) {
        const jitter = c.regular ? Math.round(normal(r) * 2) : Math.floor(r() * length);
        const day = first + Math.min(length - 1, Math.max(0, c.regular ? anchorDay - 1 + jitter : jitter));
        orders.push({ customer: ci, day, lines: 1 });
      }
    }
  }
  // Orders come out in date order, as exports do; ties by customer keep it deterministic.
  orders.sort((a, b) => a.day - b.day || a.customer - b.customer);

  // Cancellations: a few orders are partly taken back some days later.
  const lastDay = monthStart(startYear, startMonth0 - 1 + months) - 1;
  const withCancellations: Order[] = [];
  const cancels: Order[] = [];
  for (const o of orders) {
    withCancellations.push(o);
    if (r() < 0.015) {
      const day = Math.min(lastDay, o.day + 1 + Math.floor(r() * 10));
      cancels.push({ customer: o.customer, day, lines: 1, cancelOf: o });
    }
  }
  const all = [...withCancellations, ...cancels].sort((a, b) => a.day - b.day || (a.cancelOf === undefined ? 0 : 1) - (b.cancelOf === undefined ? 0 : 1) || a.customer - b.customer);

  // Exactly `rows` rows: lines are spread over the orders (at least one each); surplus orders go.
  let kept = all;
  if (all.length > options.rows) {
    const drop = new Set<number>();
    while (drop.size < all.length - options.rows) drop.add(Math.floor(r() * all.length));
    kept = all.filter((_, i) => !drop.has(i));
  }
  let extra = options.rows - kept.length;
  if (lineLevel) {
    const buyers = kept.filter((o) => o.cancelOf === undefined);
    while (extra > 0 && buyers.length > 0) {
      const o = buyers[Math.floor(r() * buyers.length)]!;
      const add = Math.min(extra, 1 + Math.floor(-Math.log(1 - r()) * 3));
      o.lines += add;
      extra -= add;
    }
  }
  if (level === 'invoices') {
    // An invoice sums several order lines; they are not written, only their total.
    // Regular customers reorder a steady basket; the others buy what the moment needs.
    for (const o of kept) {
      if (o.cancelOf === undefined) o.lines = customers[o.customer]!.regular ? 4 + Math.floor(r() * 3) : 1 + Math.floor(-Math.log(1 - r()) * 4);
    }
  }
  if (extra > 0) {
    // Invoice level with too few orders: repeat orders of random customers on other days.
    for (let k = 0; k < extra; k++) {
      const base = kept[Math.floor(r() * kept.length)]!;
      kept.push({ customer: base.customer, day: Math.min(lastDay, base.day + 1 + Math.floor(r() * 20)), lines: 1 });
    }
    kept.sort((a, b) => a.day - b.day || a.customer - b.customer);
  }

  const payments = options.payments ?? false;
  const header =
    level === 'retail'
      ? 'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Country'
      : level === 'lines'
      ? `order_id,customer_id,order_date,quantity,unit_price,margin${payments ? ',due_date,paid_date' : ''}`
      : `invoice_no,customer_id,invoice_date,amount,margin${payments ? ',due_date,paid_date' : ''}`;
  const revenue = new Float64Array(customers.length);
  const orderCount = new Int32Array(customers.length);
  const lateInvoices = new Int32Array(customers.length);
  const invoices = new Int32Array(customers.length);

  const rows = async (write: (chunk: string) => Promise<void> | void): Promise<void> => {
    let buf: string[] = [];
    let orderNo = 500000;
    for (const o of kept) {
      const c = customers[o.customer]!;
      const cancel = o.cancelOf !== undefined;
      const no = cancel ? (o.cancelOf!.no ?? orderNo) : ++orderNo;
      if (!cancel) o.no = no;
      const ref = cancel ? `C${no}` : String(no);
      const date = iso(o.day);
      let paymentCols = '';
      if (payments) {
        const due = o.day + 30;
        const late = Math.round(c.lateness + normal(r) * (c.chronicLate ? 10 : 2));
        const paidDay = due + late;
        // Invoices not yet paid by the end of the data are open.
        const paid = paidDay <= lastDay ? iso(paidDay) : '';
        paymentCols = `,${iso(due)},${paid}`;
        if (!cancel && paidDay <= lastDay) {
          invoices[o.customer]! += 1;
          if (late > 0) lateInvoices[o.customer]! += 1;
        }
      }
      let orderTotal = 0;
      let orderMargin = 0;
      for (let l = 0; l < o.lines; l++) {
        const price = Math.round(Math.exp(2.6 + (c.regular ? 0.35 : 0.9) * normal(r)) * 100) / 100;
        const qty = Math.max(1, Math.round((c.regular ? 3 : 1 + Math.floor(-Math.log(1 - r()) * 4)) * c.value));
        const signedQty = cancel ? -Math.max(1, Math.round(qty / 2)) : qty;
        const rate = Math.max(0.02, c.industry.marginRate + normal(r) * 0.05);
        const amount = Math.round(signedQty * price * 100) / 100;
        const margin = Math.round(amount * rate * 100) / 100;
        orderTotal += amount;
        orderMargin += margin;
        if (level === 'retail') buf.push(`${ref},${c.id},${date} ${clock(no)},${signedQty},${price.toFixed(2)},${c.country}`);
        if (level === 'lines') buf.push(`${ref},${c.id},${date},${signedQty},${price.toFixed(2)},${margin.toFixed(2)}${paymentCols}`);
      }
      if (level === 'invoices') {
        buf.push(`${ref},${c.id},${date},${orderTotal.toFixed(2)},${orderMargin.toFixed(2)}${paymentCols}`);
      }
      revenue[o.customer]! += orderTotal;
      if (!cancel) orderCount[o.customer]! += 1;
      if (buf.length >= 8192) {
        await write(`${buf.join('\n')}\n`);
        buf = [];
      }
    }
    if (buf.length > 0) await write(`${buf.join('\n')}\n`);
  };
  return { customers, header, rows, totals: { revenue, orders: orderCount, lateInvoices, invoices } };
}

export const CUSTOMERS_HEADER = 'customer_id,company,industry,employees,size_band,region,country,market,contact_role';

export function customerRow(c: Customer): string {
  return [c.id, c.company, c.industry.name, c.employees, c.sizeBand, c.region, c.country, c.market, c.role].join(',');
}

/**
 * What the staff would name as their best customers: some true top customers, the friendly
 * long-standing ones who pay late, and a couple of small but pleasant accounts.
 */
export function staffPicks(g: Generated, seed: number): string[] {
  const r = rng(seed * 7919 + 3);
  const n = g.customers.length;
  const byRevenue = [...Array(n).keys()].sort((a, b) => g.totals.revenue[b]! - g.totals.revenue[a]! || a - b);
  const staff = ['Anna (sales)', 'Bo (service)', 'Carla (sales)'];
  const picks: string[] = ['customer,picked_by,reason'];
  const add = (i: number, reason: string): void => {
    const who = staff[Math.floor(r() * staff.length)]!;
    picks.push(`${g.customers[i]!.id},${who},${reason}`);
  };
  const top = byRevenue.slice(0, Math.max(5, Math.round(n * 0.04)));
  for (const i of top.filter(() => r() < 0.5).slice(0, 4)) add(i, 'big orders every year');
  const late = byRevenue.filter((i) => g.customers[i]!.chronicLate && g.customers[i]!.startMonth === 0 && g.totals.orders[i]! >= 3);
  for (const i of late.slice(Math.floor(late.length / 3), Math.floor(late.length / 3) + 3)) add(i, 'loyal for years and always friendly');
  const small = byRevenue.slice(Math.floor(n * 0.6)).filter((i) => g.totals.orders[i]! >= 2);
  for (const i of small.slice(0, 2)) add(i, 'easy to work with');
  return picks;
}
