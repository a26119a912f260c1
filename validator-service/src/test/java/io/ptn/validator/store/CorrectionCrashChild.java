package io.ptn.validator.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.validator.LeverageBounds;
import io.ptn.validator.OrderSource;
import io.ptn.validator.OrderType;
import io.ptn.validator.Positions;
import io.ptn.validator.client.SourcesAt;
import io.ptn.validator.service.FillCorrections;

/**
 * The JVM {@link CorrectionKillTest} kills: fills {@link #ORDERS} orders from a source 6 s away, prints "ready", then
 * runs correction rounds back to back until killed. Round k offers, for every order, a source {@code 5000 - k} ms
 * from it priced {@code 100 + k}, so every round re-prices every order, all in one commit.
 */
public final class CorrectionCrashChild {

    static final int ORDERS = 20;

    private CorrectionCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        OrderStore store = StoreTestSupport.open(Path.of(args[0]));
        long t = System.currentTimeMillis();
        TradePair pair = TradePair.BTCUSD;
        for (int i = 0; i < ORDERS; i++) {
            String miner = "crash-" + i;
            store.submit(batch -> {
                String uuid = UUID.randomUUID().toString();
                Positions.Filled f = Positions.addOrder(Positions.empty(uuid, miner, pair, t),
                        new Positions.NewOrder(uuid, OrderType.LONG, 0.1, 100, 0, t, OrderSource.ORGANIC), 0,
                        LeverageBounds.PORTFOLIO_LEVERAGE_CAP);
                batch.putPosition(f.position());
                PriceSource far = PriceSource.tick("polygon_ws", 100, t - 6_000, true, 0, 0);
                batch.putOrder(new StoredOrder(uuid, "h-" + uuid, miner, pair.id(), OrderType.LONG, 0.1, 100, 100, 0, 0,
                        0, t - 6_000, "polygon_ws", uuid, 201, t, "{}", 0.1, 0.1, OrderType.LONG, 100.0, List.of(far),
                        null, null));
                return uuid;
            }).get();
        }
        List<StoredOrder> orders = store.ordersSince(t);
        FillCorrections corrections = new FillCorrections(new SimpleMeterRegistry(), 30_000);
        System.out.println("ready");
        System.out.flush();
        for (int k = 1; k < 5_000; k++) {
            Map<SourcesAt.Key, SourcesAt> found = new HashMap<>();
            for (StoredOrder o : orders) {
                PriceSource near = PriceSource.tick("polygon_ws", 100 + k, t - 5_000 + k, true, 0, 0);
                SourcesAt s = new SourcesAt(pair, o.processedMs(), false, List.of(near));
                found.put(s.key(), s);
            }
            List<StoredOrder> listed = new ArrayList<>(orders);
            store.submit(batch -> corrections.apply(batch, listed, found, System.currentTimeMillis())).get();
        }
        System.out.println("done");
    }
}
