#!/usr/bin/env python3
"""Writes fixtures/clv-limits/*.csv: small sales files whose model fits sit at a limit.
Deterministic (fixed seeds). Run: /usr/bin/python3 scripts/clv_limit_fixtures.py
- no-dropout.csv: 120 customers buying at Gamma-distributed Poisson rates who never leave.
- constant-dropout.csv: 83 customers who leave after each repeat purchase with the same p = 0.25.
- constant-spend.csv: 60 customers, each purchase 25.00: spend does not vary at all.
"""
from datetime import date, timedelta
import numpy as np

START, END = date(2023, 1, 1), date(2024, 12, 31)
SPAN = (END - START).days

def customers(rng, n, dropout, spend, first_within=180):
    rows = []
    for c in range(n):
        lam = rng.gamma(2.0, 1 / 40.0)  # purchases per day
        t = int(rng.integers(0, first_within))
        day = t
        alive = True
        k = 0
        while alive and day <= SPAN:
            rows.append((f'C{c:03d}', START + timedelta(days=day), spend(rng, c)))
            if k > 0 and dropout(rng):
                alive = False
            k += 1
            day += max(1, int(round(rng.exponential(1 / lam))))
    return rows

def write(name, rows):
    with open(f'fixtures/clv-limits/{name}', 'w') as f:
        f.write('customer,date,amount\n')
        for c, d, a in sorted(rows, key=lambda r: (r[1], r[0])):
            f.write(f'{c},{d.isoformat()},{a:.2f}\n')

if __name__ == '__main__':
    write('no-dropout.csv', customers(np.random.default_rng(1), 120, lambda r: False, lambda r, c: round(float(r.gamma(4, 10)), 2)))
    write('constant-dropout.csv', customers(np.random.default_rng(2), 83, lambda r: r.random() < 0.25, lambda r, c: round(float(r.gamma(4, 10)), 2)))
    write('constant-spend.csv', customers(np.random.default_rng(3), 60, lambda r: r.random() < 0.1, lambda r, c: 25.0))
