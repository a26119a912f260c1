package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ptn.domain.TradePair;
import io.ptn.validator.OrderSource;
import io.ptn.validator.Position;
import io.ptn.validator.Positions;

/**
 * A miner's open positions, which the order path's leverage checks read instead of the whole history: the same
 * positions in the same order as the history without its closed ones (the leverage sum is order-sensitive in its last
 * bits), in the committed state, inside a batch that opens and closes some, and after a restart.
 */
class OpenPositionsTest {

    private static final TradePair[] PAIRS = {TradePair.BTCUSD, TradePair.ETHUSD, TradePair.SOLUSD, TradePair.XRPUSD};

    @TempDir
    Path dir;

    private static List<String> uuids(List<Position> positions) {
        return positions.stream().map(Position::positionUuid).toList();
    }

    private static List<String> openInHistory(Ledger ledger, String miner) {
        return uuids(ledger.positions(miner).stream().filter(Position::isOpen).toList());
    }

    /** Opens (a LONG) or closes (a FLAT) the miner's position in the pair, like orders do. */
    private static StoreCommand<String> toggle(String miner, TradePair pair) {
        return batch -> {
            var open = batch.openPosition(miner, pair.id());
            if (open.isPresent()) {
                batch.putPosition(Positions.closeWithFlat(open.get(), UUID.randomUUID().toString(),
                        100, System.currentTimeMillis(), OrderSource.ORGANIC));
                return "closed";
            }
            return StoreTestSupport.longOrder(miner, pair, 0.1, 100).apply(batch);
        };
    }

    @Test
    void theOpenPositionsAreTheHistoryWithoutTheClosedOnesInOpeningOrder() throws Exception {
        Random random = new Random(7);
        try (OrderStore store = StoreTestSupport.open(dir)) {
            for (int i = 0; i < 200; i++) {
                String miner = "m" + random.nextInt(3);
                TradePair pair = PAIRS[random.nextInt(PAIRS.length)];
                store.submit(toggle(miner, pair)).get();
                for (String m : List.of("m0", "m1", "m2")) {
                    assertEquals(openInHistory(store.ledger(), m), uuids(store.ledger().openPositions(m)), "after " + i);
                }
            }
            // inside one batch: its own opens and closes layered over the committed state
            List<String> seenInBatch = new ArrayList<>();
            store.submit(batch -> {
                for (int i = 0; i < 12; i++) {
                    toggle("m0", PAIRS[i % PAIRS.length]).apply(batch);
                    if (openInHistory(batch, "m0").equals(uuids(batch.openPositions("m0")))) {
                        seenInBatch.add("same");
                    }
                }
                return null;
            }).get();
            assertEquals(12, seenInBatch.size());
        }
        try (OrderStore reopened = StoreTestSupport.open(dir)) {
            for (String m : List.of("m0", "m1", "m2")) {
                assertEquals(openInHistory(reopened.ledger(), m), uuids(reopened.ledger().openPositions(m)));
            }
        }
    }
    /**
     * A fill correction writes a position closed minutes ago again; an order in the same group commit must still see
     * the newer open position (before: the closed one's write hid it, the order opened a second one and the whole
     * batch failed on the one-open-position-per-pair index, its orders answered 503).
     */
    @Test
    void writingAClosedPositionAgainDoesNotHideTheOpenOne() throws Exception {
        try (OrderStore store = StoreTestSupport.open(dir)) {
            store.submit(toggle("m5", TradePair.BTCUSD)).get(); // opens P1
            String p1 = store.ledger().openPosition("m5", "BTCUSD").orElseThrow().positionUuid();
            store.submit(toggle("m5", TradePair.BTCUSD)).get(); // closes P1
            store.submit(toggle("m5", TradePair.BTCUSD)).get(); // opens P2
            String p2 = store.ledger().openPosition("m5", "BTCUSD").orElseThrow().positionUuid();
            String seen = store.submit(batch -> {
                batch.putPosition(batch.position(p1).orElseThrow()); // as a correction of P1 would
                return batch.openPosition("m5", "BTCUSD").map(Position::positionUuid).orElse("none");
            }).get();
            assertEquals(p2, seen);
            // and an order after it in the same batch adds to P2: the batch commits
            store.submit(batch -> {
                batch.putPosition(batch.position(p1).orElseThrow());
                return StoreTestSupport.longOrder("m5", TradePair.BTCUSD, 0.1, 100).apply(batch);
            }).get();
            assertEquals(p2, store.ledger().openPosition("m5", "BTCUSD").orElseThrow().positionUuid());
            assertEquals(1, store.ledger().openPositions("m5").size());
        }
    }
}
