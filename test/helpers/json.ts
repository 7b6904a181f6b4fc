/** Runs a command with --json in-process: exit 0, the document valid against its schema, parsed. */
import { expect } from 'vitest';
import { SCHEMAS, type SchemaName } from '../../src/schemas.js';
import { runInProcess } from './in-process.js';

export async function json(args: string[], schema: SchemaName): Promise<Record<string, any>> {
  const r = await runInProcess([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as unknown;
  const parsed = SCHEMAS[schema].safeParse(doc);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
  return doc as Record<string, any>;
}
