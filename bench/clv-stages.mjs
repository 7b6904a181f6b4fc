// Where `segment clv` spends its time, stage by stage, wall and CPU (this process's CPU only;
// DuckDB's threads count in the SQL stages). Run after `npx tsc -p tsconfig.json`:
//   node bench/clv-stages.mjs FILE            (DIST=other/dist to time another build)
const D = process.env.DIST ?? new URL('../dist', import.meta.url).pathname;
const { parseReadOptions, engineSettings } = await import(`${D}/commands/options.js`);
const { openEngine } = await import(`${D}/engine/engine.js`);
const { readTransactions } = await import(`${D}/ingest/read.js`);
const { TempDir } = await import(`${D}/tempdir.js`);
const clv = await import(`${D}/models/clv.js`);
const bg = await import(`${D}/models/bgnbd.js`);
const pm = await import(`${D}/models/purchase-model.js`);
const sm = await import(`${D}/models/spend-model.js`);
const models = (process.env.MODELS ?? 'bgnbd,mbgnbd,pnbd').split(',');
const file = process.argv[2];
if (!file) throw new Error('usage: node bench/clv-stages.mjs FILE');
let cpu = process.cpuUsage();
const start = () => { cpu = process.cpuUsage(); return performance.now(); };
const lap = (name, t0) => { const c = process.cpuUsage(cpu); console.log(name.padEnd(36), 'wall', (performance.now() - t0).toFixed(0), 'ms, cpu', ((c.user + c.system) / 1000).toFixed(0), 'ms'); };
const temp = new TempDir(undefined);
const engine = await openEngine(engineSettings({}, temp.dir(), false));
try {
  let t0 = start();
  await readTransactions([file], await parseReadOptions({}, [file]), { engine, temp, warn: () => {} });
  lap('read + stage', t0);
  const range = await engine.dateRange();
  t0 = start();
  const summary = await engine.customerSummary({ to: range.last, asOf: range.last, period: 'month' });
  lap('SQL customer summary', t0);
  t0 = start();
  const h = clv.histories(summary.customers, range.last, 'day').histories;
  lap('histories', t0);
  t0 = start();
  const triples = bg.uniqueTriples(h);
  lap(`unique triples (${triples.length} of ${h.length})`, t0);
  let fit;
  for (const m of models) {
    t0 = start();
    fit = pm.fitPurchaseModel(m, triples);
    lap(`fit ${m}${fit.limit ? ` (${fit.limit})` : ''} with SEs (${fit.iterations} it)`, t0);
  }
  t0 = start();
  const spend = h.filter((x) => x.x > 0 && x.repeatSpend > 0).map((x) => ({ x: x.x, m: x.repeatSpend }));
  const g = sm.fitSpendModel(spend);
  lap(`fit spend model ${g.model} with SEs (${g.iterations} it, n ${spend.length})`, t0);
  t0 = start();
  clv.predict(h, fit.predict, g, { unit: 'day', horizonDays: 365, discountRate: 0 });
  lap('predict', t0);
} finally {
  engine.close();
  temp.remove();
}
