package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import io.ptn.domain.TradePair;
import io.ptn.validator.LeverageBounds;
import io.ptn.validator.OrderSource;
import io.ptn.validator.OrderType;
import io.ptn.validator.Position;
import io.ptn.validator.PositionVectorsTest;
import io.ptn.validator.Positions;

/**
 * A data directory written by the earlier code (schema V1, figures under the earlier rules) opened by this one: the
 * positions are rebuilt from their orders under PTN's rules, the stored order rows keep their V1 values, and a second
 * restart changes nothing more.
 */
class StoreLegacyRebuildTest {

    static final long T0 = 1_764_000_000_000L; // 2025-11-24

    @Test
    void positionsStoredUnderTheEarlierRulesAreRebuiltFromTheirOrdersAtStartup() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "store-legacy-");
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("validator.db"));
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = ds.getConnection()) {
            // open BTC long, added to with slippage (old figures deliberately off)
            order(c, "a1", "pA", "BTCUSD", "LONG", 0.2, 60000, 60000, 0, T0);
            order(c, "a2", "pA", "BTCUSD", "LONG", 0.1, 66000, 66000 * 1.001, 0.001, T0 + 60_000);
            position(c, "pA", "BTCUSD", "LONG", T0, null, 0.3, 62000, 0, 1.07, null, 66000, T0 + 60_000);
            // short liquidated by the earlier risk monitor at a mark: closed without an order
            order(c, "b1", "pB", "ETHUSD", "SHORT", 0.5, 3000, 3000, 0, T0);
            position(c, "pB", "ETHUSD", "SHORT", T0, T0 + 3_600_000L, 0, 3000, 0, 0, "LIQUIDATED", 9001, T0 + 3_600_000L);
            // a flip the earlier rules kept open on the other side
            order(c, "c1", "pC", "SOLUSD", "LONG", 0.2, 150, 150, 0, T0);
            order(c, "c2", "pC", "SOLUSD", "SHORT", 0.3, 160, 160, 0, T0 + 120_000);
            position(c, "pC", "SOLUSD", "LONG", T0, null, -0.1, 160, 0.0133, 1.01, null, 160, T0 + 120_000);
            // forex long closed by a FLAT that sold at the bid minus slippage (leverage column: the size closed)
            order(c, "d1", "pD", "EURUSD", "LONG", 1.0, 1.08, 1.08 * 1.0002, 0.0002, T0);
            order(c, "d2", "pD", "EURUSD", "FLAT", 1.0, 1.09, 1.09 * (1 - 0.0002), 0.0002, T0 + 86_400_000L);
            position(c, "pD", "EURUSD", "LONG", T0, T0 + 86_400_000L, 0, 1.08, 0.009, 1.009, "FLAT", 1.09,
                    T0 + 86_400_000L);
        }

        OrderStore store = StoreTestSupport.open(dir);
        List<Position> first;
        try {
            Position a = store.ledger().openPosition("m", "BTCUSD").orElseThrow();
            Position expectedA = orders(TradePair.BTCUSD, "pA",
                    new Positions.NewOrder("a1", OrderType.LONG, 0.2, 60000, 0, T0, OrderSource.ORGANIC),
                    new Positions.NewOrder("a2", OrderType.LONG, 0.1, 66000, 0.001, T0 + 60_000, OrderSource.ORGANIC));
            PositionVectorsTest.near("pA", "returnWithFees", expectedA.returnWithFees(), a.returnWithFees());
            PositionVectorsTest.near("pA", "avg", expectedA.averageEntryPrice(), a.averageEntryPrice());
            PositionVectorsTest.near("pA", "net", 0.3, a.netLeverage());

            Position b = byUuid(store, "pB");
            assertFalse(b.isOpen());
            assertEquals(Position.LIQUIDATED, b.closeReason());
            assertEquals(0.0, b.returnWithFees());
            assertEquals(2, b.orders().size());
            assertEquals(OrderSource.PRICE_FILLED_ELIMINATION_FLAT, b.orders().get(1).source());

            Position cPos = byUuid(store, "pC");
            assertFalse(cPos.isOpen(), "PTN closes at the order that crosses zero");
            assertEquals(T0 + 120_000, cPos.closeMs());
            assertEquals(OrderType.FLAT, cPos.orders().get(1).orderType());
            PositionVectorsTest.near("pC", "filled leverage", -0.2, cPos.orders().get(1).leverage());
            PositionVectorsTest.near("pC", "returnWithoutFees", 1 + (160 - 150) * 0.2 / 150, cPos.returnWithoutFees());
            assertTrue(store.ledger().openPosition("m", "SOLUSD").isEmpty());

            Position d = byUuid(store, "pD");
            Position expectedD = orders(TradePair.EURUSD, "pD",
                    new Positions.NewOrder("d1", OrderType.LONG, 1.0, 1.08, 0.0002, T0, OrderSource.ORGANIC),
                    new Positions.NewOrder("d2", OrderType.FLAT, 0, 1.09, 0.0002, T0 + 86_400_000L, OrderSource.ORGANIC));
            PositionVectorsTest.near("pD", "returnWithFees", expectedD.returnWithFees(), d.returnWithFees());
            PositionVectorsTest.near("pD", "realized", expectedD.realizedPnl(), d.realizedPnl());
            PositionVectorsTest.near("pD", "FLAT leverage", -1.0, d.orders().get(1).leverage());
            first = store.ledger().positions("m");
        } finally {
            store.close();
        }

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT order_uuid, order_type, leverage, fill_price, filled_order_type, "
                        + "filled_leverage, base_price FROM orders WHERE order_uuid IN ('c2','d2') ORDER BY order_uuid")) {
            assertTrue(rs.next());
            assertEquals("SHORT", rs.getString("order_type")); // the stored row keeps what was recorded
            assertEquals(0.3, rs.getDouble("leverage"));
            assertEquals("FLAT", rs.getString("filled_order_type")); // the V2 columns get what the rebuild derived
            assertEquals(-0.2, rs.getDouble("filled_leverage"), 1e-12);
            assertTrue(rs.next());
            assertEquals(1.09 * (1 - 0.0002), rs.getDouble("fill_price"));
            assertEquals(1.09, rs.getDouble("base_price"), 1e-12);
        }

        OrderStore again = StoreTestSupport.open(dir);
        try {
            assertEquals(first, again.ledger().positions("m"), "a second start changes nothing");
        } finally {
            again.close();
        }
    }

    private static Position orders(TradePair pair, String uuid, Positions.NewOrder... orders) {
        Position p = Positions.empty(uuid, "m", pair, orders[0].processedMs());
        for (Positions.NewOrder o : orders) {
            p = Positions.addOrder(p, o, 0, LeverageBounds.PORTFOLIO_LEVERAGE_CAP).position();
        }
        return p;
    }

    private static Position byUuid(OrderStore store, String uuid) {
        List<Position> all = new ArrayList<>(store.ledger().positions("m"));
        return all.stream().filter(p -> p.positionUuid().equals(uuid)).findFirst().orElseThrow();
    }

    private static void order(Connection c, String uuid, String position, String pair, String type, double leverage,
            double price, double fillPrice, double slippage, long ms) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (order_uuid, request_hash, miner_hotkey, "
                + "trade_pair, order_type, leverage, price, fill_price, bid, ask, slippage, price_ts_ms, price_source, "
                + "position_uuid, status, processed_ms, answer_json) VALUES (?,?,?,?,?,?,?,?,0,0,?,?,'old',?,201,?,'{}')")) {
            ps.setString(1, uuid);
            ps.setString(2, "hash-" + uuid);
            ps.setString(3, "m");
            ps.setString(4, pair);
            ps.setString(5, type);
            ps.setDouble(6, leverage);
            ps.setDouble(7, price);
            ps.setDouble(8, fillPrice);
            ps.setDouble(9, slippage);
            ps.setLong(10, ms);
            ps.setString(11, position);
            ps.setLong(12, ms);
            ps.executeUpdate();
        }
    }

    private static void position(Connection c, String uuid, String pair, String firstType, long openMs, Long closeMs,
            double net, double avg, double realized, double ret, String closeReason, double markPrice, long markMs)
            throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO positions (position_uuid, miner_hotkey, trade_pair, "
                + "first_order_type, open_ms, close_ms, net_leverage, average_entry_price, realized_pnl, spread_fee_factor, "
                + "carry_factor, carry_as_of_ms, mark_price, mark_ms, current_return, close_reason) "
                + "VALUES (?,'m',?,?,?,?,?,?,?,1,1,?,?,?,?,?)")) {
            ps.setString(1, uuid);
            ps.setString(2, pair);
            ps.setString(3, firstType);
            ps.setLong(4, openMs);
            if (closeMs == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setLong(5, closeMs);
            }
            ps.setDouble(6, net);
            ps.setDouble(7, avg);
            ps.setDouble(8, realized);
            ps.setLong(9, markMs);
            ps.setDouble(10, markPrice);
            ps.setLong(11, markMs);
            ps.setDouble(12, ret);
            ps.setString(13, closeReason);
            ps.executeUpdate();
        }
    }
}
