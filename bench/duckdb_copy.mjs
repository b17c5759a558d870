// The DuckDB side of the benchmark (run.sh times this process).
//
//   node duckdb_copy.mjs copy    IN.csv OUT.parquet THREADS      CSV -> Parquet (snappy), like COPY INTO
//   node duckdb_copy.mjs rewrite IN.parquet OUT.parquet THREADS  Parquet -> Parquet (snappy)
//   node duckdb_copy.mjs count   OUT.parquet                     prints the row count of a Parquet file
//
// `copy` with THREADS = 0 uses DuckDB's defaults; run.sh uses it once to make the Parquet input of
// the rewrite scenario (DuckDB's default row groups of 122,880 rows).
//
// Counting is a separate invocation so that it is not part of the timed copy.
// DuckDB is installed once, for the test oracle, in test/oracle/node_modules; we resolve it from
// there instead of keeping a second copy under bench/.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../test/oracle/package.json', import.meta.url));
const { DuckDBInstance } = require('@duckdb/node-api');

// The lineitem schema, spelled out so DuckDB does not sniff types (inlet is given them too).
const kColumns = {
  l_orderkey: 'BIGINT',
  l_partkey: 'BIGINT',
  l_suppkey: 'BIGINT',
  l_linenumber: 'INTEGER',
  l_quantity: 'DECIMAL(15,2)',
  l_extendedprice: 'DECIMAL(15,2)',
  l_discount: 'DECIMAL(15,2)',
  l_tax: 'DECIMAL(15,2)',
  l_returnflag: 'VARCHAR',
  l_linestatus: 'VARCHAR',
  l_shipdate: 'DATE',
  l_commitdate: 'DATE',
  l_receiptdate: 'DATE',
  l_shipinstruct: 'VARCHAR',
  l_shipmode: 'VARCHAR',
  l_comment: 'VARCHAR',
};

function Quote(s) {
  return `'${s.replaceAll("'", "''")}'`;
}

function Usage() {
  console.error('usage: node duckdb_copy.mjs copy IN.csv OUT.parquet THREADS\n' +
                '       node duckdb_copy.mjs rewrite IN.parquet OUT.parquet THREADS\n' +
                '       node duckdb_copy.mjs count OUT.parquet');
  process.exit(2);
}

const [mode, ...args] = process.argv.slice(2);
let statements;
if (mode === 'copy' && args.length === 3) {
  const [input, output, threads] = args;
  const columns = Object.entries(kColumns).map(([n, t]) => `${n}: ${Quote(t)}`).join(', ');
  statements = [
    ...(Number(threads) > 0 ? [`SET threads = ${Number(threads)}`] : []),
    `COPY (SELECT * FROM read_csv(${Quote(input)}, header = true, columns = {${columns}})) ` +
        `TO ${Quote(output)} (FORMAT parquet, COMPRESSION snappy)`,
  ];
} else if (mode === 'rewrite' && args.length === 3) {
  const [input, output, threads] = args;
  statements = [
    `SET threads = ${Number(threads)}`,
    `COPY (SELECT * FROM read_parquet(${Quote(input)})) TO ${Quote(output)} ` +
        `(FORMAT parquet, COMPRESSION snappy)`,
  ];
} else if (mode === 'count' && args.length === 1) {
  statements = [`SELECT count(*) AS n FROM read_parquet(${Quote(args[0])})`];
} else {
  Usage();
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
try {
  let reader;
  for (const sql of statements) reader = await connection.runAndReadAll(sql);
  if (mode === 'count') console.log(String(reader.getRows()[0][0]));
} catch (error) {
  console.error(`duckdb: ${String(error.message ?? error)}`);
  process.exit(1);
}
