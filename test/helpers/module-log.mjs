// Preloaded with `node --import` by test/cli/bundle.test.ts: appends to the file named by
// SEGMENT_MODULE_LOG every module the process loads, ES modules (a loader hook) and CommonJS
// (require's cache, at exit), one URL or path a line.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const log = process.env.SEGMENT_MODULE_LOG;
if (log) {
  const hook = `data:text/javascript,${encodeURIComponent(`
    import { appendFileSync } from 'node:fs';
    let file;
    export function initialize(data) { file = data.file; }
    export async function load(url, context, next) { appendFileSync(file, url + '\\n'); return next(url, context); }
  `)}`;
  register(hook, { data: { file: log } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    const cjs = Object.keys(require.cache);
    if (cjs.length > 0) appendFileSync(log, `${cjs.join('\n')}\n`);
  });
}
