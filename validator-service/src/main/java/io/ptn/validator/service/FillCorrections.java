package io.ptn.validator.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
     * order may have aged out, the miner been eliminated, the position changed since the look-up). As in PTN, each
     * order is priced as it sits in its position before the round, and the position is rebuilt once from all its
     * re-priced orders: one replay per position, not one per order (a position with n corrected orders cost n
     * replays of its whole history). A position whose rebuild fails, or would reopen, keeps all its fills.
     */
    public Applied apply(Batch batch, List<StoredOrder> orders, Map<SourcesAt.Key, SourcesAt> found, long now) {
        Map<String, List<StoredOrder>> byPosition = new LinkedHashMap<>();
        for (StoredOrder listed : orders) {
            StoredOrder o = batch.order(listed.orderUuid()).orElse(null);
            if (o == null || now - o.processedMs() > FillCorrection.WINDOW_MS || eliminated(batch, o.minerHotkey())) {
                continue;
            }
            byPosition.computeIfAbsent(o.positionUuid(), k -> new ArrayList<>()).add(o);
        }
        List<Correction> done = new ArrayList<>();
        Set<String> miners = new LinkedHashSet<>();
        for (Map.Entry<String, List<StoredOrder>> e : byPosition.entrySet()) {
            Position p = batch.position(e.getKey()).orElse(null);
            if (p != null && candidate(p, now)) {
                correctPosition(batch, p, e.getValue(), found, now, done, miners);
            }
        }
        return new Applied(done, miners);
    }

    /** An order re-priced in memory, written only once its position's rebuild succeeded. */
    private record Repriced(StoredOrder order, List<PriceSource> sources, PriceSource winner, PositionOrder filled) {
    }

    private void correctPosition(Batch batch, Position p, List<StoredOrder> orders, Map<SourcesAt.Key, SourcesAt> found,
            long now, List<Correction> done, Set<String> miners) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < p.orders().size(); i++) {
            index.put(p.orders().get(i).orderUuid(), i);
        }
        List<PositionOrder> updated = new ArrayList<>(p.orders());
        List<Repriced> repriced = new ArrayList<>();
        for (StoredOrder o : orders) {
            SourcesAt at = found.get(key(o));
            Integer i = index.get(o.orderUuid());
            if (at == null || i == null) {
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
            PositionOrder old = p.orders().get(i);
            try {
                // PTN prices the order as it sits in the position: its filled type and (clamped) leverage
                double base = FillPrice.of(winner, t, p.tradePair(), old.orderType(), p.firstOrderType());
                double slippage = Slippage.of(p.tradePair(), winner.bid(), winner.ask(), old.leverage(),
                        Slippage.MIN_ACCOUNT_SIZE, t);
                PositionOrder filled = new PositionOrder(old.orderUuid(), old.orderType(), old.leverage(), base,
                        slippage, t, old.source());
                updated.set(i, filled);
                repriced.add(new Repriced(o, merged.sorted(), winner, filled));
            } catch (IllegalArgumentException ex) {
                Log.warnf("fill correction of %s not applied: %s", o.orderUuid(), ex.getMessage());
            }
        }
        if (repriced.isEmpty()) {
            return;
        }
        Position rebuilt;
        try {
            rebuilt = Positions.rebuild(p.withOrders(updated));
        } catch (IllegalArgumentException | OrderRefusedException ex) {
            Log.warnf("fill corrections of %d orders of position %s not applied: %s", repriced.size(), p.positionUuid(),
                    ex.getMessage());
            return;
        }
        if (rebuilt.isOpen() && !p.isOpen()) {
            // a closed position never reopens: a newer one may hold its (miner, pair) slot
            Log.warnf("fill corrections of %d orders of position %s not applied: they would reopen it", repriced.size(),
                    p.positionUuid());
            return;
        }
        batch.putPosition(rebuilt);
        for (Repriced r : repriced) {
            StoredOrder o = r.order();
            long t = o.processedMs();
            batch.putOrder(o.corrected(r.sources(), r.winner().priceAt(t), r.winner().timeAt(t), r.winner().source(),
                    r.winner().bid(), r.winner().ask(), r.filled().slippage(), r.filled().basePrice(),
                    r.filled().fillPrice(), now));
            done.add(new Correction(o.orderUuid(), o.minerHotkey(), p.tradePair(), o.fillPrice(), r.filled().fillPrice(),
                    o.priceSource(), r.winner().source()));
            miners.add(o.minerHotkey());
        }
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
