-- An order's price sources move into its own row: one JSON array (best first), written with the order and rewritten
-- with it by a fill correction. In their own table each source was a row under a second primary-key index (a leaf
-- page at a random place per order) and each correction a DELETE plus INSERTs: the bench measured ~19 % of the store
-- writer's time per order (docs/benchmarks.md). Rows written before this version stay in order_price_sources and are
-- read for orders whose column is NULL: SQLite's JSON functions print a REAL with 15 digits, so copying them here
-- in SQL would change the prices a later correction compares.
ALTER TABLE orders ADD COLUMN price_sources TEXT;
