-- PTN-parity position arithmetic (docs/domain.md). Adds columns only: no stored order row is changed or removed.

-- Orders: what was requested and what was filled. NULL on rows stored before this version.
ALTER TABLE orders ADD COLUMN requested_leverage REAL;   -- as the miner sent it (unsigned; NULL for a FLAT sent without)
ALTER TABLE orders ADD COLUMN filled_leverage REAL;      -- signed (SHORT negative), after clamping
ALTER TABLE orders ADD COLUMN filled_order_type TEXT;    -- FLAT when the order closed the position (flip, exact close)
ALTER TABLE orders ADD COLUMN base_price REAL;           -- price before slippage (PTN order.price)

-- Positions: PTN's position type and the return without fees; current_return stays the return with fees.
ALTER TABLE positions ADD COLUMN position_type TEXT;
ALTER TABLE positions ADD COLUMN return_without_fees REAL;
-- NULL: figures computed under the earlier rules; the store rebuilds such positions from their orders at startup.
ALTER TABLE positions ADD COLUMN rules_version INTEGER;

-- FLATs the validator adds itself to a position (liquidation, elimination, max-orders close): part of the position's
-- order list, but not miner orders (no request, no answer, no cooldown).
CREATE TABLE system_orders (
    order_uuid     TEXT    NOT NULL,
    position_uuid  TEXT    NOT NULL,
    order_type     TEXT    NOT NULL,
    leverage       REAL    NOT NULL,
    base_price     REAL    NOT NULL,
    slippage       REAL    NOT NULL,
    processed_ms   INTEGER NOT NULL,
    source         TEXT    NOT NULL,
    PRIMARY KEY (position_uuid, order_uuid)
);
