/**
 * The house rule on imports, checked: each layer imports only from the layers below it, and no
 * file reaches itself through its imports (type-only and dynamic imports count too: a loop of
 * types is still a knot a reader has to untie). ARCHITECTURE.md describes the layers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/**
 * Lowest first. The kernel (src/kernel/: errors, output, text, ...) and the root files of src/
 * (schemas, parameter values) are the base; the analyses (src/analyses/, the CLV models in its
 * models/ folder) are one layer; cli.ts with program.ts, and the two side tools (gen, bench) are the top and
 * nothing imports them.
 *
 * src/sources/ is four floors of its own (see `layerOf`): the Source contract and what both sources
 * share (its root files), the files' DuckDB engine (files/duckdb/), reading export files into it
 * (files/), the ClickHouse source (clickhouse/, which maps a table's columns as files/ maps a
 * header), and open.ts, the one place a command's source is opened.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['base', 'kernel'],
  ['sources'],
  ['sources/duckdb'],
  ['sources/files'],
  ['sources/clickhouse'],
  ['sources/open'],
  ['analyses'],
  ['documents'],
  ['formats'],
  ['commands'],
  ['cli', 'gen', 'bench'],
];

/** The layer of a file, by its path under src/ (posix separators). */
function layerOf(file: string): string {
  const [first, ...rest] = file.split('/');
  if (rest.length === 0) return first === 'cli.ts' || first === 'program.ts' ? 'cli' : 'base';
  if (first === 'sources') {
    if (file === 'sources/open.ts') return 'sources/open';
    if (file.startsWith('sources/files/duckdb/')) return 'sources/duckdb';
    if (rest.length > 1) return `sources/${rest[0]}`;
  }
  return first!;
}

function rank(layer: string): number {
  const i = LAYERS.findIndex((l) => l.includes(layer));
  if (i < 0) throw new Error(`src/${layer}/ is in no layer: add it to LAYERS in test/layers.test.ts and to ARCHITECTURE.md`);
  return i;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [relative(SRC, path).split('\\').join('/')] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The files of src/ a file imports (relative specifiers, `.js` mapped back to `.ts`). */
function importsOf(file: string, text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(SPECIFIER)) {
    const target = posix.normalize(posix.join(posix.dirname(file), m[1]!)).replace(/\.js$/, '.ts');
    out.add(target);
  }
  return [...out];
}

function importGraph(): Map<string, string[]> {
  return new Map(sourceFiles(SRC).map((f) => [f, importsOf(f, readFileSync(join(SRC, f), 'utf8'))]));
}

/** Imports that go to a higher layer, or sideways between the top layer's separate programs. */
function upwardImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const bad: string[] = [];
  for (const [file, targets] of graph) {
    for (const t of targets) {
      const from = layerOf(file);
      const to = layerOf(t);
      const top = rank(from) === LAYERS.length - 1 && rank(to) === LAYERS.length - 1 && from !== to;
      if (rank(to) > rank(from) || top) bad.push(`src/${file} (${from}) imports src/${t} (${to})`);
    }
  }
  return bad;
}

/** What a format may import besides the base and the documents: DuckDB writes Parquet files. */
const FORMAT_EXCEPTIONS = new Set(['sources/files/duckdb/parquet-writer.ts']);

/** Imports of src/formats/ that reach a layer other than the base, documents or formats (a format sees only a Document). */
function formatsReachingPast(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const bad: string[] = [];
  for (const [file, targets] of graph) {
    if (layerOf(file) !== 'formats') continue;
    for (const t of targets) {
      if (!['base', 'kernel', 'documents', 'formats'].includes(layerOf(t)) && !FORMAT_EXCEPTIONS.has(t)) bad.push(`src/${file} imports src/${t}`);
    }
  }
  return bad;
}

/** Every import loop, each as the files around it (found by depth-first search). */
function importLoops(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const loops: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of graph.get(f) ?? []) {
      if (!graph.has(t)) continue;
      const s = state.get(t);
      if (s === 'open') loops.push([...stack.slice(stack.indexOf(t)), t].map((x) => `src/${x}`).join(' → '));
      else if (s === undefined) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...graph.keys()].sort()) if (!state.has(f)) visit(f);
  return loops;
}

describe('the import graph', () => {
  const graph = importGraph();

  it('reads the real source (the check is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('program.ts')).toContain('commands/index.ts');
    expect(graph.get('commands/index.ts')).toContain('commands/report.ts');
    expect(graph.get('cli.ts')).toContain('program.ts');
    expect(graph.get('sources/files/side-files.ts')).toContain('sources/files/duckdb/engine.ts'); // a dynamic import
  });

  it('every import points down the layers', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('formats see only a Document: they import the base and documents/, and of the sources only the Parquet writer', () => {
    expect(formatsReachingPast(graph)).toEqual([]);
    const planted = new Map(graph);
    planted.set('formats/csv.ts', [...(graph.get('formats/csv.ts') ?? []), 'analyses/abc.ts']);
    expect(formatsReachingPast(planted)).toEqual(['src/formats/csv.ts imports src/analyses/abc.ts']);
  });

  it('no file reaches itself through its imports', () => {
    expect(importLoops(graph)).toEqual([]);
  });

  it('the checks catch an upward import and a loop', () => {
    const planted = new Map(graph);
    planted.set('sources/files/duckdb/sql.ts', [...(graph.get('sources/files/duckdb/sql.ts') ?? []), 'documents/format.ts']);
    expect(upwardImports(planted)).toContain('src/sources/files/duckdb/sql.ts (sources/duckdb) imports src/documents/format.ts (documents)');
    // Inside the sources: the DuckDB engine may not reach into the reading of files above it, nor a source into the one that opens it.
    planted.set('sources/files/duckdb/duckdb-engine.ts', [...(graph.get('sources/files/duckdb/duckdb-engine.ts') ?? []), 'sources/files/read.ts']);
    expect(upwardImports(planted)).toContain('src/sources/files/duckdb/duckdb-engine.ts (sources/duckdb) imports src/sources/files/read.ts (sources/files)');
    planted.set('sources/source.ts', [...(graph.get('sources/source.ts') ?? []), 'sources/clickhouse/clickhouse-source.ts']);
    expect(upwardImports(planted)).toContain('src/sources/source.ts (sources) imports src/sources/clickhouse/clickhouse-source.ts (sources/clickhouse)');
    planted.set('analyses/stats.ts', [...(graph.get('analyses/stats.ts') ?? []), 'analyses/abc.ts']);
    planted.set('analyses/abc.ts', [...(graph.get('analyses/abc.ts') ?? []), 'analyses/stats.ts']);
    expect(importLoops(planted).join('\n')).toContain('src/analyses/abc.ts → src/analyses/stats.ts → src/analyses/abc.ts');
  });

  it('reads static, type-only, re-export and dynamic imports', () => {
    const text = "import a from './a.js';\nimport type { B } from '../b.js';\nexport { c } from './c/c.js';\nconst d = await import('./d.js');\nimport './e.js';\nimport x from 'node:fs';";
    expect(importsOf('engine/x.ts', text).sort()).toEqual(['b.ts', 'engine/a.ts', 'engine/c/c.ts', 'engine/d.ts', 'engine/e.ts']);
  });
});
