-- Fill corrections (docs/domain.md, "Fill corrections"). Adds a table and columns only: no stored row is changed.

-- The price sources each order was filled from, sorted by distance to the order's time (rank 0 is the one used).
-- Orders stored before this version have none: a correction then compares against the stored fill's own price.
CREATE TABLE order_price_sources (
    order_uuid   TEXT    NOT NULL,
    rank         INTEGER NOT NULL,
    source       TEXT    NOT NULL,
    websocket    INTEGER NOT NULL,
    start_ms     INTEGER NOT NULL,
    timespan_ms  INTEGER NOT NULL,
    lag_ms       INTEGER NOT NULL,
    open         REAL    NOT NULL,
    close        REAL    NOT NULL,
    high         REAL,
    low          REAL,
    vwap         REAL,
    bid          REAL    NOT NULL,
    ask          REAL    NOT NULL,
    PRIMARY KEY (order_uuid, rank)
);

-- Set when a correction first changed the order's fill: the fill price as first filled, and when it changed last.
ALTER TABLE orders ADD COLUMN original_fill_price REAL;
ALTER TABLE orders ADD COLUMN corrected_at_ms INTEGER;
