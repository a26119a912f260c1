package io.ptn.validator.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.validator.FillCorrection;
import io.ptn.validator.FillPrice;
import io.ptn.validator.MinerState;
import io.ptn.validator.OrderRefusedException;
import io.ptn.validator.Position;
import io.ptn.validator.PositionOrder;
import io.ptn.validator.Positions;
import io.ptn.validator.Slippage;
import io.ptn.validator.client.SourcesAt;
import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.store.Batch;
import io.ptn.validator.store.Ledger;
import io.ptn.validator.store.StoredOrder;
import io.quarkus.logging.Log;

/**
 * The risk round's fill corrections, PTN's {@code MDDChecker._update_position_returns_and_persist_to_disk}: every order
 * younger than 5 minutes of a position that is open or whose newest order is that young, of a miner not eliminated,
 * is merged with the sources the price service now has at the order's time; when the winning source changed, the
 * order is re-priced (fill price, quote, slippage) and its position rebuilt from its orders. Candidates flagged stale,
 * or farther from the order's time than {@code validator.prices.max-age}, are never taken.
 */
@ApplicationScoped
public class FillCorrections {

    /** One order re-priced in a round (for the log and the per-pair counter, after the commit). */
    public record Correction(String orderUuid, String minerHotkey, TradePair pair, double oldFillPrice,
            double newFillPrice, String oldSource, String newSource) {
    }

    /** What a round's writer step did: the corrections and the miners whose returns changed. */
    public record Applied(List<Correction> corrections, Set<String> miners) {
    }

    private final MeterRegistry registry;
    private final long maxDistanceMs;

    @Inject
    public FillCorrections(MeterRegistry registry, ValidatorConfig config) {
        this(registry, config.prices().maxAge().toMillis());
    }

    /** Outside CDI (the store crash test). */
    public FillCorrections(MeterRegistry registry, long maxDistanceMs) {
        this.registry = registry;
        this.maxDistanceMs = maxDistanceMs;
    }

    /** PTN's {@code _position_is_candidate_for_price_correction}. */
    static boolean candidate(Position p, long now) {
        return p.isOpen() || !p.orders().isEmpty()
                && now - p.orders().get(p.orders().size() - 1).processedMs() <= FillCorrection.WINDOW_MS;
    }

    private static boolean eliminated(Ledger ledger, String miner) {
        return ledger.elimination(miner).isPresent() || ledger.miner(miner).map(MinerState::eliminated).orElse(false);
    }

    /** The orders to look at this round, from the committed state (read outside the writer). */
    public List<StoredOrder> candidates(Ledger ledger, List<StoredOrder> recent, long now) {
        List<StoredOrder> out = new ArrayList<>();
        for (StoredOrder o : recent) {
            if (now - o.processedMs() > FillCorrection.WINDOW_MS || eliminated(ledger, o.minerHotkey())) {
                continue;
            }
            Optional<Position> p = ledger.position(o.positionUuid());
            if (p.isPresent() && candidate(p.get(), now)) {
                out.add(o);
            }
        }
        return out;
    }

    public static SourcesAt.Key key(StoredOrder o) {
        return new SourcesAt.Key(TradePair.valueOf(o.tradePair()), o.processedMs());
    }

    /**
     * Runs on the store's writer thread, before the round's marks: every check is made again against the batch (the
     * order may have aged out, the miner been eliminated, the position changed since the look-up).
     */
    public Applied apply(Batch batch, List<StoredOrder> orders, Map<SourcesAt.Key, SourcesAt> found, long now) {
        List<Correction> done = new ArrayList<>();
        Set<String> miners = new LinkedHashSet<>();
        for (StoredOrder listed : orders) {
            StoredOrder o = batch.order(listed.orderUuid()).orElse(null);
            if (o == null || now - o.processedMs() > FillCorrection.WINDOW_MS || eliminated(batch, o.minerHotkey())) {
                continue;
            }
            Position p = batch.position(o.positionUuid()).orElse(null);
            SourcesAt at = found.get(key(o));
            if (p == null || !candidate(p, now) || at == null) {
                continue;
            }
            if (at.stale()) {
                Log.debugf("fill correction of %s: the price service flags its sources stale; not taken", o.orderUuid());
                continue;
            }
            long t = o.processedMs();
            List<PriceSource> offered = at.sources().stream()
                    .filter(s -> FillCorrection.delta(s, t) <= maxDistanceMs).toList();
            List<PriceSource> stored = storedSources(o);
            FillCorrection.Merged merged = FillCorrection.merge(stored, offered, t);
            if (!merged.changed()) {
                continue;
            }
            PriceSource winner = merged.winner();
            if (FillCorrection.sameEvent(winner, stored.get(0))) {
                batch.putOrder(o.withSources(merged.sorted())); // kept for the next comparison; the fill stands
                continue;
            }
            Correction c = reprice(batch, o, p, merged, now);
            if (c != null) {
                done.add(c);
                miners.add(o.minerHotkey());
            }
        }
        return new Applied(done, miners);
    }

    /**
     * The order's stored sources; for an order stored before they were kept, the fill it got stands in as one
     * streamed point at the time of its price (all the store knows of it).
     */
    static List<PriceSource> storedSources(StoredOrder o) {
        if (!o.priceSources().isEmpty()) {
            return o.priceSources();
        }
        return List.of(PriceSource.tick(o.priceSource() == null ? "unknown" : o.priceSource(), o.price(),
                o.priceTimestampMs(), true, o.bid(), o.ask()));
    }

    private Correction reprice(Batch batch, StoredOrder o, Position p, FillCorrection.Merged merged, long now) {
        PriceSource winner = merged.winner();
        List<PositionOrder> orders = new ArrayList<>(p.orders());
        int i = indexOf(orders, o.orderUuid());
        if (i < 0) {
            return null;
        }
        PositionOrder old = orders.get(i);
        long t = o.processedMs();
        TradePair pair = p.tradePair();
        Position rebuilt;
        PositionOrder repriced;
        try {
            // PTN prices the order as it sits in the position: its filled type and (clamped) leverage
            double base = FillPrice.of(winner, t, pair, old.orderType(), p.firstOrderType());
            double slippage = Slippage.of(pair, winner.bid(), winner.ask(), old.leverage(), Slippage.MIN_ACCOUNT_SIZE, t);
            repriced = new PositionOrder(old.orderUuid(), old.orderType(), old.leverage(), base, slippage, t, old.source());
            orders.set(i, repriced);
            rebuilt = Positions.rebuild(p.withOrders(orders));
        } catch (IllegalArgumentException | OrderRefusedException e) {
            Log.warnf("fill correction of %s not applied: %s", o.orderUuid(), e.getMessage());
            return null;
        }
        if (rebuilt.isOpen() && !p.isOpen()) {
            // a closed position never reopens: a newer one may hold its (miner, pair) slot
            Log.warnf("fill correction of %s not applied: it would reopen closed position %s", o.orderUuid(),
                    p.positionUuid());
            return null;
        }
        batch.putPosition(rebuilt);
        batch.putOrder(o.corrected(merged.sorted(), winner.priceAt(t), winner.timeAt(t), winner.source(), winner.bid(),
                winner.ask(), repriced.slippage(), repriced.basePrice(), repriced.fillPrice(), now));
        return new Correction(o.orderUuid(), o.minerHotkey(), pair, o.fillPrice(), repriced.fillPrice(), o.priceSource(),
                winner.source());
    }

    private static int indexOf(List<PositionOrder> orders, String uuid) {
        for (int i = 0; i < orders.size(); i++) {
            if (orders.get(i).orderUuid().equals(uuid)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * After the commit: counted per pair; each logged at DEBUG with the old and new price (a round at 2,000 orders/s
     * corrected ~75k fills: one INFO line each flooded the log). The round's INFO line gives the count.
     */
    public void record(List<Correction> corrections) {
        boolean debug = Log.isDebugEnabled();
        for (Correction c : corrections) {
            registry.counter("validator.fill.corrections", "pair", c.pair().id()).increment();
            if (debug) {
                Log.debugf("fill corrected: order %s of %s in %s from %s (%s) to %s (%s)", c.orderUuid(),
                        c.minerHotkey(), c.pair().id(), c.oldFillPrice(), c.oldSource(), c.newFillPrice(),
                        c.newSource());
            }
        }
    }
}
