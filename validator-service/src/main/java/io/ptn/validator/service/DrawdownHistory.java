package io.ptn.validator.service;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.store.OrderStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;

/**
 * Each miner's drawdown over time for the status page's charts: one point per miner every
 * {@code validator.status.history-interval}, the last {@code validator.status.history-points} kept. In memory only
 * (the store keeps the current state, not its history), so the chart starts again after a restart. Read-only.
 */
@ApplicationScoped
public class DrawdownHistory {

    @RegisterForReflection
    public record Point(long t, double drawdown) {
    }

    private final OrderStore store;
    private final MinerQueries queries;
    private final InstantSource clock;
    private final int maxPoints;
    private final Map<String, Deque<Point>> byMiner = new ConcurrentHashMap<>();

    public DrawdownHistory(OrderStore store, MinerQueries queries, InstantSource clock, ValidatorConfig config) {
        this.store = store;
        this.queries = queries;
        this.clock = clock;
        this.maxPoints = config.status().historyPoints();
    }

    @Scheduled(identity = "drawdown-history", every = "${validator.status.history-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sample();
    }

    /** Takes one point per miner now. */
    public void sample() {
        if (!store.isReady()) {
            return;
        }
        long now = clock.millis();
        for (String hotkey : store.hotkeys()) {
            MinerQueries.MinerView v;
            try {
                v = queries.miner(hotkey);
            } catch (UnknownMinerException e) {
                continue; // not traded here after all
            }
            Deque<Point> points = byMiner.computeIfAbsent(hotkey, k -> new ArrayDeque<>());
            synchronized (points) {
                points.addLast(new Point(now, v.drawdown()));
                while (points.size() > maxPoints) {
                    points.removeFirst();
                }
            }
        }
    }

    public List<Point> points(String hotkey) {
        Deque<Point> points = byMiner.get(hotkey);
        if (points == null) {
            return List.of();
        }
        synchronized (points) {
            return List.copyOf(points);
        }
    }
}
