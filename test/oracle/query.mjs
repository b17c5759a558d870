// Runs one SQL statement in an in-memory DuckDB and prints the rows as JSON lines,
// so tests can compare what DuckDB reads from inlet's files with what inlet reads.
import { DuckDBInstance } from '@duckdb/node-api';

const sql = process.argv[2];
if (!sql) {
  console.error('usage: node query.mjs "<sql>"');
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
try {
  const reader = await connection.runAndReadAll(sql);
  for (const row of reader.getRowsJson()) {
    console.log(JSON.stringify(row));
  }
} catch (error) {
  console.error(String(error.message ?? error));
  process.exit(1);
}
