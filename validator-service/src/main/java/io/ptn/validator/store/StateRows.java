package io.ptn.validator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.validator.Elimination;
import io.ptn.validator.Fees;
import io.ptn.validator.MinerState;
import io.ptn.validator.OrderSource;
import io.ptn.validator.OrderType;
import io.ptn.validator.Position;
import io.ptn.validator.PositionOrder;
import io.ptn.validator.Positions;

/**
 * The store's SQL: how a batch becomes rows and how the rows become the state again at startup, including the rebuild
 * of positions stored under the earlier rules. No threads and no transactions here; {@link OrderStore}'s writer owns
 * the connection and commits.
 */
final class StateRows {

    private static final Logger Log = Logger.getLogger(StateRows.class);

    private StateRows() {
    }

    private static final String INSERT_ORDER = "INSERT INTO orders (order_uuid, request_hash, miner_hotkey, trade_pair, "
            + "order_type, leverage, price, fill_price, bid, ask, slippage, price_ts_ms, price_source, position_uuid, status, "
            + "processed_ms, answer_json, requested_leverage, filled_leverage, filled_order_type, base_price, "
            + "original_fill_price, corrected_at_ms, price_sources) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    /** An order written again is a fill correction: only the fill changes, never the request or the answer. */
    private static final String UPDATE_FILL = "UPDATE orders SET price=?, fill_price=?, bid=?, ask=?, slippage=?, "
            + "price_ts_ms=?, price_source=?, base_price=?, original_fill_price=?, corrected_at_ms=?, price_sources=? "
            + "WHERE order_uuid=?";
    static final String SELECT_ANSWER = "SELECT answer_json FROM orders WHERE order_uuid=?";
    /** Figures of positions written by this code; NULL marks those computed under the earlier rules. */
    static final int RULES_VERSION = 2;
    private static final String UPSERT_POSITION = "INSERT INTO positions (position_uuid, miner_hotkey, trade_pair, "
            + "first_order_type, open_ms, close_ms, net_leverage, average_entry_price, realized_pnl, spread_fee_factor, "
            + "carry_factor, carry_as_of_ms, mark_price, mark_ms, current_return, close_reason, position_type, "
            + "return_without_fees, rules_version) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(position_uuid) DO UPDATE SET "
            + "close_ms=excluded.close_ms, net_leverage=excluded.net_leverage, "
            + "average_entry_price=excluded.average_entry_price, realized_pnl=excluded.realized_pnl, "
            + "spread_fee_factor=excluded.spread_fee_factor, carry_factor=excluded.carry_factor, "
            + "carry_as_of_ms=excluded.carry_as_of_ms, mark_price=excluded.mark_price, mark_ms=excluded.mark_ms, "
            + "current_return=excluded.current_return, close_reason=excluded.close_reason, "
            + "position_type=excluded.position_type, return_without_fees=excluded.return_without_fees, "
            + "rules_version=excluded.rules_version";
    private static final String INSERT_SYSTEM_ORDER = "INSERT INTO system_orders (order_uuid, position_uuid, order_type, "
            + "leverage, base_price, slippage, processed_ms, source) VALUES (?,?,?,?,?,?,?,?) "
            + "ON CONFLICT(position_uuid, order_uuid) DO NOTHING";
    private static final String UPSERT_MINER = "INSERT INTO miners (hotkey, high_water_mark, last_return, eliminated, "
            + "updated_ms) VALUES (?,?,?,?,?) ON CONFLICT(hotkey) DO UPDATE SET high_water_mark=excluded.high_water_mark, "
            + "last_return=excluded.last_return, eliminated=excluded.eliminated, updated_ms=excluded.updated_ms";
    private static final String UPSERT_ELIMINATION = "INSERT INTO eliminations (hotkey, reason, drawdown, eliminated_at_ms) "
            + "VALUES (?,?,?,?) ON CONFLICT(hotkey) DO NOTHING";

    /**
     * The writer's statements, prepared once for its connection's life: preparing them for every batch took ~12 % of
     * the writer's CPU at 2,000 orders/s (docs/benchmarks.md). SQLite keeps a prepared statement valid across
     * transactions; the schema does not change while the store is open.
     */
    static final class Statements implements AutoCloseable {

        final PreparedStatement insertOrder;
        final PreparedStatement updateFill;
        final PreparedStatement upsertPosition;
        final PreparedStatement insertSystemOrder;
        final PreparedStatement upsertMiner;
        final PreparedStatement upsertElimination;
        private final List<PreparedStatement> all = new ArrayList<>();

        Statements(Connection c) throws SQLException {
            try {
                insertOrder = prepare(c, INSERT_ORDER);
                updateFill = prepare(c, UPDATE_FILL);
                upsertPosition = prepare(c, UPSERT_POSITION);
                insertSystemOrder = prepare(c, INSERT_SYSTEM_ORDER);
                upsertMiner = prepare(c, UPSERT_MINER);
                upsertElimination = prepare(c, UPSERT_ELIMINATION);
            } catch (SQLException e) {
                close();
                throw e;
            }
        }

        private PreparedStatement prepare(Connection c, String sql) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            all.add(ps);
            return ps;
        }

        /**
         * After a failed write: rows a statement had queued but not run (a correction's update behind a refused
         * insert) belong to the rolled-back batch and must not run with the next one.
         */
        void clearBatches() {
            for (PreparedStatement ps : all) {
                try {
                    ps.clearBatch();
                } catch (SQLException e) {
                    Log.warn("store: clearing a statement's queued rows failed", e);
                }
            }
        }

        @Override
        public void close() {
            for (PreparedStatement ps : all) {
                try {
                    ps.close();
                } catch (SQLException e) {
                    Log.warn("store: closing a statement failed", e);
                }
            }
            all.clear();
        }
    }

    /** Writes a batch's changes (not committed: the writer commits). */
    static void write(Statements st, Batch b) throws SQLException {
        // positions first: a position closed in this batch frees its (miner, pair) slot before a new one takes it
        if (!b.positions.isEmpty()) {
            writePositions(st, b.positions.values());
        }
        if (!b.orders.isEmpty()) {
            boolean inserts = false;
            boolean updates = false;
            for (StoredOrder o : b.orders.values()) {
                if (b.rewrittenOrders.contains(o.orderUuid())) {
                    setFill(st.updateFill, o);
                    st.updateFill.addBatch();
                    updates = true;
                } else {
                    setNew(st.insertOrder, o);
                    st.insertOrder.addBatch();
                    inserts = true;
                }
            }
            if (inserts) {
                st.insertOrder.executeBatch();
            }
            if (updates) {
                st.updateFill.executeBatch();
            }
        }
        if (!b.miners.isEmpty()) {
            PreparedStatement ps = st.upsertMiner;
            for (MinerState m : b.miners.values()) {
                ps.setString(1, m.hotkey());
                ps.setDouble(2, m.highWaterMark());
                ps.setDouble(3, m.lastReturn());
                ps.setInt(4, m.eliminated() ? 1 : 0);
                ps.setLong(5, m.updatedMs());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (!b.eliminations.isEmpty()) {
            PreparedStatement ps = st.upsertElimination;
            for (Elimination e : b.eliminations.values()) {
                ps.setString(1, e.hotkey());
                ps.setString(2, e.reason());
                ps.setDouble(3, e.drawdown());
                ps.setLong(4, e.eliminatedAtMs());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Binds every column of {@link #INSERT_ORDER}: a new order, with the answer sent. */
    private static void setNew(PreparedStatement ps, StoredOrder o) throws SQLException {
        ps.setString(1, o.orderUuid());
        ps.setString(2, o.requestHash());
        ps.setString(3, o.minerHotkey());
        ps.setString(4, o.tradePair());
        ps.setString(5, o.orderType().name());
        ps.setDouble(6, o.leverage());
        ps.setDouble(7, o.price());
        ps.setDouble(8, o.fillPrice());
        ps.setDouble(9, o.bid());
        ps.setDouble(10, o.ask());
        ps.setDouble(11, o.slippage());
        ps.setLong(12, o.priceTimestampMs());
        ps.setString(13, o.priceSource());
        ps.setString(14, o.positionUuid());
        ps.setInt(15, o.status());
        ps.setLong(16, o.processedMs());
        ps.setString(17, o.answerJson());
        setNullable(ps, 18, o.requestedLeverage());
        setNullable(ps, 19, o.filledLeverage());
        ps.setString(20, o.filledOrderType() == null ? null : o.filledOrderType().name());
        setNullable(ps, 21, o.basePrice());
        setNullable(ps, 22, o.originalFillPrice());
        setNullable(ps, 23, o.correctedAtMs());
        ps.setString(24, SourcesColumn.write(o.priceSources()));
    }

    /** Binds {@link #UPDATE_FILL}: a committed order re-filled, its request and answer untouched. */
    private static void setFill(PreparedStatement ps, StoredOrder o) throws SQLException {
        ps.setDouble(1, o.price());
        ps.setDouble(2, o.fillPrice());
        ps.setDouble(3, o.bid());
        ps.setDouble(4, o.ask());
        ps.setDouble(5, o.slippage());
        ps.setLong(6, o.priceTimestampMs());
        ps.setString(7, o.priceSource());
        setNullable(ps, 8, o.basePrice());
        setNullable(ps, 9, o.originalFillPrice());
        setNullable(ps, 10, o.correctedAtMs());
        ps.setString(11, SourcesColumn.write(o.priceSources()));
        ps.setString(12, o.orderUuid());
    }

    /**
     * The sources of orders stored before schema V5, from the table that held them then; an order whose
     * {@code price_sources} column is set (written or corrected since) has its sources there.
     */
    private static Map<String, List<PriceSource>> loadLegacySources(Statement s) throws SQLException {
        Map<String, List<PriceSource>> out = new HashMap<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM order_price_sources ORDER BY order_uuid, rank")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString("order_uuid"), k -> new ArrayList<>()).add(new PriceSource(
                        rs.getString("source"), rs.getLong("timespan_ms"), rs.getDouble("open"), rs.getDouble("close"),
                        nullableDouble(rs, "high"), nullableDouble(rs, "low"), nullableDouble(rs, "vwap"),
                        rs.getLong("start_ms"), rs.getInt("websocket") != 0, rs.getLong("lag_ms"), rs.getDouble("bid"),
                        rs.getDouble("ask")));
            }
        }
        return out;
    }

    private static void setNullable(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.REAL);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void setNullable(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setLong(i, v);
        }
    }

    /** The carry fee as of the last mark, for the V1 column; never fails a write (the figures are already computed). */
    private static double carryFactor(Position p) {
        try {
            return p.markMs() >= Fees.FEE_V4_TIME_MS ? Fees.carry(p, p.markMs()).factor() : 1.0;
        } catch (RuntimeException e) {
            return 1.0;
        }
    }

    /** Upserts positions and the FLATs the validator added to them (idempotent). */
    private static void writePositions(Statements st, Collection<Position> positions) throws SQLException {
        PreparedStatement ps = st.upsertPosition;
        PreparedStatement sys = st.insertSystemOrder;
        boolean anySystem = false;
        for (Position p : positions) {
            ps.setString(1, p.positionUuid());
            ps.setString(2, p.minerHotkey());
            ps.setString(3, p.tradePair().id());
            ps.setString(4, p.firstOrderType().name());
            ps.setLong(5, p.openMs());
            if (p.closeMs() == null) {
                ps.setNull(6, Types.INTEGER);
            } else {
                ps.setLong(6, p.closeMs());
            }
            ps.setDouble(7, p.netLeverage());
            ps.setDouble(8, p.averageEntryPrice());
            ps.setDouble(9, p.realizedPnl());
            // kept for readers of the V1 columns: the fee factors as of the last mark
            ps.setDouble(10, Fees.spreadFee(p.tradePair(), p.orders()));
            ps.setDouble(11, carryFactor(p));
            ps.setLong(12, p.markMs());
            ps.setDouble(13, p.markPrice());
            ps.setLong(14, p.markMs());
            ps.setDouble(15, p.returnWithFees());
            ps.setString(16, p.closeReason());
            ps.setString(17, p.positionType().name());
            ps.setDouble(18, p.returnWithoutFees());
            ps.setInt(19, RULES_VERSION);
            ps.executeUpdate(); // one by one: order matters for the partial unique index
            for (PositionOrder o : p.orders()) {
                if (o.source() != OrderSource.ORGANIC) {
                    sys.setString(1, o.orderUuid());
                    sys.setString(2, p.positionUuid());
                    sys.setString(3, o.orderType().name());
                    sys.setDouble(4, o.leverage());
                    sys.setDouble(5, o.basePrice());
                    sys.setDouble(6, o.slippage());
                    sys.setLong(7, o.processedMs());
                    sys.setString(8, o.source().name());
                    sys.addBatch();
                    anySystem = true;
                }
            }
        }
        if (anySystem) {
            sys.executeBatch();
        }
    }

    /**
     * Reads every row into {@code state}; positions computed under the earlier rules are rebuilt from their orders and
     * written back (not committed). Returns how many were rebuilt.
     */
    static int load(Connection connection, Statements st, State state) throws SQLException {
        state.clear();
        Map<String, List<PositionOrder>> ordersByPosition = new HashMap<>();
        List<Position> legacy = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            Map<String, List<PriceSource>> legacySources = loadLegacySources(s);
            try (ResultSet rs = s.executeQuery("SELECT * FROM orders ORDER BY processed_ms, rowid")) {
                while (rs.next()) {
                    StoredOrder o = new StoredOrder(rs.getString("order_uuid"), rs.getString("request_hash"),
                            rs.getString("miner_hotkey"), rs.getString("trade_pair"), OrderType.valueOf(rs.getString("order_type")),
                            rs.getDouble("leverage"), rs.getDouble("price"), rs.getDouble("fill_price"), rs.getDouble("bid"),
                            rs.getDouble("ask"), rs.getDouble("slippage"), rs.getLong("price_ts_ms"), rs.getString("price_source"),
                            rs.getString("position_uuid"), rs.getInt("status"), rs.getLong("processed_ms"),
                            null, nullableDouble(rs, "requested_leverage"),
                            nullableDouble(rs, "filled_leverage"), nullableType(rs, "filled_order_type"),
                            nullableDouble(rs, "base_price"), sources(rs, legacySources),
                            nullableDouble(rs, "original_fill_price"), nullableLong(rs, "corrected_at_ms"));
                    state.putOrder(o);
                    ordersByPosition.computeIfAbsent(o.positionUuid(), k -> new ArrayList<>()).add(positionOrder(o));
                }
            }
            // the validator's own FLATs sort after a miner order of the same millisecond (a liquidation follows it)
            try (ResultSet rs = s.executeQuery("SELECT * FROM system_orders ORDER BY processed_ms, rowid")) {
                while (rs.next()) {
                    PositionOrder o = new PositionOrder(rs.getString("order_uuid"), OrderType.valueOf(rs.getString("order_type")),
                            rs.getDouble("leverage"), rs.getDouble("base_price"), rs.getDouble("slippage"),
                            rs.getLong("processed_ms"), OrderSource.valueOf(rs.getString("source")));
                    List<PositionOrder> list = ordersByPosition.computeIfAbsent(rs.getString("position_uuid"),
                            k -> new ArrayList<>());
                    int at = list.size();
                    while (at > 0 && list.get(at - 1).processedMs() > o.processedMs()) {
                        at--;
                    }
                    list.add(at, o);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM positions ORDER BY open_ms, rowid")) {
                while (rs.next()) {
                    String uuid = rs.getString("position_uuid");
                    long close = rs.getLong("close_ms");
                    Long closeMs = rs.wasNull() ? null : close;
                    rs.getInt("rules_version");
                    boolean old = rs.wasNull();
                    String type = rs.getString("position_type");
                    double withoutFees = rs.getDouble("return_without_fees");
                    Position p = new Position(uuid, rs.getString("miner_hotkey"),
                            TradePair.valueOf(rs.getString("trade_pair")),
                            type != null ? OrderType.valueOf(type) : closeMs != null ? OrderType.FLAT
                                    : OrderType.valueOf(rs.getString("first_order_type")),
                            rs.getLong("open_ms"), closeMs, rs.getDouble("net_leverage"), rs.getDouble("average_entry_price"),
                            rs.getDouble("realized_pnl"), old ? rs.getDouble("current_return") : withoutFees,
                            rs.getDouble("current_return"), rs.getDouble("mark_price"), rs.getLong("mark_ms"),
                            rs.getString("close_reason"), ordersByPosition.getOrDefault(uuid, List.of()));
                    if (old) {
                        legacy.add(p);
                    } else {
                        state.putPosition(p);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM miners")) {
                while (rs.next()) {
                    MinerState m = new MinerState(rs.getString("hotkey"), rs.getDouble("high_water_mark"),
                            rs.getDouble("last_return"), rs.getInt("eliminated") != 0, rs.getLong("updated_ms"));
                    state.miners.put(m.hotkey(), m);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM eliminations")) {
                while (rs.next()) {
                    Elimination e = new Elimination(rs.getString("hotkey"), rs.getString("reason"), rs.getDouble("drawdown"),
                            rs.getLong("eliminated_at_ms"));
                    state.eliminations.put(e.hotkey(), e);
                }
            }
        }
        // positions computed under the earlier rules: recomputed from their orders as PTN would (rebuild)
        List<Position> rebuilt = new ArrayList<>();
        for (Position p : legacy) {
            Position r = rebuildLegacy(p);
            state.putPosition(r);
            if (r != p) {
                rebuilt.add(r);
            }
        }
        if (!rebuilt.isEmpty()) {
            writePositions(st, rebuilt);
            backfillLegacyOrders(connection, rebuilt);
        }
        return rebuilt.size();
    }

    /** Fills the V2 columns of orders stored before V2 with what the rebuild derived; the V1 columns stay as stored. */
    private static void backfillLegacyOrders(Connection c, List<Position> rebuilt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET filled_leverage=?, filled_order_type=?, "
                + "base_price=? WHERE order_uuid=? AND filled_order_type IS NULL")) {
            for (Position p : rebuilt) {
                for (PositionOrder o : p.orders()) {
                    if (o.source() == OrderSource.ORGANIC) {
                        ps.setDouble(1, o.leverage());
                        ps.setString(2, o.orderType().name());
                        ps.setDouble(3, o.basePrice());
                        ps.setString(4, o.orderUuid());
                        ps.addBatch();
                    }
                }
            }
            ps.executeBatch();
        }
    }

    /**
     * A position stored before schema V2, recomputed from its orders ({@link Positions#rebuild}). One the earlier code
     * closed without an order (liquidation or elimination at a mark) gets that close as a FLAT at its close time and
     * mark price, so it stays closed. Kept as stored if its orders cannot be replayed.
     */
    static Position rebuildLegacy(Position p) {
        if (p.orders().isEmpty()) {
            return p;
        }
        List<PositionOrder> orders = legacyOrders(p.orders());
        boolean closedByOrder = orders.stream().anyMatch(o -> o.orderType() == OrderType.FLAT);
        if (!p.isOpen() && !closedByOrder) {
            orders.add(new PositionOrder(new StringBuilder(p.positionUuid()).reverse().toString(), OrderType.FLAT,
                    -orders.stream().mapToDouble(PositionOrder::leverage).sum(), p.markPrice(), 0.0, p.closeMs(),
                    OrderSource.PRICE_FILLED_ELIMINATION_FLAT));
        }
        Position base = new Position(p.positionUuid(), p.minerHotkey(), p.tradePair(), null, orders.get(0).processedMs(),
                null, 0, 0, 0, 1, 1, p.markPrice(), p.markMs(), p.closeReason(), orders);
        try {
            return Positions.rebuild(base);
        } catch (RuntimeException e) {
            Log.warnf("Store: position %s could not be rebuilt from its orders (%s); kept as stored", p.positionUuid(),
                    e.toString());
            return p;
        }
    }

    /**
     * Orders stored before V2 as PTN would hold them: a FLAT, or an order that reaches or crosses zero, becomes a FLAT
     * of leverage -net (PTN's clamp), and the price before slippage is recovered from the recorded fill price by the
     * side the order traded on. Orders after the close stay in the list (PTN's replay stops at the close).
     */
    static List<PositionOrder> legacyOrders(List<PositionOrder> recorded) {
        List<PositionOrder> out = new ArrayList<>(recorded.size() + 1);
        double net = 0;
        boolean closed = false;
        for (PositionOrder o : recorded) {
            OrderType type = o.orderType();
            double lev = o.leverage();
            if (!closed && (type == OrderType.FLAT || net != 0 && net * (net + lev) <= 0)) {
                type = OrderType.FLAT;
                lev = -net;
                closed = true;
            } else if (!closed) {
                net += lev;
            }
            double fill = o.basePrice(); // legacy rows carry the fill price here (positionOrder)
            double base = lev > 0 ? fill / (1 + o.slippage()) : fill / (1 - o.slippage());
            out.add(new PositionOrder(o.orderUuid(), type, lev, base, o.slippage(), o.processedMs(), o.source()));
        }
        return out;
    }

    /**
     * The order as it enters its position. Rows stored before V2 carry the unsigned size and the fill price: the
     * leverage is signed by type and the fill price stands in for the base price until {@link #legacyOrders}.
     */
    static PositionOrder positionOrder(StoredOrder o) {
        if (o.filledOrderType() != null && o.filledLeverage() != null && o.basePrice() != null) {
            return new PositionOrder(o.orderUuid(), o.filledOrderType(), o.filledLeverage(), o.basePrice(), o.slippage(),
                    o.processedMs(), OrderSource.ORGANIC);
        }
        double signed = switch (o.orderType()) {
            case LONG -> o.leverage();
            case SHORT -> -o.leverage();
            case FLAT -> 0.0;
        };
        return new PositionOrder(o.orderUuid(), o.orderType(), signed, o.fillPrice(), o.slippage(), o.processedMs(),
                OrderSource.ORGANIC);
    }

    private static List<PriceSource> sources(ResultSet rs, Map<String, List<PriceSource>> legacy) throws SQLException {
        String column = rs.getString("price_sources");
        return column != null ? SourcesColumn.read(column) : legacy.getOrDefault(rs.getString("order_uuid"), List.of());
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static OrderType nullableType(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : OrderType.valueOf(v);
    }
}
