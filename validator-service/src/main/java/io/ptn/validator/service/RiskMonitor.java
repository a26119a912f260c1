package io.ptn.validator.service;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;

import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.TradePair;
import io.ptn.validator.Drawdown;
import io.ptn.validator.Elimination;
import io.ptn.validator.FillCorrection;
import io.ptn.validator.MinerState;
import io.ptn.validator.OrderSource;
import io.ptn.validator.Position;
import io.ptn.validator.Positions;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.client.LivePriceClient;
import io.ptn.validator.client.SourcesAt;
import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.store.Batch;
import io.ptn.validator.store.OrderStore;
import io.ptn.validator.store.StoredOrder;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The risk round, per pair as PTN's mdd checker does it: each open position whose market is open and whose price is
 * fresh is marked to market; positions of the other pairs keep their last mark, and each skipped pair is counted
 * with its reason. One pair never stops the round for the others. Then returns and high-water marks are updated,
 * positions whose return reaches 0 are liquidated (PTN set_returns / _handle_liquidation: closed with a FLAT at
 * the mark) and miners at or past {@code validator.risk.max-drawdown} below
 * their high-water mark are eliminated. The changes go through the store's single writer, so they are serialised
 * with orders.
 */
@ApplicationScoped
public class RiskMonitor {

    public enum Outcome {
        COMPLETED, SKIPPED, IDLE
    }

    /** Why a pair's positions were not marked in a round. */
    public enum SkipReason {
        MARKET_CLOSED, STALE, MISSING;

        public String tag() {
            return name().toLowerCase();
        }
    }

    /**
     * {@code skipped}: the pairs with open positions that were left at their last mark, and why.
     */
    public record RoundResult(Outcome outcome, int marked, int liquidated, List<String> eliminated, String reason,
            Map<TradePair, SkipReason> skipped, List<FillCorrections.Correction> corrections) {

        static RoundResult skippedWhole(String reason) {
            return new RoundResult(Outcome.SKIPPED, 0, 0, List.of(), reason, Map.of(), List.of());
        }
    }

    private static final long MAX_YIELD_MS = 500;
    static final String SHUTTING_DOWN = "the service is shutting down";

    private final OrderStore store;
    private final LivePriceClient client;
    private final FillCorrections corrections;
    private final MeterRegistry registry;
    private final MarketCalendar calendar;
    private final InstantSource clock;
    private final double maxDrawdown;
    private final long maxAgeMs;
    private final int correctionChunk;
    private volatile long roundStartedMs;
    private volatile long lastRoundMs;
    private volatile Outcome lastOutcome;
    private volatile Map<TradePair, SkipReason> lastSkipped = Map.of();
    /** Set when shutdown begins: a round in flight stops at its next call or store command, and none starts. */
    private volatile boolean stopping;

    public RiskMonitor(OrderStore store, LivePriceClient client, FillCorrections corrections, MeterRegistry registry,
            MarketCalendar calendar, InstantSource clock, ValidatorConfig config) {
        this.store = store;
        this.corrections = corrections;
        this.client = client;
        this.registry = registry;
        this.calendar = calendar;
        this.clock = clock;
        this.maxDrawdown = config.risk().maxDrawdown();
        this.maxAgeMs = config.prices().maxAge().toMillis();
        this.correctionChunk = config.risk().correctionChunk();
    }

    /**
     * A round that runs on while the container shuts down fails on beans already gone; what it committed stays, and
     * the next start's first round looks at the rest again (fill corrections look back five minutes).
     */
    void stop(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(identity = "risk-monitor", every = "${validator.risk.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runRound();
    }

    public synchronized RoundResult runRound() {
        roundStartedMs = clock.millis();
        long started = System.nanoTime();
        try {
            RoundResult r = round();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            registry.counter("validator.risk.rounds", "outcome", r.outcome().name().toLowerCase()).increment();
            r.skipped().forEach((pair, why) ->
                    registry.counter("validator.risk.pairs.skipped", "pair", pair.id(), "reason", why.tag()).increment());
            lastOutcome = r.outcome();
            lastSkipped = r.skipped();
            if (r.outcome() == Outcome.SKIPPED && stopping) {
                Log.infof("Risk round stopped: %s", r.reason());
            } else if (r.outcome() == Outcome.SKIPPED) {
                Log.warnf("Risk round skipped: %s", r.reason());
            } else if (r.outcome() == Outcome.COMPLETED) {
                Log.infof("Risk round in %d ms: %d fills corrected, %d positions marked, %d liquidated, eliminated %s, "
                        + "pairs left at their last mark %s", tookMs, r.corrections().size(), r.marked(), r.liquidated(),
                        r.eliminated(), r.skipped());
            }
            return r;
        } finally {
            lastRoundMs = clock.millis();
            roundStartedMs = 0;
        }
    }

    private RoundResult round() {
        if (stopping) {
            return RoundResult.skippedWhole(SHUTTING_DOWN);
        }
        if (!store.isReady()) {
            return RoundResult.skippedWhole("store not open");
        }
        long now = clock.millis();
        List<Position> open = store.ledger().openPositions();
        List<StoredOrder> recent = corrections.candidates(store.ledger(),
                store.ordersSince(now - FillCorrection.WINDOW_MS), now);
        if (open.isEmpty() && recent.isEmpty()) {
            return new RoundResult(Outcome.IDLE, 0, 0, List.of(), null, Map.of(), List.of());
        }
        Map<SourcesAt.Key, SourcesAt> found = Map.of();
        if (!recent.isEmpty()) {
            found = sourcesAt(recent);
        }
        FillCorrections.Applied corrected = correctInChunks(recent, found);
        if (stopping) {
            return RoundResult.skippedWhole(SHUTTING_DOWN + " (" + corrected.corrections().size()
                    + " fills corrected before)");
        }
        now = clock.millis();
        Map<TradePair, SkipReason> skipped = new EnumMap<>(TradePair.class);
        Set<TradePair> wanted = EnumSet.noneOf(TradePair.class);
        for (Position p : open) {
            TradePair pair = p.tradePair();
            if (!calendar.isOpen(pair, now)) {
                skipped.put(pair, SkipReason.MARKET_CLOSED);
            } else {
                wanted.add(pair);
            }
        }
        Map<TradePair, PriceQuote> marks = new EnumMap<>(TradePair.class);
        if (!wanted.isEmpty()) {
            Map<TradePair, PriceQuote> answered;
            try {
                answered = client.prices(wanted);
            } catch (RuntimeException e) {
                // without any price nothing can be marked; positions keep their last mark
                return RoundResult.skippedWhole(stopping ? SHUTTING_DOWN : "batch price call failed: " + e);
            }
            now = clock.millis();
            for (TradePair pair : wanted) {
                PriceQuote q = answered.get(pair);
                if (q == null) {
                    skipped.put(pair, SkipReason.MISSING);
                } else if (!q.freshAt(now, maxAgeMs)) {
                    skipped.put(pair, SkipReason.STALE);
                } else {
                    marks.put(pair, q);
                }
            }
        }
        if (stopping) {
            return RoundResult.skippedWhole(SHUTTING_DOWN);
        }
        try {
            return store.submit(batch -> apply(batch, marks, skipped, corrected)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return RoundResult.skippedWhole(stopping ? SHUTTING_DOWN : "store: " + e);
        }
    }

    /**
     * The sources at each recent order's time, one call per {@link LivePriceClient#MAX_LOOKUPS} look-ups, each its
     * own fault-tolerant call, with a pause between calls ({@link #yieldToOrders}). After a failed call the round asks
     * no more (the breaker would refuse them soon) and corrects what it found; the rest wait for the next round, the
     * marks go on.
     */
    private Map<SourcesAt.Key, SourcesAt> sourcesAt(List<StoredOrder> recent) {
        Set<SourcesAt.Key> unique = new LinkedHashSet<>();
        recent.forEach(o -> unique.add(FillCorrections.key(o)));
        List<SourcesAt.Key> keys = new ArrayList<>(unique);
        Map<SourcesAt.Key, SourcesAt> found = new HashMap<>();
        for (int from = 0; from < keys.size() && !stopping; from += LivePriceClient.MAX_LOOKUPS) {
            List<SourcesAt.Key> chunk = keys.subList(from, Math.min(keys.size(), from + LivePriceClient.MAX_LOOKUPS));
            try {
                long started = System.nanoTime();
                found.putAll(client.sourcesAt(chunk));
                if (from + LivePriceClient.MAX_LOOKUPS < keys.size()) {
                    yieldToOrders(System.nanoTime() - started);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Log.warnf("fill corrections: interrupted after %d of %d look-ups", from, keys.size());
                break;
            } catch (RuntimeException e) {
                if (!stopping) {
                    Log.warnf("fill corrections: the sources look-up failed after %d of %d look-ups; the rest wait for "
                            + "the next round: %s", from, keys.size(), e.toString());
                }
                break;
            }
        }
        // a look-up answered while shutdown began is not used: nothing more is written
        return stopping ? Map.of() : found;
    }

    /**
     * The round's fill corrections, committed before its marks so that the marks and drawdowns see the corrected
     * positions. Each store command holds whole positions (a position's orders, sources and figures commit together)
     * and about {@code validator.risk.correction-chunk} orders; the next is submitted once the last has committed, so orders placed
     * meanwhile wait behind one chunk, not behind every correction of the last five minutes. Stops at the first store
     * failure: what committed stays, the rest is looked at again next round.
     */
    private FillCorrections.Applied correctInChunks(List<StoredOrder> recent, Map<SourcesAt.Key, SourcesAt> found) {
        List<FillCorrections.Correction> done = new ArrayList<>();
        Set<String> miners = new LinkedHashSet<>();
        if (found.isEmpty()) {
            return new FillCorrections.Applied(done, miners);
        }
        Map<String, List<StoredOrder>> byPosition = new LinkedHashMap<>();
        recent.forEach(o -> byPosition.computeIfAbsent(o.positionUuid(), k -> new ArrayList<>()).add(o));
        List<StoredOrder> chunk = new ArrayList<>();
        Iterator<List<StoredOrder>> positions = byPosition.values().iterator();
        while (positions.hasNext() && !stopping) {
            chunk.addAll(positions.next());
            if (chunk.size() < correctionChunk && positions.hasNext()) {
                continue;
            }
            List<StoredOrder> orders = List.copyOf(chunk);
            chunk.clear();
            try {
                long started = System.nanoTime();
                FillCorrections.Applied a = store.submit(batch -> corrections.apply(batch, orders, found, clock.millis()))
                        .get(30, TimeUnit.SECONDS);
                corrections.record(a.corrections()); // committed: counted even if the marks fail
                done.addAll(a.corrections());
                miners.addAll(a.miners());
                if (positions.hasNext()) {
                    yieldToOrders(System.nanoTime() - started);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Log.warnf("fill corrections stopped this round after %d: interrupted", done.size());
                break;
            } catch (Exception e) {
                if (!stopping) {
                    Log.warnf("fill corrections stopped this round after %d: %s", done.size(), e.toString());
                }
                break;
            }
        }
        return new FillCorrections.Applied(done, miners);
    }

    /**
     * Waits as long as the last look-up call or correction chunk took (at most {@link #MAX_YIELD_MS}), so a round
     * leaves the order path about half of the writer and of the CPU. At 2,000 orders/s a round re-priced ~75k fills
     * back to back in ~10 s and the orders fell to ~1,000/s meanwhile (docs/benchmarks.md); paced, the round takes
     * about twice as long and computes the same. An elapsed-time measure, not a reading of the clock.
     */
    private static void yieldToOrders(long tookNanos) throws InterruptedException {
        long ms = Math.min(MAX_YIELD_MS, TimeUnit.NANOSECONDS.toMillis(tookNanos));
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Runs on the store's writer thread. */
    private RoundResult apply(Batch batch, Map<TradePair, PriceQuote> fetched, Map<TradePair, SkipReason> skippedBefore,
            FillCorrections.Applied corrected) {
        long now = clock.millis();
        Map<TradePair, SkipReason> skipped = new EnumMap<>(TradePair.class);
        skipped.putAll(skippedBefore);
        // checked again here: the round may have waited in the store's queue past the marks' max age
        Map<TradePair, PriceQuote> marks = new EnumMap<>(TradePair.class);
        fetched.forEach((pair, q) -> {
            if (q.freshAt(now, maxAgeMs)) {
                marks.put(pair, q);
            } else {
                skipped.put(pair, SkipReason.STALE);
            }
        });
        int marked = 0;
        int liquidated = 0;
        Set<String> miners = new LinkedHashSet<>(corrected.miners());
        for (Position p : batch.openPositions()) {
            PriceQuote q = marks.get(p.tradePair());
            if (q == null) {
                continue; // skipped pair, or opened after the snapshot: marked next round
            }
            Position m = Positions.mark(p, q.price(), now);
            if (!m.isOpen()) {
                liquidated++;
            }
            batch.putPosition(m);
            marked++;
            miners.add(p.minerHotkey());
        }
        List<String> eliminated = new ArrayList<>();
        for (String miner : miners) {
            MinerState state = batch.miner(miner).orElse(MinerState.fresh(miner, now));
            if (state.eliminated()) {
                continue;
            }
            double ret = batch.portfolioReturn(miner);
            double hwm = Math.max(state.highWaterMark(), ret);
            double dd = Drawdown.drawdown(ret, hwm);
            if (Drawdown.eliminates(ret, hwm, maxDrawdown)) {
                for (Position p : batch.positions(miner)) {
                    if (p.isOpen()) {
                        PriceQuote q = marks.get(p.tradePair());
                        String flatUuid = new StringBuilder(p.positionUuid()).reverse().toString();
                        batch.putPosition(Positions.closeWithFlat(p, flatUuid, q != null ? q.price() : p.markPrice(), now,
                                OrderSource.PRICE_FILLED_ELIMINATION_FLAT));
                    }
                }
                double finalRet = batch.portfolioReturn(miner);
                batch.putMiner(new MinerState(miner, hwm, finalRet, true, now));
                batch.putElimination(new Elimination(miner, String.format("drawdown %.4f reaches the limit %.4f", dd,
                        maxDrawdown), dd, now));
                eliminated.add(miner);
            } else {
                batch.putMiner(new MinerState(miner, hwm, ret, false, now));
            }
        }
        // closed markets are the normal weekend state, not a failed round
        if (marked == 0 && (skipped.containsValue(SkipReason.STALE) || skipped.containsValue(SkipReason.MISSING))) {
            return new RoundResult(Outcome.SKIPPED, 0, 0, List.of(), "no pair could be marked: " + skipped,
                    Collections.unmodifiableMap(skipped), corrected.corrections());
        }
        return new RoundResult(Outcome.COMPLETED, marked, liquidated, eliminated, null,
                Collections.unmodifiableMap(skipped), corrected.corrections());
    }

    /** Start of the round in progress, 0 when idle (liveness: a wedged round). */
    public long roundStartedMs() {
        return roundStartedMs;
    }

    public long lastRoundMs() {
        return lastRoundMs;
    }

    public Outcome lastOutcome() {
        return lastOutcome;
    }

    /** The pairs the last round left at their last mark, and why. */
    public Map<TradePair, SkipReason> lastSkipped() {
        return lastSkipped;
    }
}
