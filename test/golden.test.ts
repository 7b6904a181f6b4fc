/** The golden-file helper itself: a golden test that cannot fail would be a defect. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { golden, updatingGolden } from './helpers/golden.js';

describe('golden files', () => {
  it.skipIf(updatingGolden())('fail when missing, and are not written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'golden-'));
    try {
      expect(() => golden('gone.txt', 'text', dir)).toThrow(/missing golden file .*gone\.txt: write it with UPDATE_GOLDEN=1/);
      expect(() => golden('gone.txt', 'text', dir)).toThrow(/missing golden file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it.skipIf(updatingGolden())('fail when different, pass when the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'golden-'));
    try {
      writeFileSync(join(dir, 'pinned.txt'), 'one\n');
      expect(() => golden('pinned.txt', 'one\n', dir)).not.toThrow();
      expect(() => golden('pinned.txt', 'two\n', dir)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
