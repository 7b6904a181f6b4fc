import { describe, expect, it } from 'vitest';
import { FIELD_NAMES, FIELDS, normaliseHeader } from '../../../../src/sources/files/fields.js';
import { detectKind, mapColumns } from '../../../../src/sources/files/mapping.js';

describe('normaliseHeader', () => {
  it.each([
    ['Customer ID', 'customerid'],
    ['customer_id', 'customerid'],
    ['CustomerID', 'customerid'],
    ['Beløb', 'beløb'],
    ['Bokföringsdag', 'bokföringsdag'],
    ['Deal - Value', 'dealvalue'],
  ])('%s → %s', (raw, norm) => {
    expect(normaliseHeader(raw).norm).toBe(norm);
  });
  it('takes a currency out of the header', () => {
    expect(normaliseHeader('Betrag (EUR)')).toEqual({ norm: 'betrag', currency: 'EUR' });
    expect(normaliseHeader('Amount CZK')).toEqual({ norm: 'amount', currency: 'CZK' });
    expect(normaliseHeader('bedrag in EUR')).toEqual({ norm: 'bedrag', currency: 'EUR' });
  });
  it('keeps a header that is only a currency code', () => {
    expect(normaliseHeader('SEK')).toEqual({ norm: 'sek' });
  });
});

describe('synonym lists', () => {
  it('are written in normalised form, so that each one can match', () => {
    for (const name of FIELD_NAMES) {
      const spec = FIELDS[name];
      for (const s of [...spec.primary, ...(spec.secondary ?? [])]) expect(normaliseHeader(s).norm, `${name}: ${s}`).toBe(s);
    }
  });
  it('give each primary synonym to one field only', () => {
    const owner = new Map<string, string>();
    for (const name of FIELD_NAMES) {
      for (const s of FIELDS[name].primary) {
        expect(owner.get(s), `${s} in ${name} and ${owner.get(s)}`).toBeUndefined();
        owner.set(s, name);
      }
    }
  });
});

describe('mapColumns', () => {
  it('maps the issue examples in five languages', () => {
    const cases: [string[], Record<string, string>][] = [
      [['Dato', 'Tekst', 'Beløb', 'Saldo'], { date: 'Dato', text: 'Tekst', amount: 'Beløb', balance: 'Saldo' }],
      [['Bokföringsdatum', 'Belopp', 'Meddelande'], { date: 'Bokföringsdatum', amount: 'Belopp', text: 'Meddelande' }],
      [['InvoiceNo', 'InvoiceDate', 'CustomerID', 'Quantity', 'UnitPrice'], { order: 'InvoiceNo', date: 'InvoiceDate', customer: 'CustomerID', quantity: 'Quantity', unit_price: 'UnitPrice' }],
      [['AccountId', 'CloseDate', 'Amount', 'CurrencyIsoCode'], { customer: 'AccountId', date: 'CloseDate', amount: 'Amount', currency: 'CurrencyIsoCode' }],
      [['Kundennummer', 'Datum', 'Betrag'], { customer: 'Kundennummer', date: 'Datum', amount: 'Betrag' }],
      [['member_id', 'date', 'total'], { customer: 'member_id', date: 'date', amount: 'total' }],
      [['Kund', 'Datum', 'Beløp'], { customer: 'Kund', date: 'Datum', amount: 'Beløp' }],
    ];
    for (const [headers, expected] of cases) {
      const m = mapColumns(headers);
      const got = Object.fromEntries(Object.entries(m.fields).map(([f, c]) => [f, c.column]));
      expect(got).toEqual(expected);
    }
  });
  it('keeps the other columns as attribute candidates', () => {
    const m = mapColumns(['Customer ID', 'Date', 'Amount', 'Industry', 'Region']);
    expect(m.others.map((o) => o.column)).toEqual(['Industry', 'Region']);
  });
  it('records two columns of equal rank as ambiguous, not as a pick', () => {
    const m = mapColumns(['customer', 'date', 'amount', 'total']);
    expect(m.fields.amount).toBeUndefined();
    expect(m.ambiguous.amount?.map((c) => c.column)).toEqual(['amount', 'total']);
  });
  it('prefers a primary synonym over a secondary one and says so', () => {
    const m = mapColumns(['Bokföringsdatum', 'Transaktionsdatum', 'Belopp', 'Meddelande']);
    expect(m.fields.date?.column).toBe('Bokföringsdatum');
    expect(m.notes.join()).toMatch(/Transaktionsdatum' also fits/);
  });
  it('uses a name column as the key only when there is no id column', () => {
    expect(mapColumns(['Company', 'Date', 'Amount']).fields.customer?.column).toBe('Company');
    const both = mapColumns(['Customer ID', 'Company', 'Date', 'Amount']);
    expect(both.fields.customer?.column).toBe('Customer ID');
    expect(both.fields.customer_name?.column).toBe('Company');
    expect(both.notes).toEqual([]);
  });
  it('lets an override win over a synonym, matching the header case-insensitively', () => {
    const m = mapColumns(['Dato', 'Valør', 'Beløb', 'Kunde'], { date: { column: 'valør', source: 'option' } });
    expect(m.fields.date).toMatchObject({ column: 'Valør', reason: 'option --date' });
  });
  it("takes a name given with --columns that is a field's own name as that field (Raiffeisen AT, ASN NL)", () => {
    const raiffeisen = ['date', 'text', 'value_date', 'amount', 'currency', 'timestamp', 'x'];
    const m = mapColumns(raiffeisen, {}, true);
    expect(m.fields.date).toMatchObject({ column: 'date', reason: "named 'date' by --columns" });
    expect(m.ambiguous.date).toBeUndefined();
    const asn = mapColumns(['date', 'account', 'counterparty', 'amount', 'booking_date', 'value_date', 'text'], {}, true);
    expect(asn.fields.date?.column).toBe('date');
    expect(asn.ambiguous.date).toBeUndefined();
    // A header read from the file is only a hint: the two dates stay a question for the values.
    expect(mapColumns(raiffeisen).ambiguous.date?.map((c) => c.column)).toEqual(['date', 'timestamp']);
  });
  it('takes a date or amount synonym after a transaction prefix as the weakest hint (trans_date, tran_amount)', () => {
    const m = mapColumns(['customer_id', 'trans_date', 'tran_amount']);
    expect(m.fields.date).toMatchObject({ column: 'trans_date', reason: "prefixed synonym 'transdate'" });
    expect(m.fields.amount).toMatchObject({ column: 'tran_amount', reason: "prefixed synonym 'tranamount'" });
    // A plain synonym wins; other words before a synonym are no hint.
    expect(mapColumns(['customer_id', 'trans_date', 'date', 'amount']).fields.date?.column).toBe('date');
    expect(mapColumns(['customer_id', 'birth_date', 'amount']).fields.date).toBeUndefined();
  });
  it('reads Hungarian and Czech transaction headers (Erste HU, Raiffeisen CZ)', () => {
    const erste = mapColumns(['Tranzakció dátuma', 'Partner neve', 'Tranzakció összege', 'Tranzakció devizaneme', 'Bevétel/Kiadás', 'Értéknap', 'Egyenleg', 'Devizanem']);
    expect([erste.fields.date?.column, erste.fields.amount?.column, erste.fields.currency?.column]).toEqual(['Tranzakció dátuma', 'Tranzakció összege', 'Tranzakció devizaneme']);
    const raiffeisen = mapColumns(['Datum provedení', 'Datum zaúčtování', 'Název protiúčtu', 'Zaúčtovaná částka', 'Měna účtu', 'Původní částka a měna']);
    expect(raiffeisen.fields.amount?.column).toBe('Zaúčtovaná částka');
  });
  it('refuses an override that names no column, listing the columns', () => {
    expect(() => mapColumns(['a', 'b'], { date: { column: 'Dato', source: 'option' } })).toThrow(/'Dato' given by --date is not in the header; columns are 'a', 'b'/);
  });
  it('finds a currency in the amount header', () => {
    expect(mapColumns(['Datum', 'Betrag (EUR)', 'Verwendungszweck']).headerCurrency).toBe('EUR');
  });
});

describe('detectKind', () => {
  it('sees a bank statement by its balance column', () => {
    expect(detectKind(mapColumns(['Dato', 'Tekst', 'Beløb', 'Saldo'])).kind).toBe('bank');
  });
  it('sees a bank statement by a text column without a customer column', () => {
    expect(detectKind(mapColumns(['Date', 'Description', 'Amount'])).kind).toBe('bank');
  });
  it('sees a loyalty export by its card or member key', () => {
    expect(detectKind(mapColumns(['card_id', 'date', 'amount'])).kind).toBe('loyalty');
    expect(detectKind(mapColumns(['Medlemsnummer', 'Dato', 'Beløp'])).kind).toBe('loyalty');
  });
  it('takes anything else with a customer column as a CRM export', () => {
    expect(detectKind(mapColumns(['Customer ID', 'Date', 'Amount'])).kind).toBe('crm');
  });
});
