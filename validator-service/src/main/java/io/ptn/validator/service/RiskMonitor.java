package io.ptn.validator.service;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.domain.TradePair;
import io.ptn.validator.Drawdown;
import io.ptn.validator.Elimination;
import io.ptn.validator.MinerState;
import io.ptn.validator.OrderSource;
import io.ptn.validator.Position;
import io.ptn.validator.Positions;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.client.LivePriceClient;
import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.store.Batch;
import io.ptn.validator.store.OrderStore;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Marks every open position to market with one batch price call, updates returns and high-water marks, liquidates
 * positions whose return reaches 0 (PTN set_returns / _handle_liquidation: closed with a FLAT at the mark) and
 * eliminates miners {@code validator.risk.max-drawdown} or more below their high-water mark (PTN
 * is_beyond_max_drawdown), closing their open positions with a FLAT at the mark. The changes go through the store's single writer, so they are serialised with orders. A round
 * with any needed price missing or not fresh is skipped as a whole.
 */
@ApplicationScoped
public class RiskMonitor {

    public enum Outcome {
        COMPLETED, SKIPPED, IDLE
    }

    public record RoundResult(Outcome outcome, int marked, int liquidated, List<String> eliminated, String reason) {
    }

    private final OrderStore store;
    private final LivePriceClient client;
    private final MeterRegistry registry;
    private final double maxDrawdown;
    private final long maxAgeMs;
    private volatile long roundStartedMs;
    private volatile long lastRoundMs;
    private volatile Outcome lastOutcome;

    public RiskMonitor(OrderStore store, LivePriceClient client, MeterRegistry registry, ValidatorConfig config) {
        this.store = store;
        this.client = client;
        this.registry = registry;
        this.maxDrawdown = config.risk().maxDrawdown();
        this.maxAgeMs = config.prices().maxAgeMs();
    }

    @Scheduled(identity = "risk-monitor", every = "${validator.risk.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        runRound();
    }

    public synchronized RoundResult runRound() {
        roundStartedMs = System.currentTimeMillis();
        try {
            RoundResult r = round();
            registry.counter("validator.risk.rounds", "outcome", r.outcome().name().toLowerCase()).increment();
            lastOutcome = r.outcome();
            if (r.outcome() == Outcome.SKIPPED) {
                Log.warnf("Risk round skipped: %s", r.reason());
            } else if (r.outcome() == Outcome.COMPLETED) {
                Log.infof("Risk round: %d positions marked, %d liquidated, eliminated %s", r.marked(), r.liquidated(),
                        r.eliminated());
            }
            return r;
        } finally {
            lastRoundMs = System.currentTimeMillis();
            roundStartedMs = 0;
        }
    }

    private RoundResult round() {
        if (!store.isReady()) {
            return new RoundResult(Outcome.SKIPPED, 0, 0, List.of(), "store not open");
        }
        List<Position> open = store.ledger().openPositions();
        if (open.isEmpty()) {
            return new RoundResult(Outcome.IDLE, 0, 0, List.of(), null);
        }
        Set<TradePair> pairs = EnumSet.noneOf(TradePair.class);
        open.forEach(p -> pairs.add(p.tradePair()));
        Map<TradePair, PriceQuote> marks;
        try {
            marks = client.prices(pairs);
        } catch (RuntimeException e) {
            return new RoundResult(Outcome.SKIPPED, 0, 0, List.of(), "batch price call failed: " + e);
        }
        long now = System.currentTimeMillis();
        for (TradePair pair : pairs) {
            PriceQuote q = marks.get(pair);
            if (q == null) {
                return new RoundResult(Outcome.SKIPPED, 0, 0, List.of(), "no price for " + pair.id());
            }
            if (!q.freshAt(now, maxAgeMs)) {
                return new RoundResult(Outcome.SKIPPED, 0, 0, List.of(), "stale price for " + pair.id() + " ("
                        + q.ageMs(now) + " ms old, stale=" + q.stale() + ")");
            }
        }
        try {
            return store.submit(batch -> apply(batch, marks)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new RoundResult(Outcome.SKIPPED, 0, 0, List.of(), "store: " + e);
        }
    }

    private RoundResult apply(Batch batch, Map<TradePair, PriceQuote> marks) {
        long now = System.currentTimeMillis();
        // checked again here: the round may have waited in the store's queue past the marks' max age
        for (PriceQuote q : marks.values()) {
            if (!q.freshAt(now, maxAgeMs)) {
                return new RoundResult(Outcome.SKIPPED, 0, 0, List.of(), "price for " + q.tradePair().id()
                        + " went stale while the round waited for the store (" + q.ageMs(now) + " ms old)");
            }
        }
        int marked = 0;
        int liquidated = 0;
        Set<String> miners = new LinkedHashSet<>();
        for (Position p : batch.openPositions()) {
            PriceQuote q = marks.get(p.tradePair());
            if (q == null) {
                continue; // opened after the snapshot: marked next round
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
            double ret = Drawdown.portfolioReturn(batch.positions(miner));
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
                double finalRet = Drawdown.portfolioReturn(batch.positions(miner));
                batch.putMiner(new MinerState(miner, hwm, finalRet, true, now));
                batch.putElimination(new Elimination(miner, String.format("drawdown %.4f reaches the limit %.4f", dd,
                        maxDrawdown), dd, now));
                eliminated.add(miner);
            } else {
                batch.putMiner(new MinerState(miner, hwm, ret, false, now));
            }
        }
        return new RoundResult(Outcome.COMPLETED, marked, liquidated, eliminated, null);
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
}
