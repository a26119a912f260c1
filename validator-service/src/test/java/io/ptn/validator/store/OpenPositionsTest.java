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
}
