"""The peer: the straightforward pandas script an analyst writes today for the same summary
(orders, net revenue, last date, CV of monthly totals) and RFM quintiles.
Usage: /usr/bin/python3 bench/peer.py FILE.csv"""
import sys

import numpy as np
import pandas as pd

df = pd.read_csv(sys.argv[1], parse_dates=['order_date'], dtype={'order_id': str, 'customer_id': str})
df['amount'] = df['quantity'] * df['unit_price']
as_of = df['order_date'].max()
orders = df[(df['amount'] > 0) & ~df['order_id'].str.startswith('C')].groupby('customer_id')['order_id'].nunique()
g = df.groupby('customer_id')
summary = pd.DataFrame({'revenue': g['amount'].sum(), 'last_date': g['order_date'].max(), 'orders': orders}).fillna({'orders': 0})
summary['recency'] = (as_of - summary['last_date']).dt.days

df['month'] = df['order_date'].dt.to_period('M')
monthly = df.pivot_table(index='customer_id', columns='month', values='amount', aggfunc='sum', fill_value=0)
first = df.groupby('customer_id')['month'].min()
months = monthly.columns
cv = {}
for customer, row in monthly.iterrows():
    values = row[months >= first[customer]].to_numpy()
    mean = values.mean()
    cv[customer] = values.std() / mean if mean > 0 else np.nan
summary['cv'] = pd.Series(cv)

summary['r'] = pd.qcut(summary['recency'].rank(method='first', ascending=False), 5, labels=False) + 1
summary['f'] = pd.qcut(summary['orders'].rank(method='first'), 5, labels=False) + 1
summary['m'] = pd.qcut(summary['revenue'].rank(method='first'), 5, labels=False) + 1
print(f'{len(summary)} customers')
