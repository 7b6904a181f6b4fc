/** The HTML report: escaping by hand, the format from --output, --charts for Markdown, and the bundled sample pinned. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { data, heading, list, paragraph, table } from '../../../src/documents/blocks.js';
import { blockHtml, inlineHtml, renderHtml } from '../../../src/formats/html-page.js';
import { blocksWithCharts } from '../../../src/documents/markdown-charts.js';
import { renderMarkdown } from '../../../src/formats/markdown.js';
import { ROOT } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/in-process.js';
import { golden } from '../../helpers/golden.js';

describe('HTML from blocks', () => {
  it('escapes values from the data and keeps the views’ emphasis', () => {
    const hostile = `<script>alert("x")</script> & 'q' **not bold** _no_`;
    expect(inlineHtml(`**${data(hostile)}** has p < 5% and \`code\`; _ask_: why?`)).toBe(
      '<strong>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &#42;&#42;not bold&#42;&#42; &#95;no&#95;</strong> has p &lt; 5% and <code>code</code>; <em>ask</em>: why?',
    );
  });
  it('isolates right-to-left text from the data and drops control characters', () => {
    expect(inlineHtml(`customer ${data('שלום\u202E abc')} bought`)).toBe('customer <bdi>שלום\u202E abc</bdi> bought');
    expect(inlineHtml(data('a\u001b[31mred\nnext'))).toBe('a\uFFFD[31mred next');
  });
  it('renders headings, lists and tables with right-aligned numbers and the rows left out', () => {
    expect(blockHtml(heading('2. Headline'))).toBe('<h2>2. Headline</h2>');
    expect(blockHtml(list(['a', data('<b>')]))).toBe('<ul>\n<li>a</li>\n<li>&lt;b&gt;</li>\n</ul>');
    expect(blockHtml(table(['name', 'revenue'], [[data('<i>x</i>'), '1,000.00']], ['left', 'right'], 3))).toBe(
      '<div class="table"><table><thead><tr><th>name</th><th class="num">revenue</th></tr></thead>\n<tbody>\n<tr><td>&lt;i&gt;x&lt;/i&gt;</td><td class="num">1,000.00</td></tr>\n</tbody></table></div>\n<p class="more">… and 3 more (use --top).</p>',
    );
  });
  it('makes a page that can load nothing', () => {
    const page = renderHtml('A <title>', [heading('R', 1), paragraph('x')], []);
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(page).toContain('<title>A &lt;title&gt;</title>');
    expect(page).toContain('@media print');
    expect(page).not.toMatch(/<script|<link|src=|@import|url\(http/);
  });
  it('links the charts from Markdown with an escaped address', () => {
    const blocks = [heading('2. Headline'), paragraph('x')];
    const chart = { id: 'pareto', title: 'T', reading: 'R *1*', alt: 'A [b]', spec: {} as never, table: { head: [], rows: [], align: [] } };
    const md = renderMarkdown(blocksWithCharts(blocks, [{ def: { id: 'pareto', section: /^Headline/, build: () => chart }, chart }], (f) => `my charts (1)/${f}`));
    expect(md).toBe('## 2. Headline\n\nx\n\n### T\n\n![A \\[b\\]](my%20charts%20%281%29/01-pareto.svg)\n\nR \\*1\\*\n');
  });
});

const SAMPLE = ['fixtures/sample/invoices.csv', '--customers', 'fixtures/sample/customers.csv', '--picks', 'fixtures/sample/picks.csv'];

describe('segment report --format html', () => {
  it('gives the pinned page for the bundled sample, picked by --output report.html, with all six charts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-html-'));
    try {
      const out = join(dir, 'report.html');
      const r = await runInProcess(['report', ...SAMPLE, '--output', out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      const page = readFileSync(out, 'utf8');
      expect(page.match(/<figure class="chart"/g)).toHaveLength(6);
      expect(page.match(/<svg /g)).toHaveLength(6);
      // Each section of the Markdown report, in the same order.
      const md = readFileSync(join(ROOT, 'test', 'cases', 'report', '0002', 'stdout'), 'utf8');
      const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
      const inPage = [...page.matchAll(/<h2>(.+?)<\/h2>/g)].map((m) => m[1]!.replace(/&#39;/g, "'"));
      expect(inPage).toEqual(sections);
      // Every id on the page is unique (two charts' clip paths or gradients would collide).
      const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
      golden('report-sample.html', page);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('writes the charts as SVG files for Markdown and links them relative to --output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'segment-charts-'));
    try {
      const r = await runInProcess(['report', ...SAMPLE, '--format', 'md', '--charts', join(dir, 'charts'), '--output', join(dir, 'report.md')]);
      expect(r.code).toBe(0);
      expect(readdirSync(join(dir, 'charts'))).toEqual(['01-pareto.svg', '02-monthly.svg', '03-abc-xyz.svg', '04-rfm-heatmap.svg', '05-rfm-segments.svg', '06-portrait.svg']);
      const md = readFileSync(join(dir, 'report.md'), 'utf8');
      expect(md.match(/!\[[^\]]+\]\(charts\/0\d-[a-z-]+\.svg\)/g)).toHaveLength(6);
      // The report's own text is the plain Markdown report's, with the charts added.
      const plain = readFileSync(join(ROOT, 'test', 'cases', 'report', '0002', 'stdout'), 'utf8');
      const withoutCharts = md.replace(/### [^\n]+\n\n!\[[^\n]+\n\n[^\n]+\n\n/g, '');
      expect(withoutCharts).toBe(plain);
      expect(readFileSync(join(dir, 'charts', '01-pareto.svg'), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      // The README's picture is this chart, as the tool draws it now.
      expect(readFileSync(join(ROOT, 'docs', 'pareto.svg'), 'utf8')).toBe(readFileSync(join(dir, 'charts', '01-pareto.svg'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('escapes hostile names and values everywhere on the page, charts included', async () => {
    const r = await runInProcess(['report', 'fixtures/hostile-names.csv', '--format', 'html']);
    expect(r.code).toBe(0);
    const page = r.stdout;
    expect(page.match(/<figure class="chart"/g)).toHaveLength(6);
    // The only tags are the page's own: none from a name or an attribute value.
    expect(page).not.toMatch(/<script|<img|<b>|onerror=alert\(2\)>/);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;Quoted&quot; &amp; &#39;Single&#39; Ltd');
    // Right-to-left values are isolated from the sentence around them; in a drawing, no override survives.
    expect(page).toContain('<bdi>تجارة</bdi>');
    expect(page).toContain('<bdi>Retail\u202Eevil</bdi>');
    const drawings = [...page.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => m[0]).join('');
    expect(drawings).toContain('&lt;b&gt;Construction&lt;/b&gt;');
    expect(drawings).toContain('Retailevil');
    expect(drawings).not.toContain('\u202E');
  });
  it('refuses --charts with the HTML or JSON report', async () => {
    const r = await runInProcess(['report', ...SAMPLE, '--json', '--charts', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^segment report: --charts writes SVG files for the Markdown report \(--format md\); the JSON report has no charts/);
  });
});
