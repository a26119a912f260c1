package io.ptn.validator.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ptn.domain.TradePair;
import io.ptn.validator.Drawdown;
import io.ptn.validator.OrderSource;
import io.ptn.validator.Position;
import io.ptn.validator.PositionOrder;
import io.ptn.validator.Positions;

/**
 * The batch's portfolio return, which the order path and the risk round read instead of multiplying over the miner's
 * whole history, is that product to the bit: after positions open and close, after old positions are rewritten (a
 * fill correction of a closed one, a mark of an open one), inside batches that change several, after a batch that is
 * redone without a failed command, and after a restart.
 */
class PortfolioReturnTest {

    private static final TradePair[] PAIRS = {TradePair.BTCUSD, TradePair.ETHUSD, TradePair.SOLUSD};
    private static final List<String> MINERS = List.of("m0", "m1", "m2");

    @TempDir
    Path dir;

    private static void assertSameAsTheWholeProduct(Batch batch, String when) {
        for (String m : MINERS) {
            double whole = Drawdown.portfolioReturn(batch.positions(m));
            assertEquals(Double.doubleToRawLongBits(whole), Double.doubleToRawLongBits(batch.portfolioReturn(m)),
                    m + " " + when + ": " + whole + " vs " + batch.portfolioReturn(m));
        }
    }

    /** Opens the miner's position in the pair at the price, or closes the open one with a FLAT at it. */
    private static void toggle(Batch batch, String miner, TradePair pair, double price) {
        var open = batch.openPosition(miner, pair.id());
        if (open.isPresent()) {
            batch.putPosition(Positions.closeWithFlat(open.get(), UUID.randomUUID().toString(), price,
                    System.currentTimeMillis(), OrderSource.ORGANIC));
        } else {
            StoreTestSupport.longOrder(miner, pair, 0.1, price).apply(batch);
        }
    }

    /**
     * Rewrites one of the miner's positions, often an old one: an open one is marked, a closed one has its first order
     * re-priced and is rebuilt, as a fill correction does.
     */
    private static void rewrite(Batch batch, String miner, Random random) {
        List<Position> all = batch.positions(miner);
        if (all.isEmpty()) {
            return;
        }
        Position p = all.get(random.nextInt(all.size()));
        double price = 90 + random.nextDouble() * 20;
        if (p.isOpen()) {
            batch.putPosition(Positions.mark(p, price, System.currentTimeMillis()));
            return;
        }
        List<PositionOrder> orders = new ArrayList<>(p.orders());
        PositionOrder o = orders.get(0);
        orders.set(0, new PositionOrder(o.orderUuid(), o.orderType(), o.leverage(), price, o.slippage(),
                o.processedMs(), o.source()));
        batch.putPosition(Positions.rebuild(p.withOrders(orders)));
    }

    @Test
    void isTheProductOverTheWholeHistoryToTheBit() throws Exception {
        Random random = new Random(11);
        try (OrderStore store = StoreTestSupport.open(dir)) {
            for (int i = 0; i < 400; i++) {
                int step = i;
                int changes = 1 + random.nextInt(4);
                store.submit(batch -> {
                    for (int c = 0; c < changes; c++) {
                        String miner = MINERS.get(random.nextInt(MINERS.size()));
                        if (random.nextInt(4) == 0) {
                            rewrite(batch, miner, random);
                        } else {
                            toggle(batch, miner, PAIRS[random.nextInt(PAIRS.length)], 90 + random.nextDouble() * 20);
                        }
                        assertSameAsTheWholeProduct(batch, "step " + step + " change " + c);
                    }
                    return null;
                }).get();
                if (i % 50 == 49) {
                    // a command that writes and then fails: the writer redoes the batch without it
                    ExecutionException failed = assertThrows(ExecutionException.class, () -> store.submit(batch -> {
                        rewrite(batch, "m0", random);
                        throw new IllegalStateException("refused after writing");
                    }).get());
                    assertEquals(IllegalStateException.class, failed.getCause().getClass());
                }
                store.submit(batch -> {
                    assertSameAsTheWholeProduct(batch, "after step " + step);
                    return null;
                }).get();
            }
        }
        try (OrderStore reopened = StoreTestSupport.open(dir)) {
            reopened.submit(batch -> {
                assertSameAsTheWholeProduct(batch, "after a restart");
                rewrite(batch, "m1", random);
                assertSameAsTheWholeProduct(batch, "after a restart and a rewrite");
                return null;
            }).get();
        }
    }
}
