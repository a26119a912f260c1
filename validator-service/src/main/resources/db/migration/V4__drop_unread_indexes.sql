-- Drops the three secondary indexes no statement reads: the store loads every table whole at start and keeps its
-- state in memory, so these were written on every order (each a leaf page at a random place: about half of the
-- pages a group commit wrote) and never used. Drops indexes only: no row is changed. The one-open-per-pair index
-- (positions_open) and the primary keys stay; they guard the data.
DROP INDEX IF EXISTS orders_position;
DROP INDEX IF EXISTS orders_miner_pair;
DROP INDEX IF EXISTS positions_miner;
