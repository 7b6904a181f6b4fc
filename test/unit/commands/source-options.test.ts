/** Tests of src/commands/source-options.ts: the reading options parsed once into the SourceSpec that sources/open.ts opens. */
import { describe, expect, it } from 'vitest';
import { parseFilesOptions, parseSourceOptions } from '../../../src/commands/source-options.js';
import { UsageError } from '../../../src/kernel/errors.js';

const CH = { engine: 'clickhouse', url: 'http://127.0.0.1:8123' };

describe('parseSourceOptions', () => {
  it('gives export files with their read options and the engine limits, failing on rejects unless told not to', async () => {
    const spec = await parseSourceOptions({ customer: 'Kunde', currency: 'dkk', memoryLimit: '2GB', threads: '2', tempDir: '/tmp/x' }, ['a.csv']);
    expect(spec).toMatchObject({ kind: 'files', files: ['a.csv'], failOnRejects: true, engine: { tempDir: '/tmp/x', memoryLimit: '2GB', threads: 2 } });
    expect(spec.kind === 'files' && spec.options).toMatchObject({ currency: 'DKK', overrides: { customer: { column: 'Kunde', source: 'option' } } });
    expect(spec.kind === 'files' && spec.options.countIdentical).toBeUndefined();
    const inspect = await parseFilesOptions({}, ['a.csv'], { failOnRejects: false, countIdentical: true });
    expect(inspect).toMatchObject({ failOnRejects: false, options: { countIdentical: true } });
  });

  it('refuses a bad engine limit before any file is opened', async () => {
    await expect(parseSourceOptions({ memoryLimit: 'lots' }, ['a.csv'])).rejects.toThrow("--memory-limit takes a size such as 2GB or 512MB, not 'lots'");
  });

  it('gives a ClickHouse table with the server and the column overrides', async () => {
    const spec = await parseSourceOptions({ ...CH, table: 'sales.tx', customer: 'client_id' }, []);
    expect(spec).toMatchObject({ kind: 'clickhouse', relation: { table: 'sales.tx' }, target: { url: 'http://127.0.0.1:8123' }, overrides: { customer: { column: 'client_id' } } });
    expect(await parseSourceOptions({ ...CH, query: 'SELECT * FROM tx;' }, [])).toMatchObject({ relation: { query: 'SELECT * FROM tx' } });
  });

  it('refuses files, file-only options and --currency with --engine clickhouse, saying what to do instead', async () => {
    await expect(parseSourceOptions({ ...CH, table: 'tx' }, ['a.csv'])).rejects.toThrow('--engine clickhouse reads --table or --query, not files (a.csv)');
    await expect(parseSourceOptions({ ...CH, table: 'tx', rejects: 'r.csv' }, [])).rejects.toThrow(/^--rejects is for export files; with --engine clickhouse/);
    await expect(parseSourceOptions({ ...CH, table: 'tx', currency: 'SEK' }, [])).rejects.toThrow(`--query "SELECT * FROM tx WHERE currency = 'SEK'"`);
    await expect(parseSourceOptions({ ...CH }, [])).rejects.toThrow(UsageError);
  });
});
