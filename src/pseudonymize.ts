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

/**
 * Why an attribute column looks personal (by its name, or by most of its values), or null.
 * Digits-only columns count as phone numbers only when their header says so (many codes are
 * digits), but as personal ids when most values have a personal id's shape.
 */
export function personalColumn(name: string, values: readonly string[]): string | null {
  if (PERSONAL_HEADER.test(name)) return `its name '${name}' suggests personal data`;
  const sample = values.filter((v) => v.trim() !== '').slice(0, 1000);
  if (sample.length === 0) return null;
  const share = (re: RegExp): number => sample.filter((v) => re.test(v.trim())).length / sample.length;
  if (share(EMAIL) >= 0.5) return 'its values look like e-mail addresses';
  if (share(PERSONAL_ID) >= 0.5) return 'its values look like personal id numbers';
  if (share(PHONE) >= 0.5 && sample.some((v) => /[ +()/-]/.test(v.trim()))) return 'its values look like phone numbers';
  return null;
}
