package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.validator.OrderType;

/**
 * A batch the database refuses is rolled back whole, and nothing it had queued runs with a later batch: the writer
 * keeps its statements prepared across batches, so a correction queued behind the refused insert must not commit later.
 */
class StoreRefusedBatchTest {

    @TempDir
    Path dir;

    private static StoreCommand<Void> correct(StoredOrder o, double newFill, long atMs) {
        return batch -> {
            StoredOrder current = batch.order(o.orderUuid()).orElseThrow();
            batch.putOrder(current.corrected(List.of(PriceSource.tick("corrected", newFill, atMs, true, newFill, newFill)),
                    newFill, atMs, "corrected", newFill, newFill, 0, newFill, newFill, atMs));
            return null;
        };
    }

    /** A new order whose request hash is missing: the NOT NULL column makes SQLite refuse the insert. */
    private static StoreCommand<String> refusedOrder() {
        return batch -> {
            String uuid = UUID.randomUUID().toString();
            long now = System.currentTimeMillis();
            batch.putOrder(new StoredOrder(uuid, null, "c", TradePair.SOLUSD.id(), OrderType.LONG, 0.1, 150, 150, 0, 0, 0, now,
                    "test", UUID.randomUUID().toString(), 201, now, "{}", 0.1, 0.1, OrderType.LONG, 150.0));
            return uuid;
        };
    }

    @Test
    void aRefusedBatchLeavesNothingForTheNextOne() throws Exception {
        OrderStore store = StoreTestSupport.open(dir);
        String x;
        String y;
        String z;
        try {
            x = store.submit(StoreTestSupport.longOrder("a", TradePair.BTCUSD, 0.5, 60000)).get(30, TimeUnit.SECONDS);
            y = store.submit(StoreTestSupport.longOrder("b", TradePair.ETHUSD, 0.5, 3000)).get(30, TimeUnit.SECONDS);
            StoredOrder committedX = store.ledger().order(x).orElseThrow();
            StoredOrder committedY = store.ledger().order(y).orElseThrow();

            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> blocker = store.submit(b -> {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // holds the writer so the next two share one batch
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            assertTrue(entered.await(30, TimeUnit.SECONDS)); // the blocker's batch is closed: the next two go together
            CompletableFuture<Void> correctionOfX = store.submit(correct(committedX, 61000, committedX.processedMs() + 1));
            CompletableFuture<String> refused = store.submit(refusedOrder());
            release.countDown();
            blocker.get(30, TimeUnit.SECONDS);
            assertThrows(ExecutionException.class, () -> refused.get(30, TimeUnit.SECONDS));
            assertThrows(ExecutionException.class, () -> correctionOfX.get(30, TimeUnit.SECONDS),
                    "the correction shared the refused batch: it cannot have committed");

            // the next batch has an insert and an update, the two statements the refused batch had rows queued in
            store.submit(correct(committedY, 3100, committedY.processedMs() + 1)).get(30, TimeUnit.SECONDS);
            z = store.submit(StoreTestSupport.longOrder("d", TradePair.XRPUSD, 0.5, 0.6)).get(30, TimeUnit.SECONDS);
            assertEquals(60000, store.ledger().order(x).orElseThrow().fillPrice());
        } finally {
            store.close();
        }
        OrderStore reopened = StoreTestSupport.open(dir);
        try {
            StoredOrder storedX = reopened.ledger().order(x).orElseThrow();
            assertEquals(60000, storedX.fillPrice(), "the refused batch's correction ran with a later batch");
            assertNull(storedX.correctedAtMs());
            assertTrue(storedX.priceSources().isEmpty(), "sources of the refused correction were written");
            StoredOrder storedY = reopened.ledger().order(y).orElseThrow();
            assertEquals(3100, storedY.fillPrice());
            assertEquals(List.of("corrected"), storedY.priceSources().stream().map(PriceSource::source).toList());
            assertTrue(reopened.ledger().order(z).isPresent());
        } finally {
            reopened.close();
        }
    }
}
