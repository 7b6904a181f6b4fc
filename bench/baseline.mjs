// The baseline: the hand-written DuckDB query a skilled analyst would write for the same
// per-customer summary (orders, net revenue, last date, CV of monthly totals) and RFM quintiles,
// run in the DuckDB Node API in a fresh process. Reads the generator's line items or the Online
// Retail columns (InvoiceNo, CustomerID, InvoiceDate, Quantity, UnitPrice). Usage: node bench/baseline.mjs FILE.csv
import { openSync, readSync, closeSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const head = Buffer.alloc(256);
const fd = openSync(file, 'r');
readSync(fd, head, 0, 256, 0);
closeSync(fd);
const retail = head.toString('utf8').startsWith('InvoiceNo,');
const source = retail
  ? `SELECT InvoiceNo AS order_id, CustomerID AS customer_id, InvoiceDate::DATE AS order_date, Quantity * UnitPrice AS amount FROM read_csv('${file}', types = {'InvoiceNo': 'VARCHAR', 'CustomerID': 'VARCHAR'})`
  : `SELECT customer_id, order_id, order_date, quantity * unit_price AS amount FROM read_csv('${file}', types = {'order_id': 'VARCHAR', 'customer_id': 'VARCHAR'})`;
const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
const connection = await instance.connect();
const sql = `
WITH t AS (${source}),
bounds AS (SELECT max(order_date) AS as_of FROM t),
per_month AS (
  SELECT customer_id, date_trunc('month', order_date) AS month, sum(amount) AS revenue FROM t GROUP BY ALL
),
months AS (
  SELECT customer_id, count(*) AS active, sum(revenue) AS s, sum(revenue * revenue) AS ss, min(month) AS first_month
  FROM per_month GROUP BY ALL
),
customers AS (
  SELECT customer_id,
         count(DISTINCT order_id) FILTER (WHERE amount > 0 AND NOT starts_with(order_id, 'C')) AS orders,
         sum(amount) AS revenue,
         max(order_date) AS last_date
  FROM t GROUP BY ALL
),
summary AS (
  SELECT c.*, datediff('day', c.last_date, b.as_of) AS recency,
         datediff('month', m.first_month, date_trunc('month', b.as_of)) + 1 AS n,
         m.s, m.ss
  FROM customers c JOIN months m USING (customer_id), bounds b
)
SELECT customer_id, orders, revenue, last_date, recency,
       CASE WHEN s / n > 0 THEN sqrt(greatest(ss / n - (s / n) * (s / n), 0)) / (s / n) END AS cv,
       ntile(5) OVER (ORDER BY recency DESC) AS r,
       ntile(5) OVER (ORDER BY orders) AS f,
       ntile(5) OVER (ORDER BY revenue) AS m
FROM summary
`;
const reader = await connection.runAndReadAll(sql);
process.stdout.write(`${reader.currentRowCount} customers\n`);
connection.closeSync();
instance.closeSync();
