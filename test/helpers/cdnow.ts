// The CDNOW 1/10 sample in model terms, read directly (no engine): the paper's 2,357 customers.
import { readFileSync } from 'node:fs';

/** The CDNOW 1/10 sample, calibration to 1997-09-30 in weeks, read directly (no engine). */
export function cdnowCalibration(): { customers: { x: number; tx: number; T: number }[]; spend: { x: number; m: number }[] } {
  const byCustomer = new Map<string, Map<string, number>>();
  for (const line of readFileSync('fixtures/cdnow/cdnow-sample.txt', 'utf8').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || f[2]! > '19970930') continue;
    const days = byCustomer.get(f[1]!) ?? new Map<string, number>();
    days.set(f[2]!, (days.get(f[2]!) ?? 0) + Number(f[4]));
    byCustomer.set(f[1]!, days);
  }
  const time = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6)));
  const end = time('19970930');
  const week = 7 * 86_400_000;
  const customers: { x: number; tx: number; T: number }[] = [];
  const spend: { x: number; m: number }[] = [];
  for (const days of byCustomer.values()) {
    const dates = [...days.keys()].sort();
    const x = dates.length - 1;
    customers.push({ x, tx: (time(dates.at(-1)!) - time(dates[0]!)) / week, T: (end - time(dates[0]!)) / week });
    const total = [...days.values()].reduce((s, v) => s + v, 0);
    if (x > 0) spend.push({ x, m: (total - days.get(dates[0]!)!) / x });
  }
  return { customers, spend };
}
