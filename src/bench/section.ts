/** A benchmark's figures written into BENCHMARKS.md between its markers, the hand-written text around them kept. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface SectionMarkers {
  readonly begin: string;
  readonly end: string;
  /** Put before the section when the file has no markers yet (a heading and a blank line, or ''). */
  readonly heading: string;
}

/** Replaces the marked section of `file`, or appends it (under `heading`) the first time. */
export function writeSection(file: string, markers: SectionMarkers, body: string): void {
  const section = `${markers.begin}\n${body}\n${markers.end}`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const a = old.indexOf(markers.begin);
  const b = old.indexOf(markers.end);
  const text =
    a >= 0 && b > a
      ? `${old.slice(0, a)}${section}${old.slice(b + markers.end.length)}`
      : `${old ? `${old.trimEnd()}\n\n` : '# Benchmarks\n\n'}${markers.heading}${section}\n`;
  writeFileSync(file, text);
}
