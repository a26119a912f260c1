package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ptn.domain.TradePair;

/**
 * The writer checkpoints after {@code walCheckpointPages} WAL pages: the WAL file, reused after each checkpoint, stays
 * near that size. (The checkpoint runs inside a commit, so its size is the order path's tail; docs/benchmarks.md.)
 */
class WalCheckpointTest {

    private static final long PAGE_FRAME = 4096 + 24;

    @Test
    void theWalStaysNearTheConfiguredNumberOfPages() throws Exception {
        long small = walBytesAfterCommits(100);
        long large = walBytesAfterCommits(1000);
        assertTrue(small < 300 * PAGE_FRAME, "WAL of " + small + " bytes with a checkpoint every 100 pages");
        // SQLite's own default: the same commits leave a WAL about ten times larger, so the setting is what bounds it
        assertTrue(large > 900 * PAGE_FRAME, "WAL of " + large + " bytes with a checkpoint every 1000 pages");
    }

    @Test
    void zeroPagesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OrderStore.Settings(512, 100, 0, Duration.ofMillis(100)));
        assertTrue(e.getMessage().contains("validator.store.wal-checkpoint-pages"), e.getMessage());
    }

    /** 1,500 orders committed one at a time (1,500 transactions), then the WAL's size while the store is open. */
    private static long walBytesAfterCommits(int pages) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "store-wal-");
        OrderStore store = StoreTestSupport.open(dir, pages);
        try {
            for (int i = 0; i < 1500; i++) {
                store.submit(StoreTestSupport.longOrder("miner-" + (i % 150), TradePair.BTCUSD, 0.01, 100 + i)).get();
            }
            return Files.size(dir.resolve("validator.db-wal"));
        } finally {
            store.close();
        }
    }
}
