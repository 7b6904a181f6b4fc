"""The peer: the vectorised pandas script an experienced analyst writes for the same summary
(orders, net revenue, last date, CV of monthly totals from each customer's first month) and RFM
quintiles. No per-customer Python loop: groupby/agg, a month pivot by unstack, qcut on ranks.
Reads the generator's line items (order_id, customer_id, order_date, quantity, unit_price) or the
Online Retail columns (InvoiceNo, CustomerID, InvoiceDate, Quantity, UnitPrice).
Usage: /usr/bin/python3 bench/peer.py FILE.csv"""
import sys

import numpy as np
import pandas as pd

RETAIL = {'InvoiceNo': 'order_id', 'CustomerID': 'customer_id', 'InvoiceDate': 'order_date', 'Quantity': 'quantity', 'UnitPrice': 'unit_price'}

head = pd.read_csv(sys.argv[1], nrows=0).columns
names = RETAIL if 'InvoiceNo' in head else {c: c for c in RETAIL.values()}
df = pd.read_csv(sys.argv[1], usecols=list(names), dtype={k: str for k, v in names.items() if v in ('order_id', 'customer_id')}).rename(columns=names)
df['order_date'] = pd.to_datetime(df['order_date']).dt.normalize()  # dates; a time of day is dropped
df['amount'] = df['quantity'] * df['unit_price']
as_of = df['order_date'].max()

purchase = (df['amount'] > 0) & ~df['order_id'].str.startswith('C')
g = df.groupby('customer_id')
summary = g.agg(revenue=('amount', 'sum'), last_date=('order_date', 'max'))
summary['orders'] = df[purchase].groupby('customer_id')['order_id'].nunique().reindex(summary.index, fill_value=0)
summary['recency'] = (as_of - summary['last_date']).dt.days

# CV of monthly totals, months from the customer's first month to the as-of month (empty ones 0).
df['month'] = df['order_date'].dt.year * 12 + df['order_date'].dt.month - 1
monthly = df.groupby(['customer_id', 'month'])['amount'].sum().unstack(fill_value=0)
first = g['month'].min().reindex(monthly.index).to_numpy()
last = as_of.year * 12 + as_of.month - 1
in_span = monthly.columns.to_numpy()[None, :] >= first[:, None]
values = np.where(in_span, monthly.to_numpy(), 0.0)
n = last - first + 1
mean = values.sum(axis=1) / n
std = np.sqrt(np.maximum((values ** 2).sum(axis=1) / n - mean ** 2, 0))
summary['cv'] = pd.Series(np.where(mean > 0, std / np.where(mean > 0, mean, 1), np.nan), index=monthly.index)

summary['r'] = pd.qcut(summary['recency'].rank(method='first', ascending=False), 5, labels=False) + 1
summary['f'] = pd.qcut(summary['orders'].rank(method='first'), 5, labels=False) + 1
summary['m'] = pd.qcut(summary['revenue'].rank(method='first'), 5, labels=False) + 1
print(f'{len(summary)} customers')
