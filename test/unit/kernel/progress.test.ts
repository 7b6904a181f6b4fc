import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeProgress, progressLine, startProgress, wantProgress } from '../../../src/kernel/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, columns: 100, text: '', write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('progress', () => {
  it('is shown only on a terminal, never for JSON, never on a dumb terminal', () => {
    expect(wantProgress(fakeStream(true), 'table', {})).toBe(true);
    expect(wantProgress(fakeStream(true), 'md', {})).toBe(true);
    expect(wantProgress(fakeStream(false), 'table', {})).toBe(false);
    expect(wantProgress(fakeStream(true), 'json', {})).toBe(false);
    expect(wantProgress(fakeStream(true), 'table', { TERM: 'dumb' })).toBe(false);
  });

  it('says what is being done, the percentage when known, and the seconds so far', () => {
    expect(progressLine('segment report', 'reading a.csv', 42.7, 3.2)).toBe('segment report: reading a.csv… 42% (3 s)');
    expect(progressLine('segment rfm', 'analysing', -1, 12)).toBe('segment rfm: analysing… (12 s)');
  });

  it('stays silent for the first second, then draws, and clears its line when stopped', () => {
    vi.useFakeTimers();
    let clock = 0;
    const stream = fakeStream(true);
    const p = startProgress(true, { stream, prefix: 'segment abc', percent: () => 50, now: () => clock, intervalMs: 100 });
    p.stage('reading x.csv');
    clock = 900;
    vi.advanceTimersByTime(900);
    expect(stream.text).toBe('');
    clock = 1500;
    vi.advanceTimersByTime(200);
    expect(stream.text).toContain('\rsegment abc: reading x.csv… 50% (2 s)');
    expect(activeProgress()).toBe(p);
    p.stop();
    // The line is blanked out and the cursor is back at its start.
    expect(stream.text.endsWith(`\r${' '.repeat('segment abc: reading x.csv… 50% (2 s)'.length)}\r`)).toBe(true);
    const after = stream.text;
    vi.advanceTimersByTime(1000);
    expect(stream.text).toBe(after);
    expect(activeProgress()).not.toBe(p);
  });

  it('writes nothing when not enabled', () => {
    vi.useFakeTimers();
    const stream = fakeStream(false);
    const p = startProgress(false, { stream, prefix: 'segment abc', percent: () => 1, now: () => 5000 });
    p.stage('reading');
    vi.advanceTimersByTime(5000);
    p.stop();
    expect(stream.text).toBe('');
  });
});
