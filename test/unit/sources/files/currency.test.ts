/**
 * Currencies never mix silently: a DKK statement without a currency column beside a SEK one
 * (fixtures/currency/), per-input settings (`--map INPUT:FILE`), and conversion with `--rates`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { DuckDbEngine } from '../../../../src/sources/files/duckdb/duckdb-engine.js';
import { settleCurrencies, type InputCurrency } from '../../../../src/sources/files/currency.js';
import { parseRates } from '../../../../src/sources/files/rates.js';
import { readTransactions, type ReadOptions, type ReadResult } from '../../../../src/sources/files/read.js';
import { splitMapOptions } from '../../../../src/commands/input-settings.js';
import { parseReadOptions } from '../../../../src/commands/options.js';
import { TempDir } from '../../../../src/kernel/tempdir.js';
import { fixture } from '../../../helpers/cli.js';
import type { SummaryResult } from '../../../../src/sources/files/duckdb/engine.js';

const DKK = fixture('currency/dkk-kontoudtog.csv');
const SEK = fixture('currency/sek-kontoutdrag.csv');
const temps: TempDir[] = [];
afterAll(() => {
  for (const t of temps) t.remove();
});

async function read(files: string[], raw: Record<string, unknown> = {}): Promise<{ result: ReadResult; summary: SummaryResult }> {
  const options: ReadOptions = await parseReadOptions(raw, files);
  const engine = await DuckDbEngine.open({ tempDir: tmpdir() });
  const temp = new TempDir();
  temps.push(temp);
  try {
    const result = await readTransactions(files, options, { engine, temp, warn: () => undefined });
    const summary = await engine.customerSummary({ to: '2024-12-31', asOf: '2024-12-31', period: 'month' });
    return { result, summary };
  } finally {
    engine.close();
  }
}

const input = (file: string, own: string[], column = false, source = 'its currency column'): InputCurrency => ({ file, own, source, column });

describe('settling the currency of the inputs', () => {
  it('one currency, or none said anywhere, is fine', () => {
    expect(settleCurrencies([input('a', ['SEK'], true), input('b', ['SEK'], true)], undefined, undefined)).toEqual({ currency: 'SEK' });
    expect(settleCurrencies([input('a', []), input('b', [])], undefined, undefined)).toEqual({ currency: null });
    // --currency says the currency of inputs that say none themselves.
    expect(settleCurrencies([input('a', [])], 'SEK', undefined)).toEqual({ currency: 'SEK' });
  });
  it('an unknown currency beside a known one is refused, also with --currency', () => {
    expect(() => settleCurrencies([input('dkk.csv', []), input('sek.csv', ['SEK'], true)], undefined, undefined)).toThrow(/dkk.csv: its currency is not known.*sek.csv is in SEK.*--map dkk.csv:MAP/);
    expect(() => settleCurrencies([input('dkk.csv', []), input('sek.csv', ['SEK'], true)], 'SEK', undefined)).toThrow(/its currency is not known/);
  });
  it('two currencies are refused, and --rates is suggested', () => {
    expect(() => settleCurrencies([input('a', ['DKK'], false, 'its header'), input('b', ['SEK'], true)], undefined, undefined)).toThrow(/different currencies \(a: DKK \(its header\), b: SEK.*--rates FILE --currency DKK/);
    // --currency cannot filter an input without a currency column: not relabelled either.
    expect(() => settleCurrencies([input('a', ['DKK'], false, 'its header')], 'SEK', undefined)).toThrow(/a is in DKK \(its header\), not SEK/);
  });
  it('with --rates, every foreign currency needs a rate, and the conversion is said', () => {
    const rates = parseRates('r.csv', 'currency,rate\nDKK,1.5\n');
    expect(settleCurrencies([input('a', ['DKK']), input('b', ['SEK'], true)], 'SEK', rates).conversion).toMatch(/DKK are converted into SEK with the rates of --rates r.csv \(DKK 1.5;/);
    expect(() => settleCurrencies([input('a', ['EUR']), input('b', ['SEK'], true)], 'SEK', rates)).toThrow(/a: amounts in EUR, but --rates r.csv has no rate for EUR/);
  });
});

describe('the rates file', () => {
  it('reads currency, rate and an optional date, with ; and decimal commas', () => {
    expect(parseRates('r', 'currency;rate;date\nDKK;1,52;2024-02-01\neur;11,35;\n').rates).toEqual([
      { currency: 'DKK', rate: 1.52, from: '2024-02-01' },
      { currency: 'EUR', rate: 11.35, from: null },
    ]);
  });
  it('names the line of a value it cannot read', () => {
    expect(() => parseRates('r', 'currency,rate\nDKK,abc\n')).toThrow("--rates r:2: rate 'abc' of DKK is not a positive number");
    expect(() => parseRates('r', 'currency,rate\nDanish,1\n')).toThrow(/r:2: 'Danish' is not a three-letter/);
    expect(() => parseRates('r', 'valuta,x\n')).toThrow(/needs a currency and a rate column/);
    // A date of the right shape that is no day: blamed on the rates file, at its line (issue 26).
    expect(() => parseRates('r', 'currency,rate,date\nDKK,1.5,2024-01-01\nDKK,1.52,2024-13-45\n')).toThrow("--rates r:3: date '2024-13-45' is not a yyyy-mm-dd date");
    expect(() => parseRates('r', 'currency,rate,date\nDKK,1.5,2023-02-29\n')).toThrow("--rates r:2: date '2023-02-29' is not a yyyy-mm-dd date");
    expect(parseRates('r', 'currency,rate,date\nDKK,1.5,2024-02-29\n').rates).toEqual([{ currency: 'DKK', from: '2024-02-29', rate: 1.5 }]);
  });
});

describe('per-input settings', () => {
  it('--map INPUT:FILE is for that input; a plain --map for every input', () => {
    expect(splitMapOptions(['a.csv:dkk.json', 'all.json'], ['a.csv', 'b.csv'])).toEqual({ global: 'all.json', perInput: [{ input: 'a.csv', file: 'dkk.json' }] });
    expect(() => splitMapOptions(['c.csv:dkk.json'], ['a.csv'])).toThrow(/c.csv is not one of the inputs/);
  });
});

describe('two statements in two currencies', () => {
  it('a DKK statement without a currency column beside a SEK one is refused, with --currency too', async () => {
    await expect(read([DKK, SEK])).rejects.toThrow(/dkk-kontoudtog.csv: its currency is not known/);
    await expect(read([DKK, SEK], { currency: 'SEK' })).rejects.toThrow(/dkk-kontoudtog.csv: its currency is not known/);
  });
  it('with its currency said per input, the two are refused as two currencies', async () => {
    await expect(read([DKK, SEK], { map: [`${DKK}:${fixture('currency/dkk.json')}`] })).rejects.toThrow(/different currencies .*DKK.*SEK/);
  });
  it('--rates converts by date into --currency, and says so', async () => {
    const { result, summary } = await read([DKK, SEK], { map: [`${DKK}:${fixture('currency/dkk.json')}`], rates: fixture('currency/rates-to-sek.csv'), currency: 'SEK' });
    expect(result.currency).toBe('SEK');
    expect(result.warnings[0]).toMatch(/amounts in DKK are converted into SEK/);
    const revenue = Object.fromEntries(summary.customers.map((c) => [c.name, c.revenue]));
    // 12,500 × 1.50 (January) + 11,000 × 1.52 (February); 8,900 × 1.50.
    expect(revenue).toEqual({ 'Nordbyg ApS': 35470, 'Fyns Tømrer A/S': 13350, 'Byggbolaget AB': 17101, 'Målarfirman Öst': 2500 });
  });
  it('a map file for every input that says DKK is converted with --rates into --currency, not relabelled', async () => {
    // --currency SEK used to replace the map's DKK: 23,500 DKK was reported as 23,500 SEK, exit 0.
    const { result, summary } = await read([DKK], { map: [fixture('currency/dkk.json')], rates: fixture('currency/rates-to-sek.csv'), currency: 'SEK' });
    expect(result.currency).toBe('SEK');
    const revenue = Object.fromEntries(summary.customers.map((c) => [c.name, c.revenue]));
    expect(revenue).toEqual({ 'Nordbyg ApS': 35470, 'Fyns Tømrer A/S': 13350 });
  });
  it('a map file for every input that says DKK beside --currency SEK, without rates, is refused', async () => {
    await expect(read([DKK], { map: [fixture('currency/dkk.json')], currency: 'SEK' })).rejects.toThrow(/DKK/);
  });
  it("a transaction dated exactly on a rate's date uses that rate", async () => {
    // fixtures/currency/dkk-on-rate-dates.csv: DKK 100 on 1 January and 1,000 on 31 January
    // (Nordbyg), 1,000 on 1 February (Fyns Tømrer); the rates: 1.50 from 1 January, 1.52 from 1 February.
    const file = fixture('currency/dkk-on-rate-dates.csv');
    const { result, summary } = await read([file], { map: [`${file}:${fixture('currency/dkk.json')}`], rates: fixture('currency/rates-to-sek.csv'), currency: 'SEK' });
    expect(result.inputs[0]!.rows).toMatchObject({ read: 3, used: 3, rejected: 0 });
    const revenue = Object.fromEntries(summary.customers.map((c) => [c.name, c.revenue]));
    expect(revenue).toEqual({ 'Nordbyg ApS': 1650, 'Fyns Tømrer A/S': 1520 });
  });
  it('a row before the first dated rate is rejected, never taken at face value', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'segment-rates-'));
    writeFileSync(join(dir, 'late.csv'), 'currency,rate,date\nDKK,1.52,2024-02-01\n');
    const { result } = await read([DKK, SEK], { map: [`${DKK}:${fixture('currency/dkk.json')}`], rates: join(dir, 'late.csv'), currency: 'SEK', maxRejectRate: '100' });
    const dkk = result.inputs[0]!.rows;
    // The three January rows (two payments in, the rent out); February's row is converted.
    expect(dkk.rejected).toBe(3);
    expect(dkk.used).toBe(1);
    expect(dkk.rejectedByReason[0]?.reason).toMatch(/no exchange rate into SEK/);
  });
});
