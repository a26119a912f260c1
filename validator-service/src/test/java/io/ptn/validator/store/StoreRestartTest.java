package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.ptn.domain.TradePair;

/** Every acknowledged order and the position it changed come back after the store is closed and opened again. */
class StoreRestartTest {

    @Test
    void reopeningTheSameDataDirectoryKeepsEveryAcknowledgedOrder() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "store-restart-");
        List<String> acknowledged = new ArrayList<>();
        OrderStore first = StoreTestSupport.open(dir);
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // 0.01: the pair minimum (a first order below it is refused); 20 orders per miner stay under the maximum
            futures.add(first.submit(StoreTestSupport.longOrder("miner-" + (i % 100), i % 2 == 0 ? TradePair.BTCUSD : TradePair.ETHUSD,
                    0.01, 100 + i)));
        }
        for (CompletableFuture<String> f : futures) {
            acknowledged.add(f.get());
        }
        assertTrue(first.batches() < 2000, "orders were group-committed");
        double net = first.ledger().openPosition("miner-3", "ETHUSD").orElseThrow().netLeverage();
        first.close();

        OrderStore second = StoreTestSupport.open(dir);
        try {
            for (String uuid : acknowledged) {
                assertTrue(second.ledger().order(uuid).isPresent(), "order " + uuid + " lost");
            }
            assertEquals(net, second.ledger().openPosition("miner-3", "ETHUSD").orElseThrow().netLeverage(), 1e-12);
            assertEquals(20, second.ledger().openPosition("miner-3", "ETHUSD").orElseThrow().orders().size());
            assertEquals(100, second.ledger().openPositions().size());
            for (String uuid : acknowledged) {
                assertEquals("{\"orderUuid\":\"" + uuid + "\"}", second.answer(uuid).orElseThrow(),
                        "the answer first sent for " + uuid);
            }
        } finally {
            second.close();
        }
    }

    /** The committed state holds no answer JSON (the heap); a replay reads it from the database. */
    @Test
    void theAnswerIsReadFromTheDatabaseAndACorrectionKeepsIt() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "store-answer-");
        OrderStore store = StoreTestSupport.open(dir);
        String uuid;
        try {
            uuid = store.submit(StoreTestSupport.longOrder("m1", TradePair.BTCUSD, 0.1, 100)).get();
            StoredOrder committed = store.ledger().order(uuid).orElseThrow();
            assertNull(committed.answerJson(), "the committed state keeps the answer only in the database");
            assertEquals("{\"orderUuid\":\"" + uuid + "\"}", store.answer(uuid).orElseThrow());
            assertTrue(store.answer("no-such-order").isEmpty());

            // a fill correction rewrites the committed order: the fill changes, the answer first sent stays
            store.submit(batch -> {
                StoredOrder o = batch.order(uuid).orElseThrow();
                batch.putOrder(o.corrected(List.of(), 101, o.priceTimestampMs() + 1, "nearer", 100.5, 101.5, 0, 101, 101,
                        o.processedMs() + 5));
                return null;
            }).get();
        } finally {
            store.close();
        }
        OrderStore reopened = StoreTestSupport.open(dir);
        try {
            StoredOrder o = reopened.ledger().order(uuid).orElseThrow();
            assertEquals(101, o.fillPrice(), 0);
            assertEquals("nearer", o.priceSource());
            assertEquals(100, o.originalFillPrice(), 0);
            assertEquals("{\"orderUuid\":\"" + uuid + "\"}", reopened.answer(uuid).orElseThrow());
        } finally {
            reopened.close();
        }
    }
}
