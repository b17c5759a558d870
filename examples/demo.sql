-- The demo that `make demo` runs: load the bundled sample orders (two CSV files and a gzipped
-- one) into a Delta table in ./inlet-data, exactly once, and show what was loaded.
CREATE TABLE IF NOT EXISTS orders (
  order_id   BIGINT NOT NULL,
  customer   VARCHAR,
  product    VARCHAR,
  quantity   INTEGER,
  unit_price DECIMAL(10,2),
  ordered_at TIMESTAMP,
  status     VARCHAR(16),
  note       VARCHAR
);

-- The first run loads three files; run it again and it loads none: the table's Delta log
-- remembers every file it loaded.
COPY INTO orders FROM 'examples/data/orders/' FILE_FORMAT = CSV;

SELECT status, count(*) AS orders, sum(quantity) AS units, sum(unit_price * quantity) AS revenue
FROM orders
GROUP BY status
ORDER BY revenue DESC;

SELECT * FROM orders ORDER BY order_id LIMIT 5;
