package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;

/**
 * An order's sources in its row (schema V5): they read back bit for bit after a restart, a correction replaces them,
 * and orders stored before V5 keep the sources of the table that held them until a correction rewrites them.
 */
class SourcesColumnTest {

    /** Values whose text a 15-digit printer would change, a candle with all its fields, a name JSON must escape. */
    static final List<PriceSource> AWKWARD = List.of(
            new PriceSource("poly\"gon ✓\\", 60_000, 0.1 + 0.2, 123456.78901234567, 1e-300, Double.MIN_VALUE,
                    67_123.456789012345, 1_764_000_000_123L, false, 17, 0.30000000000000004, 5e-324),
            PriceSource.tick("tiingo", 1.0842099999999999, 1_764_000_000_456L, true, 1.08420, 1.0842200000000001));

    @Test
    void sourcesReadBackBitForBit() {
        String column = SourcesColumn.write(AWKWARD);
        assertEquals(AWKWARD, SourcesColumn.read(column));
        for (int i = 0; i < AWKWARD.size(); i++) {
            PriceSource a = AWKWARD.get(i);
            PriceSource b = SourcesColumn.read(column).get(i);
            assertEquals(Double.doubleToRawLongBits(a.open()), Double.doubleToRawLongBits(b.open()), "open of " + i);
            assertEquals(Double.doubleToRawLongBits(a.ask()), Double.doubleToRawLongBits(b.ask()), "ask of " + i);
        }
        assertEquals(List.of(), SourcesColumn.read(SourcesColumn.write(List.of())));
    }

    @Test
    void aDamagedColumnIsRefusedNotReadAsNoSources() {
        String good = SourcesColumn.write(AWKWARD.subList(1, 2));
        for (String bad : List.of("", "{}", "[", "[{\"source\":\"x\"}]", good.replace("\"lagMs\"", "\"lag\""),
                good.replace("]", ""))) {
            assertThrows(IllegalStateException.class, () -> SourcesColumn.read(bad), bad);
        }
    }

    @Test
    void sourcesSurviveARestartAndACorrectionReplacesThem() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "store-sources-");
        String uuid;
        OrderStore store = StoreTestSupport.open(dir);
        try {
            uuid = store.submit(withSources(StoreTestSupport.longOrder("m", TradePair.BTCUSD, 0.5, 60000), AWKWARD))
                    .get(30, TimeUnit.SECONDS);
        } finally {
            store.close();
        }
        List<PriceSource> corrected = List.of(PriceSource.tick("corrected", 60_001.25, 1_764_000_001_000L, true, 60_001,
                60_001.5));
        store = StoreTestSupport.open(dir);
        try {
            assertEquals(AWKWARD, store.ledger().order(uuid).orElseThrow().priceSources());
            store.submit(rewrite(uuid, corrected)).get(30, TimeUnit.SECONDS);
        } finally {
            store.close();
        }
        store = StoreTestSupport.open(dir);
        try {
            assertEquals(corrected, store.ledger().order(uuid).orElseThrow().priceSources());
        } finally {
            store.close();
        }
    }

    @Test
    void anOrderStoredBeforeV5KeepsItsTableSourcesUntilACorrectionRewritesThem() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "store-sources-v4-");
        String legacyUuid;
        String plainUuid;
        OrderStore store = StoreTestSupport.open(dir);
        try {
            legacyUuid = store.submit(StoreTestSupport.longOrder("m", TradePair.BTCUSD, 0.5, 60000))
                    .get(30, TimeUnit.SECONDS);
            plainUuid = store.submit(StoreTestSupport.longOrder("m", TradePair.ETHUSD, 0.5, 3000))
                    .get(30, TimeUnit.SECONDS);
        } finally {
            store.close();
        }
        // as the code before V5 left it: the sources in their table, the order's column unset
        PriceSource old = AWKWARD.get(0);
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("validator.db"));
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE orders SET price_sources=NULL");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_price_sources (order_uuid, rank, source, "
                    + "websocket, start_ms, timespan_ms, lag_ms, open, close, high, low, vwap, bid, ask) "
                    + "VALUES (?,0,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, legacyUuid);
                ps.setString(2, old.source());
                ps.setInt(3, old.websocket() ? 1 : 0);
                ps.setLong(4, old.startMs());
                ps.setLong(5, old.timespanMs());
                ps.setLong(6, old.lagMs());
                ps.setDouble(7, old.open());
                ps.setDouble(8, old.close());
                ps.setDouble(9, old.high());
                ps.setDouble(10, old.low());
                ps.setDouble(11, old.vwap());
                ps.setDouble(12, old.bid());
                ps.setDouble(13, old.ask());
                ps.executeUpdate();
            }
        }
        List<PriceSource> corrected = AWKWARD.subList(1, 2);
        store = StoreTestSupport.open(dir);
        try {
            assertEquals(List.of(old), store.ledger().order(legacyUuid).orElseThrow().priceSources());
            assertTrue(store.ledger().order(plainUuid).orElseThrow().priceSources().isEmpty());
            store.submit(rewrite(legacyUuid, corrected)).get(30, TimeUnit.SECONDS);
        } finally {
            store.close();
        }
        store = StoreTestSupport.open(dir);
        try {
            assertEquals(corrected, store.ledger().order(legacyUuid).orElseThrow().priceSources(),
                    "the table's stale row won over the correction");
        } finally {
            store.close();
        }
    }

    private static StoreCommand<String> withSources(StoreCommand<String> order, List<PriceSource> sources) {
        return batch -> {
            String uuid = order.apply(batch);
            batch.putOrder(batch.order(uuid).orElseThrow().withSources(sources));
            return uuid;
        };
    }

    private static StoreCommand<Void> rewrite(String uuid, List<PriceSource> sources) {
        return batch -> {
            batch.putOrder(batch.order(uuid).orElseThrow().withSources(sources));
            return null;
        };
    }
}
