import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './cli.js';

export const GOLDEN_DIR = join(ROOT, 'test', 'golden');

/** True when the run was asked to rewrite golden files (`UPDATE_GOLDEN=1 npm test`). */
export const updatingGolden = (): boolean => Boolean(process.env.UPDATE_GOLDEN) && process.env.UPDATE_GOLDEN !== '0';

/**
 * Compares `text` with the golden file `name`, byte for byte. Golden files are written only on
 * explicit request; a missing one fails, so that a deleted or renamed golden file cannot pass.
 */
export function golden(name: string, text: string, dir = GOLDEN_DIR): void {
  const path = join(dir, name);
  if (updatingGolden()) writeFileSync(path, text);
  if (!existsSync(path)) throw new Error(`missing golden file ${path}: write it with UPDATE_GOLDEN=1 npm test, then read its diff before committing it`);
  expect(text).toBe(readFileSync(path, 'utf8'));
}
