// The engine's connection creates the macros a statement uses in the statement's own call (issue 28).
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../../../src/sources/files/duckdb/duckdb-engine.js';

describe('the macros a statement uses', () => {
  it('are created with it, once', async () => {
    const engine = await DuckDbEngine.open({ tempDir: tmpdir() });
    try {
      expect(await engine.query(`SELECT seg_blank('  ') AS a, seg_blank(' x') AS b`)).toEqual([{ a: null, b: 'x' }]);
      expect(await engine.query(`SELECT seg_blank('') AS a`)).toEqual([{ a: null }]);
    } finally {
      engine.close();
    }
  });
  it('are created again after a call that did not run (a syntax error stops every statement of it)', async () => {
    const engine = await DuckDbEngine.open({ tempDir: tmpdir() });
    try {
      await expect(engine.query(`SELECT seg_blank('x') FROM (`)).rejects.toThrow(/syntax/i);
      expect(await engine.query(`SELECT seg_blank(' y') AS v`)).toEqual([{ v: 'y' }]);
    } finally {
      engine.close();
    }
  });
});
