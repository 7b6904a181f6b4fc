/**
 * --pseudonymize: no original customer key, name, e-mail address, phone number or staff name in
 * any output of any command, in any format, on stdout, stderr or in the files written.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePseudonymizer, namesOwnCustomer, personalColumn } from '../../../src/kernel/pseudonymize.js';
import { fixture } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';

const SALES = fixture('private/sales.csv');
const ACCOUNTS = fixture('private/accounts.csv');
const PICKS = fixture('private/picks.csv');
const KEY = 'a-secret-key-of-32-characters!!!';

/** Everything personal in the fixtures: names, e-mails, phones, keys, staff. */
function secrets(): string[] {
  const out = new Set<string>();
  for (const line of readFileSync(SALES, 'utf8').trim().split('\n').slice(1)) {
    const [key, name, email, phone] = line.split(';');
    for (const v of [key, name, email, phone]) if (v) out.add(v);
    for (const part of name!.split(' ')) out.add(part);
  }
  for (const line of readFileSync(ACCOUNTS, 'utf8').trim().split('\n').slice(1)) {
    const [key, name, email] = line.split(',');
    for (const v of [key, name, email]) if (v) out.add(v);
  }
  for (const v of ['Kari Selger', 'Ole Service', 'Ukjent Kunde AS', 'Kari', 'Selger']) out.add(v);
  return [...out];
}

const RUNS: [string, string[]][] = [
  ['inspect table', ['inspect', SALES]],
  ['inspect json', ['inspect', SALES, '--json']],
  ...['abc', 'xyz', 'abcxyz', 'rfm', 'pareto'].flatMap((cmd): [string, string[]][] =>
    ['table', 'md', 'json', 'csv'].map((format) => [`${cmd} ${format}`, [cmd, SALES, '--format', format]]),
  ),
  ['report md', ['report', SALES, '--customers', ACCOUNTS, '--picks', PICKS]],
  ['report json', ['report', SALES, '--customers', ACCOUNTS, '--picks', PICKS, '--format', 'json']],
];

describe('--pseudonymize', () => {
  const hidden = secrets();
  it.each(RUNS)('%s shows no customer, e-mail, phone or staff name', async (_name, args) => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-private-'));
    const files = [join(dir, 'out'), join(dir, 'rejects.csv')];
    const r = await runInProcess([...args, '--pseudonymize', '--max-reject-rate', '10', '--rejects', files[1]!, '--output', files[0]!], { env: { SEGMENT_PSEUDONYM_KEY: KEY } });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const text = [r.stdout, r.stderr, ...files.map((f) => readFileSync(f, 'utf8'))].join('\n');
    // Whole words: the first name "Per" is no leak in "Persona cards".
    const leaked = hidden.filter((s) => new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(text));
    expect(leaked).toEqual([]);
    // Not an empty report: the pseudonyms are there.
    if (!args.includes('inspect')) expect(readFileSync(files[0]!, 'utf8')).toMatch(/C-[0-9a-f]{12}/);
    // The rejected row (31.02.2024) is still accounted for, its date shown, the record withheld.
    expect(readFileSync(files[1]!, 'utf8')).toContain('31.02.2024');
    expect(readFileSync(files[1]!, 'utf8')).toContain('(withheld: --pseudonymize)');
  });

  it('gives the same pseudonyms on every run with the same key, and others with another key', async () => {
    const run = (key: string) => runInProcess(['abc', SALES, '--pseudonymize', '--json'], { env: { SEGMENT_PSEUDONYM_KEY: key } });
    const [a, b, c] = await Promise.all([run(KEY), run(KEY), run(`${KEY}x`)]);
    expect(a.stdout).toBe(b.stdout);
    const keys = (s: string) => (JSON.parse(s) as { customers: { customer: string }[] }).customers.map((x) => x.customer);
    expect(keys(a.stdout)).not.toEqual(keys(c.stdout));
    expect(keys(a.stdout)[0]).toBe(makePseudonymizer(Buffer.from(KEY)).customer(keys(a.stdout).length > 0 ? topKey() : ''));
  });

  it('joins the customers file and the picks on the real keys and names before replacing them', async () => {
    const r = await runInProcess(['report', SALES, '--customers', ACCOUNTS, '--picks', PICKS, '--pseudonymize', '--json', '--max-reject-rate', '10'], { env: { SEGMENT_PSEUDONYM_KEY: KEY } });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { read: { customers_file: { matched: number; unmatched_keys: string[] } }; picks: { agreed: unknown[]; not_backed: unknown[]; unmatched: unknown[] } };
    expect(report.read.customers_file.matched).toBe(24);
    expect(report.read.customers_file.unmatched_keys).toEqual([makePseudonymizer(Buffer.from(KEY)).customer('K9999')]);
    expect(report.picks.agreed.length + report.picks.not_backed.length).toBe(3);
    expect(r.stderr).toContain("attribute column 'contact_email' is left out");
    expect(r.stderr).toContain("attribute column 'epost' is left out");
  });

  it('refuses to run without a key, and with a short one', async () => {
    const none = await runInProcess(['abc', SALES, '--pseudonymize'], { env: { SEGMENT_PSEUDONYM_KEY: '' } });
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(
      'segment abc: --pseudonymize needs a secret key: pass --pseudonymize-key-file FILE or set SEGMENT_PSEUDONYM_KEY (there is no default key, so that nobody else can reverse the pseudonyms)\n',
    );
    const dir = mkdtempSync(join(tmpdir(), 'segment-key-'));
    writeFileSync(join(dir, 'key'), 'short\n');
    const short = await runInProcess(['abc', SALES, '--pseudonymize', '--pseudonymize-key-file', join(dir, 'key')], { env: { SEGMENT_PSEUDONYM_KEY: '' } });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/key is 5 bytes long; use at least 16/);
  });
});

/** The top customer by revenue in the fixture, computed by hand from the file. */
function topKey(): string {
  const revenue = new Map<string, number>();
  for (const line of readFileSync(SALES, 'utf8').trim().split('\n').slice(1)) {
    const f = line.split(';');
    if (f[4] === '31.02.2024') continue;
    revenue.set(f[0]!, (revenue.get(f[0]!) ?? 0) + Number(f[5]!.replace(',', '.')));
  }
  return [...revenue].sort((a, b) => b[1] - a[1])[0]![0];
}

describe('personal columns', () => {
  it('are found by their name or by most of their values', () => {
    expect(personalColumn('E-mail', [])).toMatch(/name/);
    expect(personalColumn('notes', ['a@b.se', 'c@d.dk', 'x'])).toMatch(/e-mail/);
    expect(personalColumn('id', ['19800101-1234', '850505-4321'])).toMatch(/personal id/);
    expect(personalColumn('nr', ['+46 70 123 45 67', '070-1234567'])).toMatch(/phone/);
    expect(personalColumn('industry', ['construction', 'retail'])).toBeNull();
    expect(personalColumn('employees', ['12', '250', '1400'])).toBeNull();
    expect(personalColumn('zip', ['2100', '8000'])).toBeNull();
  });
});

describe('--pseudonymize leaves free text out of the portrait (issue 26)', () => {
  // The accounts get a notes column of names and e-mail addresses; the sales a Referens that is
  // the same for each customer's payments (SWISH and a number), as a bank statement gives it.
  const dir = mkdtempSync(join(tmpdir(), 'segment-notes-'));
  const planted: string[] = [];
  const accountLines = readFileSync(ACCOUNTS, 'utf8').trim().split('\n');
  const accounts = join(dir, 'accounts.csv');
  writeFileSync(
    accounts,
    `${[
      `${accountLines[0]},notes,region`,
      ...accountLines.slice(1).map((line, i) => {
        const first = ['Henrik', 'Ingrid', 'Jonas', 'Kristin', 'Lars'][i % 5]!;
        const person = `${first} Berg${i}`;
        const mail = `${first.toLowerCase()}.berg${i}@example.no`;
        planted.push(person, mail);
        return `${line},Ring ${person} (${mail}),${['Oslo', 'Bergen', 'Trondheim'][i % 3]}`;
      }),
    ].join('\n')}\n`,
  );
  const saleLines = readFileSync(SALES, 'utf8').trim().split('\n');
  const sales = join(dir, 'sales.csv');
  const referens = (key: string) => `SWISH ${4700 + Number(key.slice(1)) - 1000 + 11}`;
  writeFileSync(sales, `${[`${saleLines[0]};Referens`, ...saleLines.slice(1).map((l) => `${l};${referens(l.split(';')[0]!)}`)].join('\n')}\n`);
  for (const l of saleLines.slice(1)) planted.push(referens(l.split(';')[0]!));

  it.each([['md'], ['html'], ['json']])('%s (charts included) holds none of the planted names, e-mails or references', async (format) => {
    const out = join(dir, `report.${format}`);
    const r = await runInProcess(['report', sales, '--customers', accounts, '--attributes', 'Referens', 'notes', 'industry', 'region', '--pseudonymize', '--max-reject-rate', '10', '--format', format, '--output', out], { env: { SEGMENT_PSEUDONYM_KEY: KEY } });
    expect(r.code).toBe(0);
    const text = `${readFileSync(out, 'utf8')}\n${r.stdout}`;
    expect(planted.filter((s) => text.includes(s))).toEqual([]);
    expect(text).not.toMatch(/@example\.no|SWISH \d/);
    if (format === 'html') expect(text).toContain('<svg');
    // Said in the Method, with why; the other attributes are still there.
    expect(text.replaceAll('&#39;', "'")).toMatch(/Portrait: left out before any test[^\n]*'Referens' \(--pseudonymize: free text[^\n]*'notes' \(--pseudonymize: its values contain e-mail addresses\)/);
    expect(text).toContain('region');
    expect(r.stderr).toContain("attribute column 'notes' is left out: its values contain e-mail addresses");
    expect(r.stderr).toContain("attribute column 'Referens' is left out: free text");
  });
});

describe('what --pseudonymize finds personal in a column', () => {
  it('an e-mail address, a phone number or an IBAN inside text; free text; the customer\'s own key or name', () => {
    expect(personalColumn('notes', ['call Ann', 'mail ann@firm.se please', 'ok'])).toMatch(/contain e-mail/);
    expect(personalColumn('notes', ['ring +46 70 123 45 67', 'ok'])).toMatch(/contain phone/);
    expect(personalColumn('konto', ['IBAN NO93 8601 1117 947', 'x'])).toMatch(/IBAN/);
    // Not an IBAN: the check digits are wrong.
    expect(personalColumn('code', ['NO94 8601 1117 947'])).toBeNull();
    expect(personalColumn('ref', Array.from({ length: 12 }, (_, i) => `SWISH ${4700 + i}`))).toMatch(/free text/);
    expect(personalColumn('comment', ['wants a call back in May', 'no'])).toMatch(/free text/);
    expect(personalColumn('region', Array.from({ length: 12 }, (_, i) => ['Oslo', 'Bergen'][i % 2]!))).toBeNull();
    expect(personalColumn('since', ['2021-03-04', '2020-01-01'])).toBeNull();
    expect(namesOwnCustomer('Faktura K1003 mars', 'K1003', 'Dag Johansen')).toBe(true);
    expect(namesOwnCustomer('hilsen dag johansen', 'K1003', 'Dag Johansen')).toBe(true);
    expect(namesOwnCustomer('K10034', 'K1003', 'Dag Johansen')).toBe(false);
  });
});
