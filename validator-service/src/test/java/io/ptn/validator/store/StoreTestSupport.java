package io.ptn.validator.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptn.domain.TradePair;
import io.ptn.validator.LeverageBounds;
import io.ptn.validator.OrderSource;
import io.ptn.validator.OrderType;
import io.ptn.validator.Position;
import io.ptn.validator.Positions;

/** A store outside Quarkus on a given directory, configured like the application's datasource. */
final class StoreTestSupport {

    private StoreTestSupport() {
    }

    static OrderStore open(Path dir) {
        return open(dir, 100);
    }

    static OrderStore open(Path dir, int walCheckpointPages) {
        return open(dir, walCheckpointPages, Duration.ofMillis(100));
    }

    static OrderStore open(Path dir, int walCheckpointPages, Duration slowCommit) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + dir.resolve("validator.db") + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000");
        Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
        OrderStore store = new OrderStore(ds, flyway::migrate, dir,
                new OrderStore.Settings(512, 50_000, walCheckpointPages, slowCommit), InstantSource.system(),
                new SimpleMeterRegistry());
        store.start();
        return store;
    }

    /** A LONG order in the pair for the miner: opens or adds to the position, like the order path does. */
    static StoreCommand<String> longOrder(String miner, TradePair pair, double leverage, double price) {
        return batch -> {
            long now = System.currentTimeMillis();
            String uuid = UUID.randomUUID().toString();
            Positions.NewOrder order = new Positions.NewOrder(uuid, OrderType.LONG, leverage, price, 0, now,
                    OrderSource.ORGANIC);
            Position open = batch.openPosition(miner, pair.id()).orElseGet(() -> Positions.empty(uuid, miner, pair, now));
            Positions.Filled f = Positions.addOrder(open, order, LeverageBounds.portfolioLeverage(batch.positions(miner)),
                    LeverageBounds.PORTFOLIO_LEVERAGE_CAP);
            Position p = f.position();
            batch.putPosition(p);
            batch.putOrder(new StoredOrder(uuid, "hash-" + uuid, miner, pair.id(), OrderType.LONG, leverage, price, price, 0, 0,
                    0, now, "test", p.positionUuid(), 201, now, "{\"orderUuid\":\"" + uuid + "\"}", leverage,
                    f.order().leverage(), f.order().orderType(), price));
            return uuid;
        };
    }
}
