/**
 * The canonical transaction fields and the header synonyms that map export columns onto them.
 *
 * Synonyms are compared after `normaliseHeader` (lower case, letters and digits only, a trailing
 * currency code removed), so `Customer ID`, `customer_id` and `CustomerID` are one synonym.
 * Each field has a primary list and, where exports commonly carry two dates or two names, a
 * secondary list: a primary match wins over a secondary one (and the choice is reported), two
 * matches of the same rank are an error that names both.
 */

import { CURRENCY_CODES, FIELD_NAMES, type FieldName } from './duckdb/conventions.js';

export { CURRENCY_CODES, FIELD_NAMES, type FieldName };

/** What a field's values are, which decides how they are parsed. */
export type FieldType = 'key' | 'text' | 'date' | 'number' | 'currency' | 'flag' | 'ignored';

export interface FieldSpec {
  readonly name: FieldName;
  readonly type: FieldType;
  /** The command-line option that overrides the mapping, if there is one. */
  readonly option?: string;
  readonly primary: readonly string[];
  readonly secondary?: readonly string[];
  readonly describe: string;
}

export const FIELDS: Readonly<Record<FieldName, FieldSpec>> = {
  customer: {
    name: 'customer',
    type: 'key',
    option: 'customer',
    describe: 'customer key',
    primary: [
      'customerid', 'customer', 'customerno', 'customernr', 'customernumber', 'customerkey', 'custid',
      'clientid', 'client', 'clientno', 'accountid', 'kunde', 'kundeid', 'kundenr', 'kundenummer',
      'kund', 'kundid', 'kundnr', 'kundnummer', 'kundennummer', 'kundennr', 'kundenid', 'asiakas',
      'asiakasnumero', 'asiakasnro', 'memberid', 'member', 'membernumber', 'medlem', 'medlemsnummer',
      'medlemsnr', 'medlemsid', 'cardid', 'cardno', 'cardnumber', 'loyaltyid', 'loyaltycard',
      'kortnummer', 'kortnr', 'kundekort', 'contactid', 'organization', 'organisation',
      'dealorganization', 'dealorganisation', 'debitor', 'debitornr', 'debitornummer', 'debtor',
      'debtorid',
    ],
    secondary: ['customername', 'companyname', 'company', 'accountname', 'kundenavn', 'kundnamn'],
  },
  customer_name: {
    name: 'customer_name',
    type: 'text',
    option: 'customer-name',
    describe: 'customer display name',
    primary: [
      'customername', 'clientname', 'accountname', 'companyname', 'company', 'firma', 'firmanavn',
      'foretag', 'företag', 'företagsnamn', 'foretagsnamn', 'kundenavn', 'kundnamn', 'kundenname',
      'membername', 'asiakkaannimi', 'debitornavn',
    ],
  },
  date: {
    name: 'date',
    type: 'date',
    option: 'date',
    describe: 'transaction date',
    primary: [
      'date', 'orderdate', 'invoicedate', 'closedate', 'purchasedate', 'saledate', 'salesdate',
      'transactiondate', 'bookingdate', 'postingdate', 'dateprocessed', 'dato', 'datum', 'dag',
      'bokföringsdag', 'bokforingsdag', 'bokföringsdatum', 'bokforingsdatum', 'bogføringsdato',
      'bogforingsdato', 'bokføringsdato', 'bokforingsdato', 'fakturadato', 'fakturadatum',
      'ordredato', 'orderdatum', 'ordredate', 'buchungstag', 'buchungsdatum', 'rechnungsdatum',
      'kirjauspäivä', 'kirjauspaiva', 'dealwontime', 'wontime', 'created', 'timestamp',
      'basketdate', 'kvittodatum', 'visitdate', 'datumzaúčtování', 'datumzauctovani',
      'operacijosdata', 'dátum', 'dátuma', 'datuma',
    ],
    secondary: [
      'transaktionsdatum', 'transaktionsdag', 'transaktionsdato', 'belegdatum', 'executiondate',
      'maksupäivä', 'maksupaiva', 'datumprovedení', 'datumprovedeni',
    ],
  },
  amount: {
    name: 'amount',
    type: 'number',
    option: 'amount',
    describe: 'signed amount',
    primary: [
      'amount', 'revenue', 'total', 'totalamount', 'sum', 'netamount', 'invoiceamount',
      'invoicetotal', 'ordertotal', 'ordervalue', 'salesamount', 'sales', 'dealvalue', 'value',
      'dollarvalue', 'basketamount', 'basketvalue', 'beløb', 'belob', 'belopp', 'beløp', 'belop',
      'betrag', 'bedrag', 'määrä', 'maara', 'summa', 'omsætning', 'omsaetning', 'omsättning',
      'omsattning', 'umsatz', 'buchungsbetrag', 'fakturabeløb', 'fakturabelopp', 'kvittobelopp',
      'nettobeløb', 'nettobelopp', 'částka', 'castka', 'suma', 'összeg', 'osszeg', 'összege', 'osszege',
    ],
  },
  order: {
    name: 'order',
    type: 'key',
    option: 'order',
    describe: 'order reference',
    primary: [
      'order', 'orderid', 'orderno', 'ordernr', 'ordernumber', 'orderref', 'orderreference',
      'invoice', 'invoiceno', 'invoicenr', 'invoiceid', 'invoicenumber', 'fakturanr',
      'fakturanummer', 'faktura', 'ordrenr', 'ordrenummer', 'ordernummer', 'bestellnummer',
      'rechnungsnummer', 'rechnungsnr', 'receipt', 'receiptid', 'receiptno', 'kvittonr',
      'kvittonummer', 'bonnr', 'basketid', 'transactionid', 'dealid',
    ],
  },
  quantity: {
    name: 'quantity',
    type: 'number',
    option: 'quantity',
    describe: 'quantity',
    primary: [
      'quantity', 'qty', 'units', 'antal', 'antall', 'anzahl', 'menge', 'kpl', 'stk',
      'styck', 'numberofcds', 'numberofitems', 'items',
    ],
  },
  unit_price: {
    name: 'unit_price',
    type: 'number',
    option: 'unit-price',
    describe: 'unit price',
    primary: [
      'unitprice', 'price', 'priceperunit', 'pris', 'stykpris', 'styckpris', 'enhetspris',
      'enhedspris', 'einzelpreis', 'preis', 'yksikköhinta', 'yksikkohinta', 'hinta',
    ],
  },
  margin: {
    name: 'margin',
    type: 'number',
    option: 'margin',
    describe: 'margin',
    primary: [
      'margin', 'grossmargin', 'profit', 'grossprofit', 'dækningsbidrag', 'daekningsbidrag',
      'täckningsbidrag', 'tackningsbidrag', 'dekningsbidrag', 'bruttofortjeneste', 'bruttovinst',
      'marginal', 'deckungsbeitrag', 'rohertrag', 'kate', 'myyntikate',
    ],
  },
  cost: {
    name: 'cost',
    type: 'number',
    option: 'cost',
    describe: 'cost',
    primary: [
      'cost', 'costs', 'cogs', 'costofgoods', 'kostpris', 'kostnad', 'omkostning', 'omkostninger',
      'vareforbrug', 'varukostnad', 'einstandspreis', 'kosten', 'wareneinsatz', 'inkøbspris',
      'inköpspris', 'innkjøpspris', 'kustannus',
    ],
  },
  currency: {
    name: 'currency',
    type: 'currency',
    option: 'currency-col',
    describe: 'currency',
    primary: [
      'currency', 'currencycode', 'currencyisocode', 'valuta', 'valutakode', 'valutakod',
      'währung', 'wahrung', 'waehrung', 'munt', 'devise', 'valuutta', 'dealcurrencyofvalue',
      'dealcurrency', 'devizaneme',
    ],
  },
  text: {
    name: 'text',
    type: 'text',
    option: 'text',
    describe: 'bank text',
    primary: [
      'tekst', 'text', 'beskrivning', 'beskrivelse', 'meddelande', 'description', 'details',
      'omschrijving', 'verwendungszweck', 'rubrik', 'transaktionstekst',
      'narrative', 'viesti', 'selite', 'transaktionsbeskrivning', 'transaktionsbeschreibung', 'umsatztext',
    ],
    secondary: ['memo', 'reference', 'referens', 'buchungstext'],
  },
  counterparty: {
    name: 'counterparty',
    type: 'text',
    option: 'counterparty',
    describe: 'counterparty name',
    primary: [
      'counterpartyname', 'payer', 'payername', 'payee', 'beneficiary', 'avsändare', 'avsandare',
      'afsender', 'betaler', 'betalare',
      'naamtegenpartij', 'tegenpartij', 'beguenstigterzahlungspflichtiger', 'auftraggeber',
      'zahlungspflichtiger', 'saajamaksaja', 'maksaja', 'partnerneve', 'counteraccountname',
      'empfänger', 'empfanger', 'empfaenger', 'modtager', 'mottagare', 'mottaker',
      'beneficiarypayer', 'payerbeneficiary', 'payeepayer', 'payerpayee', 'gavėjasmokėtojas',
      'mokėtojasgavėjas', 'názevprotiúčtu', 'nazevprotiuctu', 'protiúčet', 'zahlungsbeteiligter',
    ],
    // Generic names: in some exports the account holder's own name, in others an IBAN.
    secondary: ['counterparty', 'name', 'naam', 'namn', 'navn'],
  },
  credit: {
    name: 'credit',
    type: 'number',
    option: 'credit',
    describe: 'incoming amount',
    primary: [
      'credit', 'credits', 'deposit', 'deposits', 'inflow', 'moneyin', 'paidin', 'indsat',
      'indbetalt', 'insättning', 'insattning', 'innskudd', 'haben', 'gutschrift', 'bijschrijving',
      'kredit',
    ],
  },
  debit: {
    name: 'debit',
    type: 'number',
    option: 'debit',
    describe: 'outgoing amount',
    primary: [
      'debit', 'debits', 'debet', 'withdrawal', 'withdrawals', 'outflow', 'moneyout', 'paidout',
      'hævet', 'haevet', 'uttag', 'uttak', 'soll', 'afschrijving',
    ],
  },
  status: {
    name: 'status',
    type: 'text',
    option: 'status',
    describe: 'row status',
    primary: ['status', 'tila', 'state', 'transactionstatus', 'dealstatus'],
  },
  stage: {
    name: 'stage',
    type: 'text',
    option: 'stage',
    describe: 'deal stage',
    primary: ['stagename', 'stage', 'dealstage', 'iswon', 'won', 'fase', 'pipelinestage'],
  },
  due_date: {
    name: 'due_date',
    type: 'date',
    option: 'due-date',
    describe: 'invoice due date',
    primary: [
      'duedate', 'paymentdue', 'dueon', 'forfaldsdato', 'forfaldsdag', 'förfallodatum',
      'forfallodatum', 'förfallodag', 'forfallodag', 'forfallsdato', 'fälligkeitsdatum',
      'falligkeitsdatum', 'faelligkeitsdatum', 'fällig', 'erapäivä', 'erapaiva',
    ],
  },
  paid_date: {
    name: 'paid_date',
    type: 'date',
    option: 'paid-date',
    describe: 'payment date',
    primary: [
      'paiddate', 'paymentdate', 'datepaid', 'paidon', 'paid', 'betalt', 'betaltdato',
      'betalingsdato', 'betaldatum', 'betalningsdatum', 'betald', 'zahlungsdatum', 'bezahltam',
      'maksettu', 'maksupvm',
    ],
  },
  balance: {
    name: 'balance',
    type: 'ignored',
    describe: 'balance (ignored)',
    primary: [
      'balance', 'saldo', 'bokförtsaldo', 'bokfortsaldo', 'kontostand', 'saldonatrn',
      'runningbalance', 'availablebalance', 'disponibelt', 'disponibeltbelopp',
    ],
  },
  value_date: {
    name: 'value_date',
    type: 'ignored',
    describe: 'value date (ignored)',
    primary: [
      'valuedate', 'valutadag', 'valutadatum', 'valutadato', 'rentedatum', 'rentedato',
      'wertstellung', 'arvopäivä', 'arvopaiva', 'datumverrekening',
    ],
  },
  // Positive amounts with a flag that says which way the money went (see ./direction.ts).
  direction: {
    name: 'direction',
    type: 'flag',
    option: 'direction',
    describe: 'debit/credit flag',
    primary: [
      'dk', 'kd', 'debitcredit', 'creditdebit', 'debetkredit', 'kreditdebet', 'crdr', 'drcr', 'cd',
      'dc', 'sh', 'sollhaben', 'afbij', 'bijaf', 'innut', 'utinn', 'indud', 'udind', 'inout',
      'direction', 'debitcreditindicator', 'creditdebitindicator', 'cdindicator', 'dcindicator',
      'debitcreditflag', 'creditdebitflag', 'cdflag', 'dcflag',
    ],
  },
};


export interface NormalisedHeader {
  /** Lower case, letters and digits only: what synonyms are compared with. */
  readonly norm: string;
  /** A currency code written into the header, as in `Betrag (EUR)` or `Amount CZK`. */
  readonly currency?: string;
}

const HEADER_CURRENCY = new RegExp(
  `^(.*?)[\\s_(\\[-]+(?:in\\s+)?(${CURRENCY_CODES.join('|')})[)\\]]?$`,
  'i',
);

export function normaliseHeader(raw: string): NormalisedHeader {
  const trimmed = raw.normalize('NFC').trim();
  const match = HEADER_CURRENCY.exec(trimmed);
  const base = match?.[1] && match[1].trim() !== '' ? match[1] : trimmed;
  const norm = base.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const code = match?.[2];
  return code !== undefined && base !== trimmed ? { norm, currency: code.toUpperCase() } : { norm };
}

/** The option names for column overrides, as `--customer`, `--unit-price`, … */
export const OVERRIDABLE_FIELDS: readonly FieldSpec[] = FIELD_NAMES.map((n) => FIELDS[n]).filter(
  (f) => f.option !== undefined,
);
