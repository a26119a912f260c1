package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ptn.domain.TradePair;
import io.ptn.validator.LeverageBounds;
import io.ptn.validator.OrderSource;
import io.ptn.validator.OrderType;
import io.ptn.validator.Positions;

/** A command that fails after writing part of its changes leaves nothing behind; its batch-mates still commit. */
class StoreFailedCommandTest {

    @TempDir
    Path dir;

    @Test
    void aFailedCommandsPartialChangesAreNotCommitted() throws Exception {
        OrderStore store = StoreTestSupport.open(dir);
        String good;
        try {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> blocker = store.submit(b -> {
                try {
                    release.await(30, TimeUnit.SECONDS); // holds the writer so the next two share one batch
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            CompletableFuture<String> ok = store.submit(StoreTestSupport.longOrder("a", TradePair.BTCUSD, 0.5, 60000));
            CompletableFuture<String> failing = store.submit(batch -> {
                long now = System.currentTimeMillis();
                Positions.NewOrder order = new Positions.NewOrder(UUID.randomUUID().toString(), OrderType.LONG, 0.5, 3000, 0,
                        now, OrderSource.ORGANIC);
                batch.putPosition(Positions.addOrder(Positions.empty(UUID.randomUUID().toString(), "b", TradePair.ETHUSD, now),
                        order, 0, LeverageBounds.PORTFOLIO_LEVERAGE_CAP).position());
                throw new IllegalStateException("failed after the position, before the order row");
            });
            release.countDown();
            blocker.get(30, TimeUnit.SECONDS);
            good = ok.get(30, TimeUnit.SECONDS);
            assertThrows(ExecutionException.class, () -> failing.get(30, TimeUnit.SECONDS));
            assertTrue(store.ledger().positions("b").isEmpty(), "position of the failed command published");
            assertTrue(store.ledger().order(good).isPresent());
        } finally {
            store.close();
        }
        OrderStore reopened = StoreTestSupport.open(dir);
        try {
            assertTrue(reopened.ledger().positions("b").isEmpty(), "position of the failed command committed");
            assertEquals(1, reopened.ledger().positions("a").size());
            assertTrue(reopened.ledger().order(good).isPresent());
        } finally {
            reopened.close();
        }
    }
}
