/**
 * ClickHouse names, literals and the server URL, checked and quoted: what options parsing needs
 * before any connection, without loading the ClickHouse client (42 modules) on every run.
 *
 * ClickHouse 18.16 (Debian's) has no query parameters (`{name:Type}`, 19.x+) and no CTEs: the
 * statements quote every value with `chString`/`chDate` and every name with `chIdent`, after
 * `checkIdentifier` has refused anything but plain names.
 */
import { UsageError } from '../../kernel/errors.js';

export interface ClickHouseTarget {
  readonly url: string;
  readonly user?: string;
  readonly password?: string;
  /** Per request, in milliseconds. */
  readonly timeoutMs?: number;
  /** Follow each SELECT's progress (for the progress line on a terminal). */
  readonly progress?: boolean;
  /** PEM certificate(s) of the authority that signed an https server's certificate (else the system's). */
  readonly caCert?: Buffer;
}

/** A table or column name: letters, digits and underscores, optionally `database.table`. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function checkIdentifier(name: string, what: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((p) => NAME.test(p))) {
    throw new UsageError(`${what} '${name}' is no plain ClickHouse name; use letters, digits and underscores (database.table at most)`);
  }
  return name;
}

/** A checked name, back-quoted (database and table quoted apart). */
export function chIdent(name: string): string {
  return checkIdentifier(name, 'name')
    .split('.')
    .map((p) => `\`${p}\``)
    .join('.');
}

/** A string literal, escaped as ClickHouse reads it (backslash and quote). */
export function chString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** An ISO date literal; anything else is refused rather than quoted. */
export function chDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new UsageError(`'${iso}' is no ISO date (YYYY-MM-DD)`);
  return `toDate('${iso}')`;
}

/** The URL as it may be printed: no user name, no password, no query string. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export function checkUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`--url '${displayUrl(url)}' is no URL; give one such as http://127.0.0.1:8123`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--url must start with http:// or https://, not ${u.protocol}`);
  if (u.username !== '' || u.password !== '') throw new UsageError('--url must not carry credentials; use --user and --password-file (or SEGMENT_CLICKHOUSE_PASSWORD)');
  // Parameters (?password=…, ?database=…) are options here; the client refused them with exit 1.
  // Named without their values: a value may be a secret.
  if (u.search !== '' || u.hash !== '') {
    const names = [...u.searchParams.keys()].map((k) => `'${k}'`).join(', ');
    throw new UsageError(`--url takes the server's address only, without parameters${names ? ` (${names})` : ''}; use --user, --password-file (or SEGMENT_CLICKHOUSE_PASSWORD) and --table database.table`);
  }
  return u;
}
