package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ptn.validator.Position;
import io.ptn.validator.Positions;

/**
 * kill -9 during fill corrections: a child JVM corrects 20 orders per commit, round after round, and is killed
 * (SIGKILL) at a random moment. Reopened, the store holds one round's corrections whole: every order at the same
 * round's price, its stored sources led by the source of that price, and every position's figures those of its
 * orders rebuilt.
 */
class CorrectionKillTest {

    @Test
    void aKilledCorrectionRoundIsThereWholeOrNotAtAll() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "correction-kill-");
        for (long delayMs : new long[] {300, 900}) {
            Path d = Files.createDirectories(dir.resolve("run-" + delayMs));
            Process child = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator
                    + "java", "-cp", System.getProperty("java.class.path"), CorrectionCrashChild.class.getName(),
                    d.toString()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("ready")) {
                    // start-up logs
                }
                assertEquals("ready", line, "the child did not start");
                Thread.sleep(delayMs);
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                assertEquals(137, child.exitValue(), "killed, not finished");
            }
            check(d);
        }
    }

    private static void check(Path d) {
        OrderStore store = StoreTestSupport.open(d);
        try {
            List<StoredOrder> orders = store.ordersSince(0);
            assertEquals(CorrectionCrashChild.ORDERS, orders.size());
            Set<Double> prices = new HashSet<>();
            for (StoredOrder o : orders) {
                prices.add(o.basePrice());
                assertEquals(o.basePrice(), o.priceSources().get(0).open(), "sources and fill of " + o.orderUuid());
                assertEquals(o.correctedAtMs() != null, o.basePrice() != 100.0);
                Position p = store.ledger().position(o.positionUuid()).orElseThrow();
                assertEquals(o.basePrice(), p.orders().get(0).basePrice(), "position order of " + o.orderUuid());
                Position rebuilt = Positions.rebuild(p);
                assertEquals(rebuilt.averageEntryPrice(), p.averageEntryPrice(), "position figures of " + o.orderUuid());
                assertEquals(rebuilt.returnWithFees(), p.returnWithFees());
            }
            assertEquals(1, prices.size(), "one round's corrections, whole: " + prices);
            assertTrue(prices.iterator().next() > 100.0, "some round committed before the kill");
        } finally {
            store.close();
        }
    }
}
