/**
 * --pseudonymize: reports carry personal data (names, e-mails, amounts); with this option every
 * output shows stable keyed pseudonyms instead of customer keys and names, and drops attribute
 * columns that look like e-mail addresses, phone numbers or personal ids. The pseudonym is an
 * HMAC-SHA-256 of the value under a key the user keeps: the same customer gets the same pseudonym
 * in every run with that key, and nobody without the key can recompute it from a list of names.
 * There is no default key: a default would let anyone reverse the pseudonyms.
 */
import { createHmac } from 'node:crypto';

export interface Pseudonymizer {
  /** A customer's pseudonym, from their key. */
  customer(key: string): string;
  /** A member of staff (who picked a customer), pseudonymised apart from customers. */
  staff(name: string): string;
}

export function makePseudonymizer(key: Buffer): Pseudonymizer {
  const cache = new Map<string, string>();
  const mac = (kind: string, value: string, prefix: string): string => {
    const id = `${kind}\u0000${value}`;
    let out = cache.get(id);
    if (out === undefined) {
      out = `${prefix}${createHmac('sha256', key).update(id).digest('hex').slice(0, 12)}`;
      cache.set(id, out);
    }
    return out;
  };
  return {
    customer: (value) => mac('customer', value, 'C-'),
    staff: (value) => mac('staff', value, 'S-'),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Phone numbers: digits with the usual separators, 7 to 15 digits, optionally +country code.
const PHONE = /^(\+|00)?[\d ()./-]{7,20}$/;
// Nordic personal ids: Swedish personnummer (yymmdd-nnnn, yyyymmdd-nnnn), Danish CPR (ddmmyy-nnnn),
// Norwegian fødselsnummer (11 digits), Finnish henkilötunnus (ddmmyy[-+A]nnnX).
const PERSONAL_ID = /^(\d{6}|\d{8})[-+]?\d{4}$|^\d{11}$|^\d{6}[-+A]\d{3}[0-9A-Z]$/i;
const PERSONAL_HEADER =
  /e-?mail|epost|e-post|phone|telefon|tlf|mobil|cell|personnummer|person_?nr|cpr|fødselsnummer|fodselsnummer|ssn|social.?security|henkilötunnus|hetu|birth|fødsel|födelse|contact|kontakt/i;

// Inside free text: an e-mail address, a phone number (+ or 0, then 8 to 15 digits with the usual
// separators), an IBAN (checked by its mod-97 check digits, so that codes that look like one pass).
const EMAIL_IN = /[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[A-Za-z]{2,}/;
const PHONE_IN = /(?<![\d\p{L}])(?:\+|00?)\d[\d ()/-]{6,20}\d(?!\d)/gu;
const DATE_LIKE = /^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}$/;
const IBAN_IN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;

function hasPhone(v: string): boolean {
  for (const m of v.matchAll(PHONE_IN)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits >= 8 && digits <= 15 && !DATE_LIKE.test(m[0].trim())) return true;
  }
  return false;
}

function validIban(candidate: string): boolean {
  const s = candidate.replace(/ /g, '');
  if (s.length < 15 || s.length > 34) return false;
  const moved = `${s.slice(4)}${s.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of moved) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

function hasIban(v: string): boolean {
  return [...v.toUpperCase().matchAll(IBAN_IN)].some((m) => validIban(m[0]));
}

/**
 * Free text: notes, descriptions, references that differ from customer to customer. Mostly
 * unique values (over half distinct, among 10 or more) of words, or long ones (a third with four
 * or more words): they may hold anything, names included, and no reader can vouch for them.
 */
function freeText(sample: readonly string[]): boolean {
  // Words of letters: 'NO93 8601 1117 947' is a code, not four words.
  const words = (v: string): number => v.trim().split(/\s+/).filter((t) => /^\p{L}[\p{L}'’.,-]*$/u.test(t)).length;
  const long = sample.filter((v) => words(v) >= 4).length;
  if (long >= sample.length / 3) return true;
  const distinct = new Set(sample.map((v) => v.trim().toLowerCase())).size;
  return sample.length >= 10 && distinct > sample.length / 2 && sample.filter((v) => /\p{L}/u.test(v)).length > sample.length / 2;
}

/**
 * Why an attribute column looks personal (by its name, or by most of its values), or null.
 * Digits-only columns count as phone numbers only when their header says so (many codes are
 * digits), but as personal ids when most values have a personal id's shape. Any value with an
 * e-mail address, a phone number or an IBAN in it, or free text, is enough: one is a leak.
 */
export function personalColumn(name: string, values: readonly string[]): string | null {
  if (PERSONAL_HEADER.test(name)) return `its name '${name}' suggests personal data`;
  const sample = values.filter((v) => v.trim() !== '');
  if (sample.length === 0) return null;
  const head = sample.slice(0, 1000);
  const share = (re: RegExp): number => head.filter((v) => re.test(v.trim())).length / head.length;
  if (share(EMAIL) >= 0.5) return 'its values look like e-mail addresses';
  if (share(PERSONAL_ID) >= 0.5) return 'its values look like personal id numbers';
  // Dates (2021-03-04) have a phone number's characters, not its shape.
  const phoneLike = head.filter((v) => PHONE.test(v.trim()) && !DATE_LIKE.test(v.trim())).length / head.length;
  if (phoneLike >= 0.5 && head.some((v) => /[ +()/-]/.test(v.trim()))) return 'its values look like phone numbers';
  if (sample.some((v) => EMAIL_IN.test(v))) return 'its values contain e-mail addresses';
  if (sample.some(hasPhone)) return 'its values contain phone numbers';
  if (sample.some(hasIban)) return 'its values contain IBANs';
  if (freeText(sample)) return 'free text: its values are long or differ from customer to customer, and may name people';
  return null;
}

/** Whether a value names its own customer: holds the customer's key or name as whole words (3 characters or more). */
export function namesOwnCustomer(value: string, key: string, name: string): boolean {
  const v = value.toLowerCase();
  return [key, name].some((x) => {
    const t = x.trim().toLowerCase();
    if (t.length < 3) return false;
    const at = v.indexOf(t);
    if (at < 0) return false;
    const before = v[at - 1];
    const after = v[at + t.length];
    const word = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
    return !word(before) && !word(after);
  });
}
