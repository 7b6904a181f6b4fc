import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixture } from '../../../helpers/cli.js';
import { looksLikeData, sniffDialect } from '../../../../src/sources/files/dialect.js';

describe('sniffDialect', () => {
  it('finds the semicolon of a Danish bank export', () => {
    const d = sniffDialect('x', '"Dato";"Tekst";"Beløb"\r\n"01.02.2023";"A, B";"1.234,50"\r\n"02.02.2023";"C";"-5,00"\r\n', true);
    expect(d).toMatchObject({ type: 'delimited', delimiter: ';', newline: '\r\n', skip: 0, headerLine: 1, columns: ['Dato', 'Tekst', 'Beløb'] });
  });
  it("skips Swedbank's preamble line", () => {
    const text = '* Transaktioner Period 2023-01-01 – 2023-03-31\nRadnummer,Bokföringsdag,Beskrivning,Belopp\n1,2023-03-28,Swish,250.00\n2,2023-03-27,BG,-10.00\n';
    expect(sniffDialect('x', text, true)).toMatchObject({ delimiter: ',', skip: 1, headerLine: 2 });
  });
  it("skips Länsförsäkringar's four header rows", () => {
    const text = '"Kontoutdrag";\n"Konto";"9023"\n"Period";"2024"\n"";\n"Bokföringsdatum";"Transaktionsdatum";"Transaktionstyp";"Meddelande";"Belopp"\n"2024-03-28";"2024-03-27";"Insättning";"Faktura 1001";"12 500,00"\n"2024-03-20";"2024-03-19";"Betalning";"Hyra";"-8 000,00"\n';
    expect(sniffDialect('x', text, true)).toMatchObject({ delimiter: ';', skip: 4, headerLine: 5 });
  });
  it('prefers a split into more fields over one that splits on decimal commas', () => {
    const text = 'Dato;Tekst;Beløb\n18.09.2017;HOFER;-33,87\n19.09.2017;SPAR;-23,55\n20.09.2017;LIDL;-24,11\n';
    expect(sniffDialect('x', text, true)).toMatchObject({ delimiter: ';' });
  });
  it("does not split on decimal commas when ';' splits every line (Livebank: 10 names over rows of 12-14 fields)", () => {
    const text = [
      'Konto;Datum;Waehrung;Betrag;Buchungstext;Umsatztext',
      '1;2013-07-03;EUR;150,00;"Datenträger-Umsatz";A name;"A text"',
      '1;2013-07-01;EUR;0,00;"Verständigung";"Bonuszins 0,60 %";"Basiszins 0,50 %";"1,10 %"',
      '1;2013-06-10;EUR;-100,00;"Internetauftrag";"A text";"A reference"',
      '1;2013-06-05;EUR;5.000,00;"Datenträger-Umsatz";"A name";"A text"',
      '',
    ].join('\n');
    const d = sniffDialect('x', text, true);
    // The header names the first six columns; the text runs on in unnamed columns, which the
    // reader pads with NULL on shorter rows: no row is dropped.
    expect(d).toMatchObject({ delimiter: ';', skip: 0, headerLine: 1, ragged: true, columns: ['Konto', 'Datum', 'Waehrung', 'Betrag', 'Buchungstext', 'Umsatztext', 'column7', 'column8'] });
    expect(sniffDialect('x', text, true, { delimiter: ';' })).toMatchObject({ skip: 0, headerLine: 1, ragged: true });
  });
  it('never suggests a --skip that would drop rows of another width', () => {
    const text = 'Datum;Betrag;Text\n2013-07-03;150,00;A;x\n2013-07-05;20,00\n2013-07-06;30,00;B;x;z\n2013-07-07;5,00;C;y;z\n2013-07-08;6,00;D;y;z\n2013-07-09;7,00;E;y;z\n';
    expect(() => sniffDialect('x', text, true)).toThrow(/line 1 \(3 fields\) do not have one number of fields: 2 to 5 \(line 2 has 4, line 4 has 5\).*would drop 2 rows/);
  });
  it('still splits on commas when a comma sits between letters', () => {
    const text = 'Datum,Betrag\n2013-07-03,"150,00"\n2013-07-01,"a;b"\n2013-06-10,5\n';
    expect(sniffDialect('x', text, true)).toMatchObject({ delimiter: ',', columns: ['Datum', 'Betrag'] });
  });
  it('reads whitespace-aligned text such as CDNOW', () => {
    const text = ' customer_id  date number_of_cds  dollar_value\r\n00001 19970101 1 11.77\r\n00002 19970112 1 12.00\r\n';
    expect(sniffDialect('x', text, true)).toMatchObject({ type: 'whitespace', columns: ['customer_id', 'date', 'number_of_cds', 'dollar_value'] });
  });
  it('handles old Mac line ends', () => {
    expect(sniffDialect('x', 'a,b\r1,2\r3,4\r', true)).toMatchObject({ newline: '\r', columns: ['a', 'b'] });
  });
  it('refuses a file whose first line is data, asking for --columns', () => {
    expect(() => sniffDialect('x', '18.09.2017;HOFER;-33,87\n19.09.2017;SPAR;-23,55\n', true)).toThrow(/line 1 looks like data.*--columns/);
  });
  it('names headerless columns with --columns', () => {
    const d = sniffDialect('x', '18.09.2017;HOFER;-33,87\n19.09.2017;SPAR;-23,55\n', true, { columns: ['date', 'text', 'amount'] });
    expect(d).toMatchObject({ headerLine: 0, skip: 0, columns: ['date', 'text', 'amount'] });
  });
  it('reads a one-line file as its one row when --columns names its fields (Barclaycard, POSB)', () => {
    const barclaycard = '10 Feb 18," Shop Name, AnyTown20.59 POUND STERLING GREAT BRITAIN ",Visa,MR A SURNAME,Household,,20.59\n';
    const d = sniffDialect('x', barclaycard, true, { columns: ['date', 'text', 'card', 'holder', 'category', 'credit', 'debit'] });
    expect(d).toMatchObject({ delimiter: ',', headerLine: 0, skip: 0 });
    const posb = "27 Feb 2018,UMC-, 7.80, ,MCDONALD'S (TAM KIOSK) SI NG 22FEB,,,\n";
    expect(sniffDialect('x', posb, true, { columns: ['date', 'code', 'debit', 'credit', 'text', 'x1', 'x2', 'x3'] })).toMatchObject({ delimiter: ',', headerLine: 0, skip: 0 });
    // Without --columns the one line is still a header without rows.
    expect(() => sniffDialect('x', posb, true)).toThrow(/only one line/);
  });
  it('with --columns, replaces a header line that its values show to be one, and keeps a data line as data', () => {
    const withHeader = 'Dato;Tekst;Beløb\n18.09.2017;HOFER;-33,87\n19.09.2017;SPAR;-23,55\n';
    const d = sniffDialect('x', withHeader, true, { columns: ['date', 'text', 'amount'] });
    expect(d).toMatchObject({ headerLine: 0, skip: 1, columns: ['date', 'text', 'amount'] });
    expect(d.reason).toMatch(/line 1 is a header.*--columns replaces/);
    const headerless = '18.09.2017;HOFER;-33,87\n19.09.2017;SPAR;-23,55\n';
    expect(sniffDialect('x', headerless, true, { columns: ['date', 'text', 'amount'] })).toMatchObject({ headerLine: 0, skip: 0 });
  });
  it('refuses --columns of the wrong length', () => {
    expect(() => sniffDialect('x', '1;2;3\n4;5;6\n', true, { columns: ['a', 'b'] })).toThrow(/names 2 columns, but line 1 has 3 fields/);
  });
  it('takes --skip over the detected preamble', () => {
    expect(sniffDialect('x', 'junk\njunk\na,b\n1,2\n3,4\n', true, { skip: 2 })).toMatchObject({ skip: 2, headerLine: 3 });
  });
  it('says when there is no table', () => {
    expect(() => sniffDialect('x', 'just prose\nmore prose\n', true)).toThrow(/found no table/);
  });
  it("skips German ING's 14 lines of key;value account details, blank lines and a note", () => {
    const text = 'Umsatzanzeige;Datei erstellt am: 28.03.2020 10:14\n;Letztes Update: aktuell\n\nIBAN;DE91 1000 0000 0123 4567 89\nKontoname;Girokonto\nBank;ING\nKunde;Joe Money\nZeitraum;01.04.2019 - 30.04.2019\nSaldo;616,69;EUR\n\nSortierung;Datum absteigend\n\nIn der CSV-Datei finden Sie alle bereits gebuchten Umsätze.\n\nBuchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung\n26.04.2019;26.04.2019;Acme Corp GmbH;Gutschrift;LOHN;12.604,42;EUR;3.784,22;EUR\n24.04.2019;29.04.2019;VISA RYANAIR;Lastschrift;NR81;6.823,05;EUR;-16,00;EUR\n';
    const d = sniffDialect('x', text, true);
    expect(d).toMatchObject({ delimiter: ';', skip: 14, headerLine: 15 });
    expect(d.columns.slice(-3)).toEqual(['Währung', 'Betrag', 'Währung_2']);
  });
  it('still refuses a real table before the table (two exports in one file)', () => {
    const first = ['id;date;amount', ...Array.from({ length: 6 }, (_, k) => `C${k};2024-01-1${k};1${k},50`)];
    const text = `${first.join('\n')}\n\ncustomer,date,amount,note\n${Array.from({ length: 12 }, (_, k) => `D${k},2024-02-1${k % 10},2.50,x`).join('\n')}\n`;
    expect(() => sniffDialect('x', text, true)).toThrow(/hold a table of their own/);
  });
  it("does not split on the decimal commas of an Austrian '|' export without a header (fixtures/values/kta-at.dat)", () => {
    const text = readFileSync(fixture('values/kta-at.dat'), 'latin1');
    expect(() => sniffDialect('x', text, true)).toThrow('line 2 looks like data, not a header; name the 6 columns with --columns a,b,… --skip 1');
    expect(sniffDialect('x', text, true, { columns: ['a', 'text', 'date', 'name', 'amount', 'b'], skip: 1 })).toMatchObject({ delimiter: '|' });
  });
  it('refuses records that span two lines (OCBC: a row, then a line of more text only), saying what to join', () => {
    const ocbc = [
      'Account details for:,FRANK Account 666-666666-666', 'Available Balance,"6,666.66"', 'Ledger Balance,"6,666.66"', '', 'Transaction History ',
      'Transaction date,Value date,Description,Withdrawals (SGD),Deposits (SGD)',
      '18/04/2018,18/04/2018,DEBIT PURCHASE,6.66,', ',,15/04/18  66-6666 UBER EATS AN2GO HELP.UBERh ',
      '18/04/2018,18/04/2018,CCY CONVERSION FEE,6.66,', ',,  FOR: 6.66 SGD ',
      '17/04/2018,17/04/2018,CASH WITHDRAWAL  ATM,66.66,', ',,66-6666 OCBC-666 BRANCH          S', '',
    ].join('\n');
    const message = /from line 7, 3 rows of 5 fields are followed by 3 lines that hold only more text in field 3 \('Description'\), like line 8 .*join each such line to the 'Description' of the row above.*--skip 5/;
    expect(() => sniffDialect('x', ocbc, true)).toThrow(message);
    expect(() => sniffDialect('x', ocbc, true, { skip: 5 })).toThrow(message);
    // Once joined, the same lines are a table.
    const joined = ocbc.split('\n').filter((l) => !l.startsWith(',,')).join('\n');
    expect(sniffDialect('x', joined, true)).toMatchObject({ delimiter: ',', skip: 5, headerLine: 6 });
  });
  it('gives duplicate and empty header names unique names', () => {
    expect(sniffDialect('x', 'a;;a\n1;2;3\n4;5;6\n', true).columns).toEqual(['a', 'column2', 'a_2']);
  });
});

describe('helpers', () => {
  it('tell data from a header', () => {
    expect(looksLikeData(['Dato', 'Beløb'])).toBe(false);
    expect(looksLikeData(['18.09.2017', 'x'])).toBe(true);
    expect(looksLikeData(['x', '-33,87'])).toBe(true);
  });
});
