/**
 * The fields of a CRM deals (opportunities) export and the header synonyms that find them, for the
 * English exports of HubSpot, Pipedrive and Salesforce and the Nordic and German words the
 * transaction synonyms already know. Pure: header names in, a mapping out.
 *
 * Deals are no transactions: a deal has a stage, a created and a close date, a channel and a
 * number of activities; the columns no field claims are the portrait fields (industry, size, …).
 */
import { DataError, UsageError } from '../../kernel/errors.js';
import { FIELDS, normaliseHeader } from './fields.js';

export const DEAL_FIELD_NAMES = [
  'deal',
  'company',
  'company_name',
  'stage',
  'status',
  'created',
  'closed',
  'amount',
  'channel',
  'category',
  'activities',
  'owner',
] as const;

export type DealFieldName = (typeof DEAL_FIELD_NAMES)[number];

export interface DealFieldSpec {
  readonly type: 'text' | 'key' | 'date' | 'number';
  readonly describe: string;
  readonly synonyms: readonly string[];
}

export const DEAL_FIELDS: Readonly<Record<DealFieldName, DealFieldSpec>> = {
  deal: {
    type: 'text',
    describe: 'deal id or name',
    synonyms: [
      'recordid', 'dealid', 'dealname', 'dealtitle', 'deal', 'opportunityid', 'opportunityname',
      'opportunity', 'title', 'id', 'dealnummer', 'affärsnummer', 'affär', 'affaer', 'salgsmulighed',
      'salgsmulighet', 'affärsmöjlighet', 'verkaufschance', 'opportunitynummer', 'myyntimahdollisuus',
      // A leads or prospects export's own record ID: `score` keeps it so that scores join back.
      'leadid', 'prospectid', 'leadnumber', 'leadnummer', 'leadnr', 'recordnumber',
    ],
  },
  company: {
    type: 'key',
    describe: 'company key',
    synonyms: [
      'associatedcompanyid', 'companyid', 'accountid', 'organizationid', 'organisationid', 'orgid',
      'dealorganizationid', 'dealorganisationid', 'organizationorganizationid', 'customerid',
      ...FIELDS.customer.primary.filter((s) => !['organization', 'organisation', 'dealorganization', 'dealorganisation', 'contactid'].includes(s)),
    ],
  },
  company_name: {
    type: 'text',
    describe: 'company name',
    synonyms: [
      'associatedcompany', 'companyname', 'company', 'accountname', 'account', 'dealorganization',
      'dealorganisation', 'organization', 'organisation', 'organizationname', 'potentialcustomer', 'bedrijf',
      'bedrijfsnaam', 'organisatie', ...FIELDS.customer_name.primary,
    ],
  },
  stage: {
    type: 'text',
    describe: 'deal stage',
    synonyms: [
      'dealstage', 'stage', 'stagename', 'pipelinestage', 'salesstage', 'opportunitystage', 'fase',
      'salgsfase', 'säljfas', 'saljfas', 'fas', 'steg', 'stadie', 'phase', 'verkaufsphase', 'vaihe',
      'myyntivaihe',
    ],
  },
  status: {
    type: 'text',
    describe: 'won/lost status',
    synonyms: ['dealstatus', 'status', 'statusreason', 'won', 'iswon', 'wonlost', 'outcome', 'result', 'tila', 'zustand', 'ergebnis', 'resultat', 'utfall', 'udfald'],
  },
  created: {
    type: 'date',
    describe: 'created date',
    synonyms: [
      'createdate', 'createddate', 'dealdealcreated', 'dealcreated', 'dealcreatedate', 'created',
      'createdat', 'createdon', 'dateadded', 'dealaddtime', 'addtime', 'oprettet', 'oprettetdato',
      'oprettelsesdato', 'skapad', 'skapaddatum', 'opprettet', 'opprettetdato', 'erstellt', 'erstelltam',
      'erstellungsdatum', 'angelegtam', 'angelegt', 'luotu', 'luontipäivä', 'luontipaiva', 'aangemaaktop',
      'aangemaakt', 'aanmaakdatum', 'engagedate', 'opprettetden',
    ],
  },
  closed: {
    type: 'date',
    describe: 'close date',
    synonyms: [
      'closedate', 'closeddate', 'actualclosedate', 'dealwontime', 'wontime', 'dealclosedon', 'dealdealclosedon',
      'closedon', 'dateclosed', 'wondate', 'lukkedato', 'lukket', 'afsluttet', 'stängd',
      'stangd', 'stängningsdatum', 'stangningsdatum', 'avslutsdatum', 'avsluttet', 'abschlussdatum',
      'geschlossenam', 'gewonnenam', 'suljettu', 'sulkemispäivä', 'sulkemispaiva', 'afgeslotenop',
      'sluitingsdatum',
    ],
  },
  amount: {
    type: 'number',
    describe: 'deal amount',
    synonyms: [
      'amount', 'dealvalue', 'value', 'dealamount', 'actualrevenue', 'estrevenue', 'estimatedrevenue', 'amountincompanycurrency', 'amountinhomecurrency',
      'opportunityamount', 'expectedrevenue', 'closevalue', 'dealsize', 'bedrag', 'waarde', 'værdi', 'vaerdi', 'värde', 'varde', 'verdi', 'wert',
      'auftragswert', 'betrag', 'beløb', 'belob', 'belopp', 'beløp', 'belop', 'arvo', 'summa',
    ],
  },
  channel: {
    type: 'text',
    describe: 'channel or source',
    synonyms: [
      'originalsource', 'leadsource', 'dealsourcechannel', 'sourcechannel', 'source', 'dealsource',
      'channel', 'origin', 'kanal', 'kilde', 'leadkilde', 'källa', 'kalla', 'leadkälla', 'leadkalla',
      'quelle', 'leadquelle', 'herkunft', 'lähde', 'lahde', 'liidinlähde',
    ],
  },
  category: {
    type: 'text',
    describe: 'product category or pipeline',
    synonyms: [
      'productcategory', 'category', 'productfamily', 'productline', 'product', 'dealpipeline',
      'pipeline', 'kategori', 'produktkategori', 'produkt', 'kategorie', 'produktgruppe',
      'produktgrupp', 'tuoteryhmä', 'tuoteryhma', 'tuote',
    ],
  },
  activities: {
    type: 'number',
    describe: 'number of activities',
    synonyms: [
      'numberofsalesactivities', 'numberofactivities', 'dealtotalactivities', 'totalactivities',
      'activities', 'activitycount', 'numberoftimescontacted', 'contacts', 'touches', 'aktiviteter',
      'antalaktiviteter', 'antallaktiviteter', 'aktivitäten', 'aktivitaten', 'anzahlaktivitäten',
      'anzahlaktivitaten', 'aktiviteetit',
    ],
  },
  owner: {
    type: 'text',
    describe: 'deal owner',
    synonyms: [
      'dealowner', 'owner', 'opportunityowner', 'ourcontact', 'ownername', 'dealownername', 'salesrep', 'user',
      'salesagent', 'salesperson', 'salesrepresentative', 'accountmanager', 'eigenaar', 'verkoper',
      'ansvarlig', 'ejer', 'ägare', 'agare', 'eier', 'besitzer', 'verantwortlich', 'inhaber',
      'omistaja', 'sælger', 'saelger', 'säljare', 'saljare', 'selger', 'vastuuhenkilö',
    ],
  },
};

export interface DealColumn {
  readonly field: DealFieldName;
  readonly column: string;
  readonly index: number;
  /** `synonym 'dealstage'`, `map file`. */
  readonly reason: string;
}

export interface DealMapping {
  readonly fields: Partial<Record<DealFieldName, DealColumn>>;
  /** Columns no field claimed: the portrait fields. */
  readonly others: readonly { readonly column: string; readonly index: number }[];
}

export type DealOverrides = Partial<Record<DealFieldName, string>>;

function listColumns(headers: readonly string[]): string {
  return headers.map((h) => `'${h}'`).join(', ');
}

/** The column a name given by the user means: exact, then without case, then normalised. */
export function findHeader(headers: readonly string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const caseless = headers.findIndex((h) => h.toLowerCase() === wanted.toLowerCase());
  if (caseless >= 0) return caseless;
  const norm = normaliseHeader(wanted).norm;
  return headers.findIndex((h) => normaliseHeader(h).norm === norm);
}

/**
 * Maps header names onto deal fields: the map file's columns first, then synonyms in field order
 * (a column serves one field). Two columns with a synonym of one field are an error that names
 * both, never a guess. `notDates` holds the columns whose values showed they hold no dates.
 */
export function mapDealColumns(headers: readonly string[], overrides: DealOverrides = {}, how = 'the map file', notDates: ReadonlySet<number> = new Set()): DealMapping {
  const fields: Partial<Record<DealFieldName, DealColumn>> = {};
  const used = new Set<number>();
  for (const name of DEAL_FIELD_NAMES) {
    const wanted = overrides[name];
    if (wanted === undefined) continue;
    const index = findHeader(headers, wanted);
    if (index < 0) throw new UsageError(`column '${wanted}' given for ${name} by ${how} is not in the header; columns are ${listColumns(headers)}`);
    if (used.has(index)) throw new UsageError(`column '${headers[index]}' is given for two fields by ${how}; give each field its own column`);
    used.add(index);
    fields[name] = { field: name, column: headers[index]!, index, reason: how === 'the map file' ? 'map file' : how };
  }
  const norms = headers.map((h) => normaliseHeader(h).norm);
  for (const name of DEAL_FIELD_NAMES) {
    if (fields[name]) continue;
    const synonyms = DEAL_FIELDS[name].synonyms;
    // The earliest synonym in the list wins: `Deal Name` is the deal when there is no `Record ID`.
    let best: { index: number; rank: number }[] = [];
    norms.forEach((n, index) => {
      if (used.has(index) || (notDates.has(index) && DEAL_FIELDS[name].type === 'date')) return;
      const rank = synonyms.indexOf(n);
      if (rank < 0) return;
      if (best.length === 0 || rank < best[0]!.rank) best = [{ index, rank }];
      else if (rank === best[0]!.rank) best.push({ index, rank });
    });
    if (best.length === 0) continue;
    if (best.length > 1) {
      const [a, b] = best.map((x) => `'${headers[x.index]}'`);
      throw new DataError(`columns ${a} and ${b} both look like the ${DEAL_FIELDS[name].describe}; name the one to use in a map file: {"columns": {"${name}": ${a?.replaceAll("'", '"')}}}`);
    }
    const hit = best[0]!;
    used.add(hit.index);
    fields[name] = { field: name, column: headers[hit.index]!, index: hit.index, reason: `synonym '${norms[hit.index]}'` };
  }
  const others = headers.map((column, index) => ({ column, index })).filter((c) => !used.has(c.index));
  return { fields, others };
}

export type Outcome = 'won' | 'lost' | 'open';

// Won and lost in English, Danish, Swedish, Norwegian, German and Finnish, and as booleans
// (Salesforce's `Won` column is true/false or 1/0).
const WON_WORDS = /^(closed[ _-]?won|won|deal won|vundet|vunnet|vunnen|vundne|gewonnen|auftrag erhalten|voitettu|true|yes|ja|1)$/i;
const LOST_WORDS = /^(closed[ _-]?lost|lost|deal lost|tabt|tapt|förlorad|forlorad|förlorat|forlorat|förlorade|verloren|hävitty|havitty|canceled|cancelled|out-sold|outsold|false|no|nej|nei|nein|0)$/i;
const OPEN_WORDS = /^(open|åben|aben|åpen|apen|öppen|oppen|offen|avoin|in progress|active|aktiv)$/i;

const NOT_WON = /^(false|no|nej|nei|nein|0)$/i;

/**
 * The outcome from a status (or won) value and the stage. A boolean `Won` column's false means
 * only "not won": the stage then says lost or open (Salesforce's open opportunities are Won =
 * false); without a stage it is lost.
 */
export function dealOutcome(status: string | null, stage: string | null): Outcome | undefined {
  const fromStage = stage !== null ? outcomeOf(stage) : undefined;
  if (status !== null && NOT_WON.test(status.trim())) return fromStage === 'won' ? undefined : stage !== null ? (fromStage ?? 'open') : 'lost';
  return (status !== null ? outcomeOf(status) : undefined) ?? fromStage;
}

/** What a status or stage value says about the outcome; undefined when it says nothing. */
export function outcomeOf(value: string): Outcome | undefined {
  const v = value.trim();
  if (WON_WORDS.test(v)) return 'won';
  if (LOST_WORDS.test(v)) return 'lost';
  if (OPEN_WORDS.test(v)) return 'open';
  return undefined;
}

/**
 * The default order of open stages, for `--after-stage` when `--stages` is not given: each step
 * is a set of words used by HubSpot, Pipedrive and Salesforce default pipelines and their
 * Nordic and German names. A stage in none of them needs `--stages`.
 */
export const DEFAULT_STAGES: readonly { readonly step: string; readonly words: readonly string[] }[] = [
  { step: 'new', words: ['new', 'lead', 'lead in', 'prospecting', 'appointment scheduled', 'contact made', 'contacted', 'ny', 'nyt', 'neu', 'uusi', 'kontakt', 'kontaktet', 'kontaktad', 'erstkontakt'] },
  {
    step: 'qualified',
    words: ['qualified', 'qualification', 'qualified to buy', 'needs analysis', 'value proposition', 'id. decision makers', 'demo scheduled', 'presentation scheduled', 'kvalificeret', 'kvalificerad', 'kvalifisert', 'qualifiziert', 'kvalifioitu', 'bedarfsanalyse', 'behovsanalyse', 'behovsanalys'],
  },
  { step: 'proposal', words: ['proposal', 'proposal made', 'proposal/price quote', 'quote', 'perception analysis', 'decision maker bought-in', 'tilbud', 'tilbud sendt', 'offert', 'offert skickad', 'angebot', 'angebot gesendet', 'tarjous'] },
  { step: 'negotiation', words: ['negotiation', 'negotiation/review', 'negotiations started', 'contract sent', 'forhandling', 'förhandling', 'forhandlinger', 'verhandlung', 'neuvottelu', 'kontrakt sendt', 'avtal skickat'] },
];

/** The step of a stage: its position in `--stages`, or in the default vocabulary; -1 when unknown. */
export function stageStep(stage: string, order: readonly string[] | undefined): number {
  const s = stage.trim().toLowerCase();
  if (order) return order.findIndex((o) => o.trim().toLowerCase() === s);
  return DEFAULT_STAGES.findIndex((d) => d.words.includes(s));
}

const ATTRIBUTE_PREFIX = /^(organization|organisation|company|account|person|contact|deal|lead)(?=.)/;

/** An attribute column's name for matching: normalised, a leading owner word removed. */
export function attributeKey(name: string): string {
  return normaliseHeader(name).norm.replace(ATTRIBUTE_PREFIX, '');
}
