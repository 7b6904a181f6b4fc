// The shipped CLI: src/cli.ts bundled by esbuild into dist/bundle/, what bin/segment.js runs.
//
// Why: Node 20's ES module loader spends ~0.3 s resolving, reading and linking the ~110 compiled
// files of a run plus the ~190 CommonJS files of @duckdb/node-api. One file and a few chunks
// cost a fraction of that. tsc still type-checks and writes dist/ for the generator and the bench.
//
// What stays outside the bundle:
// - the native DuckDB binding (@duckdb/node-bindings and its platform package with duckdb.node);
// - the heavy optional parts, loaded only when a command needs them: vega and vega-lite (charts),
//   exceljs (workbooks), the ClickHouse client.
// The code splitting of ES modules keeps every dynamic import() of src/ a separate chunk, loaded
// only when reached (the engine, the report's renderers, the charts), as tsc's output did.
//
// Usage: node scripts/bundle.mjs (run by npm run build after tsc).
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(ROOT, 'dist', 'bundle');

/** Native code and the heavy optional packages: resolved by Node at run time, from node_modules. */
export const EXTERNAL = ['@duckdb/node-bindings', '@duckdb/node-bindings-*', 'vega', 'vega-lite', 'exceljs', '@clickhouse/client'];

// The bundled CommonJS packages (@duckdb/node-api, commander, ...) call require(); an ES module has
// none, so each chunk gets one, made on its first call: most chunks never call it, and making it
// eagerly in each of ~30 chunks cost ~15 ms of `--help` (createRequire, fileURLToPath).
const BANNER = [
  "import { createRequire as __segmentCreateRequire } from 'node:module';",
  'let __segmentRequire;',
  'function require(id) { return (__segmentRequire ??= __segmentCreateRequire(import.meta.url))(id); }',
].join('\n');

/**
 * Bundles src/cli.ts. The files are written next to the old ones and renamed over them, so that a
 * CLI already running (a test in another worker) never reads a half-written chunk; chunks left from
 * an earlier build are removed after.
 */
export async function bundle() {
  const result = await build({
    entryPoints: { cli: join(ROOT, 'src', 'cli.ts') },
    outdir: OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: BANNER },
    chunkNames: 'chunk-[hash]',
    // Names are kept: error messages and --debug stacks name functions and classes.
    minify: false,
    keepNames: false,
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(OUT, { recursive: true });
  const written = new Set();
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
    written.add(relative(OUT, file.path));
  }
  for (const name of readdirSync(OUT)) {
    // A .tmp file is another build's, about to be renamed: left to it.
    if (!written.has(name) && !name.endsWith('.tmp')) rmSync(join(OUT, name), { force: true });
  }
  return { files: [...written], metafile: result.metafile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files } = await bundle();
  process.stdout.write(`bundle: ${files.length} files in ${relative(ROOT, OUT)}/\n`);
}
