-- Orders, positions, miners and eliminations. Every filled order and the position it changed are written in the
-- same transaction (see store.OrderStore), so a crash never leaves one without the other.
CREATE TABLE orders (
    order_uuid      TEXT PRIMARY KEY,
    request_hash    TEXT    NOT NULL,
    miner_hotkey    TEXT    NOT NULL,
    trade_pair      TEXT    NOT NULL,
    order_type      TEXT    NOT NULL,
    leverage        REAL    NOT NULL,
    price           REAL    NOT NULL,
    fill_price      REAL    NOT NULL,
    bid             REAL    NOT NULL,
    ask             REAL    NOT NULL,
    slippage        REAL    NOT NULL,
    price_ts_ms     INTEGER NOT NULL,
    price_source    TEXT,
    position_uuid   TEXT    NOT NULL,
    status          INTEGER NOT NULL,
    processed_ms    INTEGER NOT NULL,
    answer_json     TEXT    NOT NULL
);
CREATE INDEX orders_position ON orders (position_uuid);
CREATE INDEX orders_miner_pair ON orders (miner_hotkey, trade_pair, processed_ms);

CREATE TABLE positions (
    position_uuid        TEXT PRIMARY KEY,
    miner_hotkey         TEXT    NOT NULL,
    trade_pair           TEXT    NOT NULL,
    first_order_type     TEXT    NOT NULL,
    open_ms              INTEGER NOT NULL,
    close_ms             INTEGER,
    net_leverage         REAL    NOT NULL,
    average_entry_price  REAL    NOT NULL,
    realized_pnl         REAL    NOT NULL,
    spread_fee_factor    REAL    NOT NULL,
    carry_factor         REAL    NOT NULL,
    carry_as_of_ms       INTEGER NOT NULL,
    mark_price           REAL    NOT NULL,
    mark_ms              INTEGER NOT NULL,
    current_return       REAL    NOT NULL,
    close_reason         TEXT
);
CREATE INDEX positions_miner ON positions (miner_hotkey);
-- at most one open position per (miner, pair)
CREATE UNIQUE INDEX positions_open ON positions (miner_hotkey, trade_pair) WHERE close_ms IS NULL;

CREATE TABLE miners (
    hotkey          TEXT PRIMARY KEY,
    high_water_mark REAL    NOT NULL,
    last_return     REAL    NOT NULL,
    eliminated      INTEGER NOT NULL,
    updated_ms      INTEGER NOT NULL
);

CREATE TABLE eliminations (
    hotkey            TEXT PRIMARY KEY,
    reason            TEXT    NOT NULL,
    drawdown          REAL    NOT NULL,
    eliminated_at_ms  INTEGER NOT NULL
);
