/** The report's side inputs: attributes from the inputs, which columns the portrait uses, and --pseudonymize over them. */
import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/analyses/analysis.js';
import type { Attribute } from '../../../src/analyses/portrait.js';
import { LINE_LEVEL_WHY, chooseAttributes, inputAttributes, pseudonymizeReportInputs, type ReportInputs } from '../../../src/analyses/report-inputs.js';
import { UsageError } from '../../../src/kernel/errors.js';
import type { Pseudonymizer } from '../../../src/kernel/pseudonymize.js';
import { analysisParams, summary } from '../../helpers/analysis-fixtures.js';

const attr = (name: string, source: string, entries: [string, string][]): Attribute => ({ name, source, values: new Map(entries) });
const fake: Pseudonymizer = { customer: (k) => `P(${k})`, staff: (n) => `S(${n})` };

describe('inputAttributes', () => {
  it("keeps each column's value of the analysed customers only, one attribute per name, in the order asked", () => {
    const fromInputs = new Map([
      ['a', new Map([['region', 'North'], ['tier', 'gold']])],
      ['b', new Map([['region', 'South']])],
      ['gone', new Map([['region', 'East'], ['tier', 'silver']])],
    ]);
    const out = inputAttributes(fromInputs, ['tier', 'region', 'missing'], new Set(['a', 'b']));
    expect([...out.keys()]).toEqual(['tier', 'region', 'missing']);
    expect(out.get('region')).toEqual({ name: 'region', source: 'inputs', values: new Map([['a', 'North'], ['b', 'South']]) });
    expect([...out.get('tier')!.values]).toEqual([['a', 'gold']]);
    expect(out.get('missing')!.values.size).toBe(0);
  });
});

describe('chooseAttributes', () => {
  const make = () =>
    new Map([
      ['Industry', attr('Industry', 'customers.csv', [['a', 'x']])],
      ['line_no', attr('line_no', 'inputs', [['a', '1']])],
      ['Region', attr('Region', 'inputs', [['a', 'N']])],
      ['discount', attr('discount', 'customers.csv', [['a', '5']])],
    ]);
  const lineLevel = new Set(['line_no', 'discount']);
  it("by default leaves out the inputs' line-level columns only (a customers-file column of that name stays)", () => {
    const attributes = make();
    expect(chooseAttributes(attributes, lineLevel, {})).toEqual([{ name: 'line_no', why: LINE_LEVEL_WHY }]);
    expect([...attributes.keys()]).toEqual(['Industry', 'Region', 'discount']);
  });
  it('with --attributes keeps only the named columns, matched ignoring case, line-level ones included', () => {
    const attributes = make();
    expect(chooseAttributes(attributes, lineLevel, { only: ['industry', 'LINE_NO'] })).toEqual([
      { name: 'Region', why: 'not named in --attributes' },
      { name: 'discount', why: 'not named in --attributes' },
    ]);
    expect([...attributes.keys()]).toEqual(['Industry', 'line_no']);
  });
  it('with --exclude-attributes leaves out the named ones, before --attributes and the line-level rule', () => {
    const attributes = make();
    expect(chooseAttributes(attributes, lineLevel, { exclude: ['region'], only: ['Region', 'industry'] })).toEqual([
      { name: 'line_no', why: 'not named in --attributes' },
      { name: 'Region', why: 'left out by --exclude-attributes' },
      { name: 'discount', why: 'not named in --attributes' },
    ]);
    const again = make();
    expect(chooseAttributes(again, lineLevel, { exclude: ['Industry'] })).toEqual([
      { name: 'Industry', why: 'left out by --exclude-attributes' },
      { name: 'line_no', why: LINE_LEVEL_WHY },
    ]);
    expect([...again.keys()]).toEqual(['Region', 'discount']);
  });
  it('refuses a name that is no attribute column, listing the columns (or saying there are none)', () => {
    expect(() => chooseAttributes(make(), lineLevel, { only: ['Industry', 'sector'] })).toThrow(
      new UsageError("--attributes 'sector' is not an attribute column; they are 'Industry', 'line_no', 'Region', 'discount'"),
    );
    expect(() => chooseAttributes(make(), lineLevel, { exclude: ['nope'] })).toThrow("--exclude-attributes 'nope' is not an attribute column; they are");
    expect(() => chooseAttributes(make(), lineLevel, { exclude: ['nope'] })).toThrow(UsageError);
    expect(() => chooseAttributes(new Map(), lineLevel, { only: ['x'] })).toThrow("--attributes 'x' is not an attribute column; there are none");
  });
});

describe('pseudonymizeReportInputs', () => {
  // Three customers: "acme" (named Acme Corp), "bolt" and "cx" (a short key, never matched as a word).
  const analysis = () => {
    const xs = [summary('acme', 10, 5, 500), summary('bolt', 20, 3, 300), summary('cx', 30, 2, 200)];
    xs[0] = { ...xs[0]!, name: 'Acme Corp' };
    return analyse(xs, analysisParams());
  };
  const inputs = (over: Partial<ReportInputs> = {}): ReportInputs => ({
    analysis: analysis(),
    attributes: new Map([
      ['industry', attr('industry', 'customers.csv', [['acme', 'Retail'], ['bolt', 'Health']])],
      ['contact_email', attr('contact_email', 'customers.csv', [['acme', 'x']])],
      ['note', attr('note', 'customers.csv', [['acme', 'big'], ['bolt', 'see Bolt account']])],
      ['alias', attr('alias', 'customers.csv', [['acme', 'acme corp ltd'], ['bolt', 'b']])],
      ['code', attr('code', 'customers.csv', [['cx', 'cx'], ['bolt', 'b']])],
    ]),
    accounts: null,
    picks: null,
    deals: null,
    ...over,
  });

  it("leaves out personal columns and columns naming their own customers, each with a warning; keys the others by pseudonym", () => {
    const x = inputs();
    const out = pseudonymizeReportInputs(x, fake, new Set());
    expect([...x.attributes.keys()]).toEqual(['industry', 'code']);
    expect([...x.attributes.get('industry')!.values]).toEqual([['P(acme)', 'Retail'], ['P(bolt)', 'Health']]);
    expect(x.attributes.get('industry')!.source).toBe('customers.csv');
    expect([...x.attributes.get('code')!.values]).toEqual([['P(cx)', 'cx'], ['P(bolt)', 'b']]);
    expect(out.warnings).toEqual([
      "--pseudonymize: attribute column 'contact_email' is left out: its name 'contact_email' suggests personal data (keep it with --keep-attribute 'contact_email')",
      "--pseudonymize: attribute column 'note' is left out: its values contain the customers' own names or keys (keep it with --keep-attribute 'note')",
      "--pseudonymize: attribute column 'alias' is left out: its values contain the customers' own names or keys (keep it with --keep-attribute 'alias')",
    ]);
    expect(out.leftOut).toEqual([
      { name: 'contact_email', why: "--pseudonymize: its name 'contact_email' suggests personal data" },
      { name: 'note', why: "--pseudonymize: its values contain the customers' own names or keys" },
      { name: 'alias', why: "--pseudonymize: its values contain the customers' own names or keys" },
    ]);
    expect(out.accounts).toBeNull();
    expect(out.picks).toBeNull();
    expect(out.deals).toBeNull();
  });
  it('keeps a column named in --keep-attribute, keyed by pseudonym', () => {
    const x = inputs();
    const out = pseudonymizeReportInputs(x, fake, new Set(['note', 'contact_email']));
    expect([...x.attributes.keys()]).toEqual(['industry', 'contact_email', 'note', 'code']);
    expect([...x.attributes.get('note')!.values]).toEqual([['P(acme)', 'big'], ['P(bolt)', 'see Bolt account']]);
    expect(out.warnings).toEqual(["--pseudonymize: attribute column 'alias' is left out: its values contain the customers' own names or keys (keep it with --keep-attribute 'alias')"]);
  });
  it('pseudonymises the analysis, the accounts (unmatched sorted), the picks matched by key or name, and the deals', () => {
    const accounts = { file: 'c.csv', rows: 4, matched: 2, unmatchedAccounts: ['zeta', 'alpha'], customersWithoutAccount: ['cx', 'bolt'], malformed: 1 };
    const picks = {
      file: 'picks.csv',
      malformed: 0,
      picks: [
        { customer: 'bolt', pickedBy: 'Anna', reason: 'kind' },
        { customer: '  ACME   corp ', pickedBy: null, reason: 'big' },
        { customer: 'Nobody', pickedBy: 'Bo', reason: null },
      ],
    };
    const journey = { match: { wonWithoutPurchases: ['zz', 'aa'], deals: 3 }, sentence: 's' } as never;
    const deals = { read: { file: 'deals.csv' } as never, journey };
    const out = pseudonymizeReportInputs(inputs({ accounts, picks, deals }), fake, new Set());
    expect(out.analysis.customers.map((c) => [c.key, c.name])).toEqual([['P(acme)', 'P(acme)'], ['P(bolt)', 'P(bolt)'], ['P(cx)', 'P(cx)']]);
    expect(out.accounts).toEqual({ file: 'c.csv', rows: 4, matched: 2, unmatchedAccounts: ['P(alpha)', 'P(zeta)'], customersWithoutAccount: ['P(cx)', 'P(bolt)'], malformed: 1 });
    expect(out.picks).toEqual({
      file: 'picks.csv',
      malformed: 0,
      picks: [
        { customer: 'P(bolt)', pickedBy: 'S(Anna)', reason: null },
        { customer: 'P(acme)', pickedBy: null, reason: null },
        { customer: 'P(Nobody)', pickedBy: 'S(Bo)', reason: null },
      ],
    });
    expect(out.deals!.read).toBe(deals.read);
    expect(out.deals!.journey).toEqual({ match: { wonWithoutPurchases: ['P(aa)', 'P(zz)'], deals: 3 }, sentence: 's' });
  });
});
