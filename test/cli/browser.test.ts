/**
 * The HTML report in a real browser: Debian's headless Chromium, driven by playwright-core, with
 * every network request blocked and counted. The page is the pinned report of the bundled sample
 * (test/golden/report-sample.html, which test/unit/formats/html.test.ts holds to the tool's output).
 * `.ci/run` installs Chromium when it is missing; without it this test is skipped, and says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT, runCli } from '../helpers/cli.js';

const CHROMIUM = process.env.SEGMENT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const available = existsSync(CHROMIUM);
if (!available) {
  process.stderr.write(`browser test skipped: no Chromium at ${CHROMIUM} (.ci/run installs it with 'apt-get install -y chromium'; SEGMENT_CHROMIUM names another)\n`);
}

const PAGE = join(ROOT, 'test', 'golden', 'report-sample.html');
/** The charts of `segment clv --holdout-from --format html`. */
const CLV_CHARTS = ['clv-p-alive', 'clv-period-transactions', 'clv-tracking-cumulative', 'clv-tracking-weekly', 'clv-holdout'];

describe.skipIf(!available)('the HTML report in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  const requests: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'segment-browser-'));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1100, height: 900 } });
    // Every request is refused before it leaves, and counted.
    await context.route('**/*', async (route) => {
      requests.push(route.request().url());
      await route.abort();
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts a request a page attempts (the check itself works)', async () => {
    await page.setContent('<img src="http://127.0.0.1:9/x.png">', { waitUntil: 'load' });
    expect(requests).toEqual(['http://127.0.0.1:9/x.png']);
    requests.length = 0;
    consoleErrors.length = 0;
  }, 60_000);

  it('attempts no request, logs no error, draws every chart and shows the headline figures', async () => {
    const html = readFileSync(PAGE, 'utf8');
    await page.setContent(html, { waitUntil: 'load' });
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    const charts = await page.$$('figure.chart .drawing svg');
    expect(charts).toHaveLength(6);
    for (const svg of charts) {
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(100);
      // Marks drawn: the chart's own, besides axes and legends.
      expect(await svg.$$eval('.role-mark path, .role-mark line, .role-mark text, .role-mark rect', (els) => els.length)).toBeGreaterThan(0);
    }
    const text = await page.innerText('body');
    expect(text).toContain('The top 20% of customers (40) bring 82.9% of revenue');
    expect(text).toContain('The top 20% bring 82.9% (rule of thumb: 80%); the top 4% bring 44.2% (rule of thumb: 64%).');
    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
  }, 120_000);

  it('would request nothing even without its content security policy', async () => {
    const html = readFileSync(PAGE, 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    await page.setContent(html, { waitUntil: 'load' });
    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('runs nothing from hostile names: they show as text', async () => {
    const r = await runCli(['report', 'fixtures/hostile-names.csv', '--format', 'html']);
    expect(r.code).toBe(0);
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.setContent(r.stdout, { waitUntil: 'load' });
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(await page.innerText('body')).toContain('<script>alert(1)</script>');
    expect(await page.$$('figure.chart .drawing svg')).toHaveLength(6);
  }, 120_000);

  it('draws the clv page\'s charts: P(alive), period transactions, tracking (cumulative, weekly) and holdout, each an svg with marks', async () => {
    const r = await runCli(['clv', 'fixtures/cdnow/cdnow-sample.txt', '--columns', 'master,customer,date,cds,amount', '--time-unit', 'week', '--holdout-from', '1997-10-01', '--format', 'html', '--quiet']);
    expect(r.code).toBe(0);
    await page.setContent(r.stdout, { waitUntil: 'load' });
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    for (const id of CLV_CHARTS) {
      const svg = await page.$(`figure#chart-${id} .drawing svg`);
      expect(svg, id).not.toBeNull();
      const box = await svg!.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(100);
      expect(await svg!.$$eval('.role-mark path, .role-mark line, .role-mark rect', (els) => els.length), id).toBeGreaterThan(0);
    }
    expect(await page.$$('figure.chart .drawing svg')).toHaveLength(CLV_CHARTS.length);
    expect(await page.innerText('#chart-clv-period-transactions')).toContain('Of 2,357 customers, 1,411 made no repeat purchase');
    expect(await page.innerText('#chart-clv-tracking-cumulative')).toContain('By 1998-06-30 the calibration customers made 4,339 repeat purchases');
  }, 120_000);

  it('keeps the charts on white in dark mode, and whole on a printed page', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.$eval('body', (b) => getComputedStyle(b).backgroundColor)).not.toBe('rgb(255, 255, 255)');
    expect(await page.$eval('.drawing', (d) => getComputedStyle(d).backgroundColor)).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    expect(await page.$eval('figure.chart', (f) => getComputedStyle(f).breakInside)).toBe('avoid');
    expect(await page.$eval('body', (b) => getComputedStyle(b).color)).toBe('rgb(0, 0, 0)');
  }, 60_000);
});
