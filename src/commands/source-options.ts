/**
 * The reading options of a command parsed, all of them, into the one settled value that
 * sources/open.ts opens (a SourceSpec): the export files and how to read them, or a ClickHouse
 * table. Parsed before any file is opened, so that a usage error comes first.
 */
import { UsageError } from '../kernel/errors.js';
import type { ClickHouseRelation } from '../sources/clickhouse/clickhouse-source.js';
import type { FilesSpec, SourceSpec } from '../sources/open.js';
import { parseClickHouseRelation, parseClickHouseTarget, wantsClickHouse, type RawClickHouseOptions } from './clickhouse-options.js';
import { parseReadOptions, parseEngineLimits, type RawReadOptions } from './options.js';
import { FILE_ONLY_OPTIONS, longFlag } from './options-table.js';

export interface ReadingChoices {
  /** Fail on rejects over --max-reject-rate before the command runs (default); inspect shows them first. */
  readonly failOnRejects?: boolean;
  /** Count rows identical to another of the same file (stages each record: inspect and load). */
  readonly countIdentical?: boolean;
}

/** Export files: the read options (map files, overrides, conventions) and the engine's limits. */
export async function parseFilesOptions(raw: RawReadOptions, files: readonly string[], choices: ReadingChoices = {}): Promise<FilesSpec> {
  const options = { ...(await parseReadOptions(raw, files)), ...(choices.countIdentical ? { countIdentical: true } : {}) };
  return { kind: 'files', files, options, engine: parseEngineLimits(raw), failOnRejects: choices.failOnRejects !== false };
}

/** Export files through the embedded engine, or a ClickHouse table with --engine clickhouse. */
export async function parseSourceOptions(raw: RawReadOptions & RawClickHouseOptions, files: readonly string[], choices: ReadingChoices = {}): Promise<SourceSpec> {
  if (!wantsClickHouse(raw)) return parseFilesOptions(raw, files, choices);
  if (files.length > 0) throw new UsageError(`--engine clickhouse reads --table or --query, not files (${files[0]})`);
  const target = await parseClickHouseTarget(raw);
  const relation = parseClickHouseRelation(raw);
  refuseFileOptions(raw, relation);
  const { overrides } = await parseReadOptions(raw);
  return { kind: 'clickhouse', target, relation, overrides };
}

function refuseFileOptions(raw: RawReadOptions, relation: ClickHouseRelation): void {
  for (const name of FILE_ONLY_OPTIONS) {
    if (raw[name] !== undefined) throw new UsageError(`${longFlag(name)} is for export files; with --engine clickhouse the table's typed columns are read as they are (cast or convert in --query)`);
  }
  if (raw.currency !== undefined) {
    const from = 'table' in relation ? relation.table : '(…)';
    throw new UsageError(`--currency is for export files; with --engine clickhouse keep one currency in --query, such as --query "SELECT * FROM ${from} WHERE currency = '${raw.currency}'"`);
  }
}
