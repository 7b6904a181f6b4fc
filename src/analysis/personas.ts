/**
 * Persona cards: one per distinct group among the ideal customers (one by default; one per market
 * when a B2B/B2C/B2G column exists). Each card has the method's headings; a field the data
 * supports is filled, with its evidence; the others are questions for the interviews.
 */
import type { CustomerRow } from './analysis.js';
import { attributeNumber, type Attribute } from './portrait.js';
import { median } from './stats.js';

export interface PersonaField {
  readonly label: string;
  readonly value: string | null;
  readonly evidence: string | null;
  /** What to ask in the interviews when the data cannot say. */
  readonly prompt: string | null;
}

export interface PersonaCard {
  readonly title: string;
  readonly market: string | null;
  readonly customers: number;
  /** A caution when the group is too small to generalise from. */
  readonly note: string | null;
  readonly sections: readonly { readonly heading: string; readonly fields: readonly PersonaField[] }[];
  readonly interview: readonly { readonly customer: string; readonly name: string }[];
}

/** Attribute names that hold each persona field, normalised (lower case, letters and digits). */
const FIELD_ATTRIBUTES: Record<string, readonly string[]> = {
  size: ['employees', 'companysize', 'size', 'sizeband', 'headcount', 'staff', 'antalansatte', 'ansatte', 'anställda', 'anstallda', 'medarbejdere', 'mitarbeiter'],
  turnover: ['turnover', 'annualrevenue', 'revenueband', 'omsætning', 'omsättning', 'omsetning', 'umsatz'],
  type: ['market', 'type', 'customertype', 'segment', 'kundetype', 'kundtyp', 'businesstype'],
  industry: ['industry', 'branche', 'bransch', 'bransje', 'sector', 'sektor', 'trade', 'lineofbusiness', 'naics', 'sic', 'nace'],
  role: ['role', 'contactrole', 'title', 'jobtitle', 'position', 'stilling', 'befattning', 'titel', 'rolle'],
  age: ['age', 'ageband', 'agegroup', 'alder', 'ålder', 'birthyear', 'fødselsår'],
  income: ['income', 'incomeband', 'indkomst', 'inkomst', 'inntekt', 'einkommen'],
  location: ['region', 'country', 'city', 'town', 'postalcode', 'zip', 'land', 'by', 'ort', 'kommune', 'kommun', 'postnummer', 'area', 'state'],
  education: ['education', 'uddannelse', 'utbildning', 'utdanning', 'bildung'],
  family: ['family', 'household', 'householdsize', 'children', 'civilstand', 'familie', 'familj'],
};

const MARKETS = new Set(['b2b', 'b2c', 'b2g']);

function norm(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function attributesFor(field: string, attributes: readonly Attribute[]): Attribute[] {
  const names = FIELD_ATTRIBUTES[field]!;
  return attributes.filter((a) => names.includes(norm(a.name)));
}

/** The market column, when one holds B2B/B2C/B2G for most customers who have a value. */
export function marketAttribute(attributes: readonly Attribute[]): Attribute | undefined {
  return attributes.find((a) => {
    const values = [...a.values.values()];
    return values.length > 0 && values.filter((v) => MARKETS.has(v.trim().toLowerCase())).length >= values.length * 0.8;
  });
}

/** Values held by fewer of the group than this are no basis for a description of it. */
const MIN_DISTINCT = 2;

interface AllCustomers {
  readonly counts: ReadonlyMap<string, number>;
  readonly known: number;
  readonly median: number | undefined;
}

// Every card and field compares a group with all customers: their counts are taken once per
// attribute, not once per call (each a pass over every customer).
const allStats = new WeakMap<readonly CustomerRow[], WeakMap<Attribute, AllCustomers>>();

function allCustomers(attr: Attribute, all: readonly CustomerRow[]): AllCustomers {
  const byAttr = allStats.get(all) ?? new WeakMap<Attribute, AllCustomers>();
  allStats.set(all, byAttr);
  let stats = byAttr.get(attr);
  if (!stats) {
    const counts = new Map<string, number>();
    let known = 0;
    for (const c of all) {
      const v = attr.values.get(c.key);
      if (v === undefined) continue;
      known += 1;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const numbers: number[] = [];
    for (const c of all) {
      const v = attr.values.get(c.key);
      const n = v === undefined ? undefined : attributeNumber(v);
      if (n !== undefined) numbers.push(n);
    }
    stats = { counts, known, median: median(numbers) };
    byAttr.set(attr, stats);
  }
  return stats;
}

/**
 * What describes the group: the value most over-represented among them (lift = share in the group
 * ÷ share among all, above 1, held by at least two of them, or by all of a group of one); ties by
 * the larger count. When no value is over-represented, the most frequent one is only context:
 * "no distinct …", with its figures, so that an under-represented value never reads as a trait.
 */
function describe(attr: Attribute, group: readonly CustomerRow[], all: readonly CustomerRow[], label: string): { value: string; evidence: string } | null {
  const known = group.filter((c) => attr.values.has(c.key));
  if (known.length === 0) return null;
  const values = known.map((c) => attr.values.get(c.key)!);
  const numbers = values.map(attributeNumber).filter((n): n is number => n !== undefined);
  if (numbers.length === values.length) {
    const m = median(numbers)!;
    const mAll = allCustomers(attr, all).median;
    return { value: known.length === 1 ? m.toLocaleString('en-US') : `median ${m.toLocaleString('en-US')}`, evidence: `${attr.name}, ${known.length} of ${group.length} customer${group.length === 1 ? '' : 's'}${mAll !== undefined ? `; all customers: median ${mAll.toLocaleString('en-US')}` : ''}` };
  }
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const { counts: allCounts, known: allKnown } = allCustomers(attr, all);
  const levels = [...counts].map(([value, n]) => {
    const share = n / known.length;
    const allShare = (allCounts.get(value) ?? 0) / Math.max(1, allKnown);
    return { value, n, share, allShare, lift: allShare > 0 ? share / allShare : null };
  });
  const figures = (l: (typeof levels)[number]) =>
    `${Math.round(l.share * 100)}% of them${l.lift !== null ? `, against ${Math.round(l.allShare * 100)}% of all customers (${l.lift.toFixed(1)}×)` : ''}`;
  const byName = (a: { value: string }, b: { value: string }) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  const distinct = levels
    .filter((l) => l.lift !== null && l.lift > 1 + 1e-9 && l.n >= Math.min(MIN_DISTINCT, known.length))
    .sort((a, b) => b.lift! - a.lift! || b.n - a.n || byName(a, b))[0];
  if (distinct) return { value: distinct.value, evidence: `${attr.name}: ${figures(distinct)}` };
  const common = levels.sort((a, b) => b.n - a.n || byName(a, b))[0]!;
  return { value: `no distinct ${label.toLowerCase()}`, evidence: `${attr.name}: the most frequent, ${common.value}, is ${figures(common)}` };
}

function field(label: string, prompt: string, found: { value: string; evidence: string } | null): PersonaField {
  return found ? { label, value: found.value, evidence: found.evidence, prompt: null } : { label, value: null, evidence: null, prompt };
}

function fromAttributes(label: string, key: string, prompt: string, group: readonly CustomerRow[], all: readonly CustomerRow[], attributes: readonly Attribute[]): PersonaField {
  // The first attribute that describes the group; one with nothing distinct only if none does.
  let fallback: { value: string; evidence: string } | null = null;
  for (const attr of attributesFor(key, attributes)) {
    const found = describe(attr, group, all, label);
    if (found && !found.value.startsWith('no distinct ')) return field(label, prompt, found);
    fallback ??= found;
  }
  return field(label, prompt, fallback);
}

function money(v: number): string {
  return v.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 });
}

export function personaCards(ranking: readonly CustomerRow[], all: readonly CustomerRow[], attributes: readonly Attribute[], interview: readonly CustomerRow[]): PersonaCard[] {
  if (ranking.length === 0) return [];
  const market = marketAttribute(attributes);
  const groups: { title: string; market: string | null; members: readonly CustomerRow[] }[] = [];
  if (market) {
    const values = [...new Set(ranking.map((c) => market.values.get(c.key)).filter((v): v is string => v !== undefined))].sort();
    for (const v of values) groups.push({ title: `The ideal ${v} customer`, market: v, members: ranking.filter((c) => market.values.get(c.key) === v) });
    const unknown = ranking.filter((c) => !market.values.has(c.key));
    if (unknown.length > 0) groups.push({ title: 'The ideal customer, market unknown', market: null, members: unknown });
  } else {
    groups.push({ title: 'The ideal customer', market: null, members: ranking });
  }
  return groups.map(({ title, market: m, members }) => {
    const revenue = median(members.map((c) => c.revenue))!;
    const check = median(members.map((c) => c.avgCheck).filter((v): v is number => v !== null));
    const rate = median(members.map((c) => c.marginRate).filter((v): v is number => v !== null));
    const tenure = median(members.map((c) => c.tenureDays))!;
    const regular = members.filter((c) => c.xyzClass === 'X' || c.xyzClass === 'Y').length / members.length;
    const punctual = members.filter((c) => c.punctuality !== null);
    const onTime = punctual.length > 0 ? median(punctual.map((c) => c.punctuality!.onTimeShare))! : null;
    const financials = `median revenue with us ${money(revenue)}${check !== undefined ? `, median average check ${money(check)}` : ''}${rate !== undefined ? `, median margin rate ${Math.round(rate * 100)}%` : ''}`;
    const why = [
      `with us for a median of ${(tenure / 365.25).toFixed(1)} years`,
      `${Math.round(regular * 100)}% buy regularly (X or Y)`,
      ...(onTime !== null ? [`median ${Math.round(onTime * 100)}% of invoices paid on time`] : []),
    ].join('; ');
    const memberKeys = new Set(members.map((c) => c.key));
    // The shortlisted customers of this group; a group with none still gets its top three.
    const shortlisted = interview.filter((c) => memberKeys.has(c.key));
    const calls = shortlisted.length > 0 ? shortlisted : members.slice(0, 3);
    const f = (label: string, key: string, prompt: string) => fromAttributes(label, key, prompt, members, all, attributes);
    return {
      title,
      market: m,
      customers: members.length,
      note: members.length < 5 ? `only ${members.length} ideal customer${members.length === 1 ? '' : 's'}: too few to generalise from; read it as a description of them` : null,
      sections: [
        {
          heading: 'Work',
          fields: [
            f('Company size', 'size', 'How many people work there? How many report to our contact?'),
            { label: 'Financials', value: financials, evidence: `${members.length} ideal customer${members.length === 1 ? '' : 's'} in the accounts`, prompt: null },
            m ? { label: 'Type', value: m, evidence: 'market column', prompt: null } : f('Type', 'type', 'Which market are they in: B2B, B2C or B2G?'),
            f('Industry', 'industry', 'Which industry, and what do they make or sell?'),
            f('Role', 'role', "What is our contact's role, and who else decides?"),
          ],
        },
        {
          heading: 'Demographics',
          fields: [
            f('Age', 'age', 'How old is the person we deal with?'),
            f('Income', 'income', 'What is their income level?'),
            f('Location', 'location', 'Where are they based?'),
            f('Education', 'education', 'What is their education?'),
            f('Family', 'family', 'What is their family situation?'),
          ],
        },
        {
          heading: 'Goals, fears and objections',
          fields: [
            field('Main goal', 'What is their main goal, and how do we help them reach it? A secondary goal?', null),
            field('Fears', 'What do they fear about our product or about switching, and how do we answer it?', null),
            field('Objections', 'What objections did they raise before buying, and what answered them?', null),
            // Jobs to be done beside the persona: the situation and the outcome, not only the person.
            field('Job to be done', 'When … (the situation that makes them buy), they want to … (what they try to get done), so that … (the outcome they are after). Ask for the last time it happened.', null),
          ],
        },
        {
          heading: 'Values and why they chose us',
          fields: [
            { label: 'Behaviour', value: why, evidence: 'the accounts', prompt: null },
            field('Core values', 'What matters most to them in a supplier?', null),
            field('Why us', 'Why did they choose us, and why do they stay?', null),
          ],
        },
      ],
      interview: calls.map((c) => ({ customer: c.key, name: c.name })),
    };
  });
}
