/**
 * The HTML report's style sheet, inline in the page. On screen: a readable column, wide tables
 * scroll sideways. Dark mode: dark page, the charts on their white panels (their colours are
 * chosen for white). Print: A4, black on white, no chart or table row cut across pages.
 */
export const PAGE_STYLE = `:root { color-scheme: light dark; --ink: #1a1a1a; --paper: #ffffff; --muted: #555555; --rule: #d0d0d0; --head: #f2f2f2; --link: #0b5394; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e8e8e8; --paper: #161616; --muted: #b0b0b0; --rule: #444444; --head: #262626; --link: #8ab4f8; }
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.8em; margin: 0 0 0.4em; }
h2 { font-size: 1.35em; margin: 1.8em 0 0.5em; padding-bottom: 0.2em; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1em; margin: 1.4em 0 0.4em; }
a { color: var(--link); }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
.table { overflow-x: auto; margin: 0.6em 0 1em; }
table { border-collapse: collapse; font-size: 0.88em; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--rule); padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: var(--head); }
td.num, th.num { text-align: right; white-space: nowrap; }
.more, .no-chart { color: var(--muted); }
figure.chart { margin: 1.2em 0 1.6em; padding: 12px; border: 1px solid var(--rule); border-radius: 6px; max-width: 760px; }
figcaption .title { display: block; font-weight: 600; }
figcaption .reading { display: block; margin-bottom: 8px; }
.drawing { background: #ffffff; border-radius: 4px; padding: 4px; }
.drawing svg { display: block; max-width: 100%; height: auto; }
details { margin-top: 8px; }
summary { cursor: pointer; color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  :root { --ink: #000000; --paper: #ffffff; --muted: #333333; --rule: #999999; --head: #eeeeee; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure.chart, tr, .drawing { break-inside: avoid; page-break-inside: avoid; }
  figure.chart { border: none; padding: 0; max-width: 100%; }
  .table { overflow: visible; }
  table { font-size: 8pt; }
  summary { display: none; }
}
`;
