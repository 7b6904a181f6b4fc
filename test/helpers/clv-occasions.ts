/**
 * fixtures/clv-occasions: the purchase days that issue 25's rule gives, worked out by hand. A day
 * (a customer's rows of one date, netted) is a purchase when its net is positive, or when it nets
 * to zero and its quantity is positive (without a quantity: no refund that day); a day of refunds
 * only is none. `x` is the repeat purchases (purchase days − 1); `first`/`last` are the first and
 * last purchase days, what `segment clv --json` prints as first_date/last_date. The P01–P12
 * customers (ordinary buyers, there so that the model has its 10 repeat buyers) are not listed.
 */
export interface Occasions {
  readonly first: string;
  readonly last: string;
  readonly x: number;
}

export interface OccasionsFixture {
  /** Customers with no purchase day (refunds only): clv's customers_without_purchase_day. */
  readonly noPurchaseDay: number;
  /** Those customers, left out of clv's customers. */
  readonly refundOnly: readonly string[];
  readonly customers: Readonly<Record<string, Occasions>>;
}

/** The BG/NBD does not converge on with-quantity.csv (a model matter, not the days'): both files use the Pareto/NBD. */
export const OCCASIONS_ARGS = ['--model', 'pnbd', '--json'] as const;

export const CLV_OCCASIONS: Readonly<Record<string, OccasionsFixture>> = {
  'clv-occasions/with-quantity.csv': {
    // Q-REFUND: two refund-only days (-5.00, -6.00), no purchase.
    noPurchaseDay: 1,
    refundOnly: ['Q-REFUND'],
    customers: {
      // One item at 0.00 (quantity 1) is the first purchase; 20.00 and 25.00 are two repeats.
      'Q-FREE': { first: '2024-01-05', last: '2024-03-05', x: 2 },
      // 02-10: a 15.00 item paid with a -15.00 voucher (quantity 0) nets to zero with goods: a
      // purchase. 03-10: refund only (-10.00), the customer's latest date but no purchase.
      'Q-VOUCHER': { first: '2024-01-10', last: '2024-02-10', x: 1 },
      // 02-15: +40.00 (1) and -40.00 (-1), a swap netting to zero with quantity 0: none.
      // 04-15: a 0.00 line of quantity 0: none. So 01-15 and 03-15.
      'Q-SWAP': { first: '2024-01-15', last: '2024-03-15', x: 1 },
      // 01-03: a refund-only first date: none. 03-03: one item at 0.00 is the last purchase.
      'Q-LATEFREE': { first: '2024-02-03', last: '2024-03-03', x: 1 },
      'Q-PLAIN': { first: '2024-01-08', last: '2024-04-01', x: 2 },
      'Q-ONCE': { first: '2024-02-14', last: '2024-02-14', x: 0 },
      'Q-ONCE2': { first: '2024-03-01', last: '2024-03-01', x: 0 },
    },
  },
  'clv-occasions/no-quantity.csv': {
    // N-REFUND: one refund-only day (-7.00).
    noPurchaseDay: 1,
    refundOnly: ['N-REFUND'],
    customers: {
      // 01-05: 0.00 with no refund that day: a purchase (the first).
      'N-FREE': { first: '2024-01-05', last: '2024-02-05', x: 1 },
      // 03-10: +12.00 and -12.00, a refund offsetting the day to 0.00: none.
      'N-OFFSET': { first: '2024-01-10', last: '2024-01-10', x: 0 },
      // 02-12: refund only: none. 03-12: 0.00 with no refund: a purchase, the last.
      'N-REFUND-THEN-FREE': { first: '2024-01-12', last: '2024-03-12', x: 1 },
      'N-PLAIN': { first: '2024-01-08', last: '2024-04-01', x: 2 },
      'N-ONCE': { first: '2024-02-14', last: '2024-02-14', x: 0 },
    },
  },
};

/** From `segment clv --json`: customers_without_purchase_day and the listed customers' days. */
export function occasionsOf(json: string, fixture: OccasionsFixture): OccasionsFixture {
  const doc = JSON.parse(json) as { customers_without_purchase_day: number; customers: { customer: string; first_date: string; last_date: string; x: number }[] };
  const byKey = new Map(doc.customers.map((c) => [c.customer, { first: c.first_date, last: c.last_date, x: c.x }]));
  return {
    noPurchaseDay: doc.customers_without_purchase_day,
    refundOnly: fixture.refundOnly.filter((k) => !byKey.has(k)),
    customers: Object.fromEntries(Object.keys(fixture.customers).map((k) => [k, byKey.get(k) ?? { first: 'missing', last: 'missing', x: -1 }])),
  };
}
