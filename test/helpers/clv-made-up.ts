// Customer summaries for the CLV models' tests, made up so that the purchase models' fits sit at
// their limits (BG/NBD and MBG/NBD at constant drop-out, Pareto/NBD at no drop-out): see
// test/unit/analyses/models/{clv,bootstrap}.test.ts and scripts/clv_unit_reference.py (made_up()).
import type { CustomerSummary } from '../../src/sources/source.js';

/** One customer's summary, one purchase day of 10 on 2024-01-01 unless told otherwise. */
export const summary = (over: Partial<CustomerSummary> & { customer: string }): CustomerSummary => ({
  name: over.customer, firstDate: '2024-01-01', lastDate: '2024-01-01', recencyDays: 0, tenureDays: 0, firstPeriod: 0, orders: 1, transactions: 1, revenue: 10, refunds: 0,
  margin: null, quantity: null, activePeriods: 1, periodRevenueSum: 10, periodRevenueSumSq: 100, periodOrdersSum: null, periodOrdersSumSq: null, invoicesDue: 0, invoicesOnTime: 0, daysLateSum: 0,
  purchaseDays: 1, firstDayRevenue: 10, firstPurchaseDate: over.firstDate ?? '2024-01-01', lastPurchaseDate: over.lastDate ?? '2024-01-01', ...over,
});

const day = (n: number): string => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** 40 customers with 1 to 5 purchase days, one with refunds only, one whose repeat days net negative. */
export function madeUp(repeatPerDay: (i: number, days: number) => number = (i) => 15 + ((i * 11) % 17)): CustomerSummary[] {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const days = 1 + (i % 5);
    const first = (i * 7) % 120;
    const last = days === 1 ? first : first + ((i * 13) % 150) + days * 5;
    const firstRev = 20 + (i % 7) * 3;
    const repeat = days === 1 ? 0 : (days - 1) * repeatPerDay(i, days);
    return summary({ customer: `c${String(i).padStart(2, '0')}`, firstDate: day(first), lastDate: day(last), firstPurchaseDate: day(first), lastPurchaseDate: day(last), purchaseDays: days, revenue: firstRev + repeat, firstDayRevenue: firstRev });
  });
  rows.push(summary({ customer: 'refund', purchaseDays: 0, revenue: -5, firstDayRevenue: -5 }));
  rows.push(summary({ customer: 'neg', firstDate: day(3), lastDate: day(100), firstPurchaseDate: day(3), lastPurchaseDate: day(100), purchaseDays: 3, revenue: 10, firstDayRevenue: 40 }));
  return rows;
}
