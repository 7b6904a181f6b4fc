#!/usr/bin/python3
"""
An independent check of segment's analyses, written from the definitions with pandas (no code
shared with segment). It prints where the two disagree.

    /usr/bin/python3 scripts/crosscheck.py DATA.csv[.gz] CUSTOMER DATE AMOUNT|QTY*PRICE [ORDER] [--as-of YYYY-MM-DD]

It runs `segment abcxyz --json` and `segment rfm --json` on the same file and compares, per
customer: net revenue, orders, last date, recency, the monthly coefficient of variation, the ABC
class (cumulative 80/95, crossing customer in the upper class, ties together), the XYZ class, and
the R, F and M quantile scores (ties together, score of the first member's quantile).
"""
import json
import math
import subprocess
import sys

import pandas as pd


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    as_of = None
    if '--as-of' in sys.argv:
        as_of = sys.argv[sys.argv.index('--as-of') + 1]
        args = [a for a in args if a != as_of]
    path, cust, date, amount = args[:4]
    order = args[4] if len(args) > 4 else None

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df = df[df[cust].str.strip() != ''].copy()
    df['key'] = df[cust].str.replace(r'^(\d+)\.0+$', r'\1', regex=True).str.strip()
    df['date'] = pd.to_datetime(df[date].str.slice(0, 10))
    if '*' in amount:
        q, p = amount.split('*')
        df['amount'] = (df[q].astype(float) * df[p].astype(float)).round(4)
    else:
        df['amount'] = df[amount].astype(float)
    end = pd.Timestamp(as_of) if as_of else df['date'].max()
    df = df[df['date'] <= end]
    window_end = min(end, df['date'].max())

    df['is_order'] = df['amount'] > 0
    if order:
        df['is_order'] &= ~df[order].str.match(r'^[Cc]\d')
    g = df.groupby('key')
    out = pd.DataFrame({'revenue': g['amount'].sum().round(6), 'last': g['date'].max(), 'first': g['date'].min()})
    if order:
        out['orders'] = df[df['is_order']].groupby('key')[order].nunique()
    else:
        out['orders'] = df[df['is_order']].groupby('key').size()
    out['orders'] = out['orders'].fillna(0).astype(int)
    out['recency'] = (end - out['last']).dt.days

    # Monthly CV from the customer's first month to the window's end; empty months are zero.
    df['month'] = df['date'].dt.year * 12 + df['date'].dt.month - 1
    # Rounded: float sums leave 1e-13 where refunds cancel purchases (segment sums decimals exactly).
    monthly = df.groupby(['key', 'month'])['amount'].sum().round(6)
    end_month = window_end.year * 12 + window_end.month - 1
    cvs = {}
    for key, series in monthly.groupby(level=0):
        first = series.index.get_level_values(1).min()
        n = end_month - first + 1
        values = list(series.values) + [0.0] * (n - len(series))
        mean = sum(values) / n
        if n < 3 or mean <= 0:
            cvs[key] = None
        else:
            var = sum(v * v for v in values) / n - mean * mean
            cvs[key] = math.sqrt(max(var, 0)) / mean
    out['cv'] = pd.Series(cvs)

    # ABC, cumulative 80/95: a tie group belongs to A while the share before it is under 80%.
    ranked = out.sort_values('revenue', ascending=False)
    total = ranked['revenue'].sum()
    abc, before = {}, 0.0
    for value, keys in ranked.groupby('revenue', sort=False).groups.items():
        cls = 'C' if value <= 0 else ('A' if before / total < 0.8 - 1e-9 else 'B' if before / total < 0.95 - 1e-9 else 'C')
        for k in keys:
            abc[k] = cls
        before += value * len(keys)
    out['abc'] = pd.Series(abc)

    def xyz(cv):
        return None if cv is None or (isinstance(cv, float) and math.isnan(cv)) else 'X' if cv <= 0.5 else 'Y' if cv <= 1.0 else 'Z'
    out['xyz'] = out['cv'].map(xyz)

    def scores(series, lower_is_better):
        s = series.sort_values(ascending=not lower_is_better, kind='mergesort')
        n = len(s)
        result, start = {}, 0
        values = list(s.values)
        keys = list(s.index)
        while start < n:
            end_ = start
            while end_ < n and values[end_] == values[start]:
                end_ += 1
            score = min(5, int(math.floor(start / n * 5 + 1e-9)) + 1)
            for k in keys[start:end_]:
                result[k] = score
            start = end_
        return pd.Series(result)
    out['r'] = scores(out['recency'], True)
    out['f'] = scores(out['orders'], False)
    out['m'] = scores(out['revenue'], False)

    extra = ['--as-of', as_of] if as_of else []
    seg = {}
    for cmd in ('abcxyz', 'rfm'):
        res = subprocess.run(['node', 'bin/segment.js', cmd, path, '--json', '--customer', cust, '--date', date, *extra], capture_output=True, text=True, check=True)
        for c in json.loads(res.stdout)['customers']:
            seg.setdefault(c['customer'], {}).update(c)

    problems = 0
    checks = {'revenue': 0, 'orders': 0, 'recency': 0, 'cv': 0, 'abc': 0, 'xyz': 0, 'r': 0, 'f': 0, 'm': 0}
    if set(seg) != set(out.index):
        print(f'customers differ: {len(seg)} in segment, {len(out)} here')
        problems += 1
    for key, row in out.iterrows():
        s = seg.get(key)
        if s is None:
            continue
        pairs = {
            'revenue': (round(row['revenue'], 2), s['revenue']),
            'orders': (row['orders'], s['orders']),
            'recency': (row['recency'], s['recency_days']),
            'abc': (row['abc'], s['abc_class']),
            'xyz': (row['xyz'], s['xyz_class']),
            'r': (row['r'], s['r']), 'f': (row['f'], s['f']), 'm': (row['m'], s['m']),
        }
        for name, (mine, theirs) in pairs.items():
            if (mine != theirs) and not (name == 'revenue' and abs(mine - theirs) < 0.011):
                checks[name] += 1
                if checks[name] <= 3:
                    print(f'{key}: {name} {mine} here, {theirs} in segment')
        cv_mine = row['cv']
        cv_theirs = s['cv']
        if (cv_mine is None or (isinstance(cv_mine, float) and math.isnan(cv_mine))) != (cv_theirs is None) or (cv_theirs is not None and abs(cv_mine - cv_theirs) > 1e-5):
            checks['cv'] += 1
    print(f'{len(out)} customers compared; disagreements: ' + ', '.join(f'{k} {v}' for k, v in checks.items()))
    return 1 if problems or any(checks.values()) else 0


if __name__ == '__main__':
    sys.exit(main())
