// The floor of any DuckDB Node CLI (issue 28): start Node, open DuckDB, run one query, print it.
// Imported the way bench/baseline.mjs imports it. Usage: node bench/floor.mjs
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
const connection = await instance.connect();
const reader = await connection.runAndReadAll('SELECT 42 AS answer');
process.stdout.write(`${JSON.stringify(reader.getRowObjects())}\n`);
connection.closeSync();
