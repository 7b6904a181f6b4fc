/**
 * Persona cards: one per distinct group among the ideal customers (one by default; one per market
 * when a B2B/B2C/B2G column exists). Each card has the method's headings; a field the data
 * supports is filled, with its evidence; the others are questions for the interviews.
 */
import { asTable, attributeColumn, type CustomerRow, type CustomerTable } from './customer-table.js';
import { losesMoney } from './picks.js';
import { attributeNumber, formatAttributeNumber, numericAttribute, type Attribute } from './portrait.js';
import { fisherExact, mannWhitney, median } from './stats.js';

export interface PersonaField {
  readonly label: string;
  readonly value: string | null;
  readonly evidence: string | null;
  /** What to ask in the interviews when the data cannot say. */
  readonly prompt: string | null;
  /** For a field from an attribute: whether its value is a trait (beyond chance) or only the most common value. */
  readonly distinct: boolean | null;
}

export interface PersonaCard {
  readonly title: string;
  readonly market: string | null;
  readonly customers: number;
  /** A caution when the group is too small to generalise from. */
  readonly note: string | null;
  readonly sections: readonly { readonly heading: string; readonly fields: readonly PersonaField[] }[];
  /** Whom to call; a customer who loses money is flagged, so that the call is not about growing them. */
  readonly interview: readonly { readonly customer: string; readonly name: string; readonly losesMoney: boolean }[];
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

interface AllCustomers {
  readonly counts: ReadonlyMap<string, number>;
  readonly known: number;
  readonly median: number | undefined;
  /** Customers whose value is a number. */
  readonly numbers: number;
}

// Every card and field compares a group with all customers: their counts are taken once per
// attribute, not once per call (each a pass over every customer).
const allStats = new WeakMap<CustomerTable, WeakMap<Attribute, AllCustomers>>();

function allCustomers(attr: Attribute, all: CustomerTable): AllCustomers {
  const byAttr = allStats.get(all) ?? new WeakMap<Attribute, AllCustomers>();
  allStats.set(all, byAttr);
  let stats = byAttr.get(attr);
  if (!stats) {
    const counts = new Map<string, number>();
    let known = 0;
    const column = attributeColumn(all, attr.values);
    for (const v of column) {
      if (v === undefined) continue;
      known += 1;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const number = numberOf();
    const numbers: number[] = [];
    for (const v of column) {
      const n = v === undefined ? undefined : number(v);
      if (n !== undefined) numbers.push(n);
    }
    stats = { counts, known, median: median(numbers), numbers: numbers.length };
    byAttr.set(attr, stats);
  }
  return stats;
}

/** `attributeNumber`, each distinct value parsed once: a column repeats few values over many customers. */
function numberOf(): (v: string) => number | undefined {
  const parsed = new Map<string, number | undefined>();
  return (v) => {
    if (parsed.has(v)) return parsed.get(v);
    const n = attributeNumber(v);
    parsed.set(v, n);
    return n;
  };
}

/** What a trait must pass: the portrait's test, with its count of tests and minimum count. */
export interface Chance {
  readonly tests: number;
  readonly alpha: number;
  readonly minCount: number;
}

const DEFAULT_CHANCE: Chance = { tests: 1, alpha: 0.05, minCount: 5 };

interface Described {
  readonly value: string;
  readonly evidence: string;
  readonly distinct: boolean;
}

/**
 * What describes the group. A trait is a value the group has more often than the other customers
 * beyond chance (Fisher's exact test of the group against all other customers with a value, p
 * below alpha after the portrait's Bonferroni correction, held by at least minCount of the
 * group); the strongest such value, by lift, then count. When no value passes, the group's most
 * common value is given as context, marked not distinct: a rare value is never a trait because
 * of its lift alone, and an under-represented value never reads as one.
 */
function describe(attr: Attribute, group: readonly CustomerRow[], all: CustomerTable, chance: Chance): Described | null {
  const known = group.filter((c) => attr.values.has(c.key));
  if (known.length === 0) return null;
  const values = known.map((c) => attr.values.get(c.key)!);
  const beyond = (p: number): boolean => p * Math.max(1, chance.tests) < chance.alpha;
  const { counts: allCounts, known: allKnown, median: mAll, numbers: allNumbers } = allCustomers(attr, all);
  if (numericAttribute(attr.name, [...allCounts.keys()], allCounts)) {
    const numbers = values.map(attributeNumber).filter((n): n is number => n !== undefined);
    if (numbers.length === 0) return null;
    const m = median(numbers)!;
    const inGroup = new Set(known.map((c) => c.key));
    const column = attributeColumn(all, attr.values);
    const number = numberOf();
    const rest: number[] = [];
    for (let i = 0; i < all.length; i++) {
      const v = column[i];
      if (v === undefined || inGroup.has(all.key(i))) continue;
      const n = number(v);
      if (n !== undefined) rest.push(n);
    }
    const test = numbers.length >= chance.minCount && allNumbers > numbers.length ? mannWhitney(numbers, rest) : undefined;
    const distinct = test !== undefined && beyond(test.p) && mAll !== undefined && m !== mAll;
    const of = `${attr.name}, ${known.length} of ${group.length} customer${group.length === 1 ? '' : 's'}${mAll !== undefined ? `; all customers: median ${formatAttributeNumber(mAll)}` : ''}`;
    return {
      value: known.length === 1 ? formatAttributeNumber(m) : `median ${formatAttributeNumber(m)}`,
      evidence: `${of}; ${test ? `Mann-Whitney p ${pText(test.p)}${distinct ? '' : ', not beyond chance'}` : `too few to test (fewer than ${chance.minCount})`}`,
      distinct,
    };
  }
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const levels = [...counts].map(([value, n]) => {
    const withValue = allCounts.get(value) ?? 0;
    const share = n / known.length;
    const allShare = withValue / Math.max(1, allKnown);
    const lift = allShare > 0 ? share / allShare : null;
    // The group against the other customers with a value: with it or without.
    const p = fisherExact(n, known.length - n, withValue - n, allKnown - known.length - (withValue - n));
    return { value, n, share, allShare, lift, p };
  });
  const figures = (l: (typeof levels)[number]) =>
    `${Math.round(l.share * 100)}% of them${l.lift !== null ? `, against ${Math.round(l.allShare * 100)}% of all customers (${l.lift.toFixed(1)}×)` : ''}`;
  const byName = (a: { value: string }, b: { value: string }) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  const trait = levels
    .filter((l) => l.lift !== null && l.lift > 1 + 1e-9 && l.n >= chance.minCount && beyond(l.p))
    .sort((a, b) => b.lift! - a.lift! || b.n - a.n || byName(a, b))[0];
  if (trait) return { value: trait.value, evidence: `${attr.name}: ${figures(trait)}; p ${pText(trait.p)}`, distinct: true };
  const common = levels.sort((a, b) => b.n - a.n || byName(a, b))[0]!;
  return { value: common.value, evidence: `${attr.name}: the most common, ${figures(common)}; ${common.n >= chance.minCount || common.lift === null || common.lift <= 1 ? 'not beyond chance' : `held by fewer than ${chance.minCount}, too few to tell`}`, distinct: false };
}

function pText(p: number): string {
  return p < 0.0001 ? '< 0.0001' : `= ${p.toFixed(4)}`;
}

function field(label: string, prompt: string, found: Described | null): PersonaField {
  return found ? { label, value: found.value, evidence: found.evidence, prompt: null, distinct: found.distinct } : { label, value: null, evidence: null, prompt, distinct: null };
}

function fromAttributes(label: string, key: string, prompt: string, group: readonly CustomerRow[], all: CustomerTable, attributes: readonly Attribute[], chance: Chance): PersonaField {
  // The first attribute that describes the group; one with nothing distinct only if none does.
  let fallback: Described | null = null;
  for (const attr of attributesFor(key, attributes)) {
    const found = describe(attr, group, all, chance);
    if (found?.distinct) return field(label, prompt, found);
    fallback ??= found;
  }
  return field(label, prompt, fallback);
}

function money(v: number): string {
  return v.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 });
}

export function personaCards(ranking: readonly CustomerRow[], customers: readonly CustomerRow[] | CustomerTable, attributes: readonly Attribute[], interview: readonly CustomerRow[], chance: Chance = DEFAULT_CHANCE): PersonaCard[] {
  if (ranking.length === 0) return [];
  const all = asTable(customers);
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
    const f = (label: string, key: string, prompt: string) => fromAttributes(label, key, prompt, members, all, attributes, chance);
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
            { label: 'Financials', value: financials, evidence: `${members.length} ideal customer${members.length === 1 ? '' : 's'} in the accounts`, prompt: null, distinct: null },
            m ? { label: 'Type', value: m, evidence: 'market column', prompt: null, distinct: null } : f('Type', 'type', 'Which market are they in: B2B, B2C or B2G?'),
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
            { label: 'Behaviour', value: why, evidence: 'the accounts', prompt: null, distinct: null },
            field('Core values', 'What matters most to them in a supplier?', null),
            field('Why us', 'Why did they choose us, and why do they stay?', null),
          ],
        },
      ],
      interview: calls.map((c) => ({ customer: c.key, name: c.name, losesMoney: losesMoney(c) })),
    };
  });
}
