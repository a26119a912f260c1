package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        } finally {
            second.close();
        }
    }
}
