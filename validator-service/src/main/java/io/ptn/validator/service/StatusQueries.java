package io.ptn.validator.service;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.ptn.validator.client.PriceServiceHealth;
import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.health.LivePriceServiceCheck;
import io.ptn.validator.store.OrderStore;
import io.ptn.validator.store.StoredOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.health.api.Wellness;

/**
 * Everything the status page shows, read-only: the price service's own health, the validator's view of prices (the
 * {@code live-price-service} check, so page and {@code /q/health} agree), risk rounds, the store, miners with their
 * drawdown history, and the latest orders. No token, hash or key is part of it.
 */
@ApplicationScoped
public class StatusQueries {

    static final int MAX_MINERS = 256;
    static final int LATEST_ORDERS = 20;

    @RegisterForReflection
    public record StatusView(long generatedAtMs, PriceServiceHealth.View priceService, Map<String, Object> prices,
            RiskView risk, StoreView store, int minerCount, List<MinerRow> miners, List<OrderRow> latestOrders) {
    }

    /** {@code skippedPairs}: pairs the last round left at their last mark, each as "PAIR reason". */
    @RegisterForReflection
    public record RiskView(String lastOutcome, long lastRoundMs, Long lastRoundAgeMs, boolean roundRunning,
            String interval, double maxDrawdown, List<String> skippedPairs) {
    }

    @RegisterForReflection
    public record StoreView(boolean ready, int queued, int eliminations) {
    }

    @RegisterForReflection
    public record MinerRow(String hotkey, double portfolioReturn, double highWaterMark, double drawdown,
            boolean eliminated, int openPositions, List<DrawdownHistory.Point> history) {
    }

    @RegisterForReflection
    public record OrderRow(String orderUuid, String minerHotkey, String tradePair, String orderType, double leverage,
            double fillPrice, String priceSource, long processedMs) {
    }

    private final PriceServiceHealth priceHealth;
    private final LivePriceServiceCheck pricesCheck;
    private final RiskMonitor monitor;
    private final OrderStore store;
    private final MinerQueries miners;
    private final DrawdownHistory history;
    private final InstantSource clock;
    private final ValidatorConfig config;

    public StatusQueries(PriceServiceHealth priceHealth, @Wellness LivePriceServiceCheck pricesCheck,
            RiskMonitor monitor, OrderStore store, MinerQueries miners, DrawdownHistory history, InstantSource clock,
            ValidatorConfig config) {
        this.priceHealth = priceHealth;
        this.pricesCheck = pricesCheck;
        this.monitor = monitor;
        this.store = store;
        this.miners = miners;
        this.history = history;
        this.clock = clock;
        this.config = config;
    }

    public StatusView status() {
        PriceServiceHealth.View price = priceHealth.read();
        HealthCheckResponse own = pricesCheck.call();
        Map<String, Object> prices = new LinkedHashMap<>();
        prices.put("status", own.getStatus().name());
        own.getData().ifPresent(prices::putAll);
        long now = clock.millis();
        long last = monitor.lastRoundMs();
        RiskView risk = new RiskView(monitor.lastOutcome() == null ? null : monitor.lastOutcome().name(), last,
                last == 0 ? null : Math.max(0, now - last), monitor.roundStartedMs() != 0, config.risk().interval(),
                config.risk().maxDrawdown(),
                monitor.lastSkipped().entrySet().stream().map(e -> e.getKey().id() + " " + e.getValue().tag()).toList());
        StoreView storeView = new StoreView(store.isReady(), store.queued(), store.eliminations().size());
        List<MinerRow> rows = new ArrayList<>();
        int count = 0;
        if (store.isReady()) {
            for (String hotkey : store.hotkeys()) {
                MinerQueries.MinerView v;
                try {
                    v = miners.miner(hotkey);
                } catch (UnknownMinerException e) {
                    continue;
                }
                count++;
                rows.add(new MinerRow(v.hotkey(), v.portfolioReturn(), v.highWaterMark(), v.drawdown(), v.eliminated(),
                        v.openPositions(), history.points(hotkey)));
            }
        }
        // the ones closest to elimination first; eliminated miners last
        rows.sort(Comparator.comparing(MinerRow::eliminated).thenComparing(MinerRow::drawdown, Comparator.reverseOrder())
                .thenComparing(MinerRow::hotkey));
        List<OrderRow> orders = new ArrayList<>();
        if (store.isReady()) {
            for (StoredOrder o : store.latestOrders(LATEST_ORDERS)) {
                orders.add(new OrderRow(o.orderUuid(), o.minerHotkey(), o.tradePair(), o.orderType().name(), o.leverage(),
                        o.fillPrice(), o.priceSource(), o.processedMs()));
            }
        }
        return new StatusView(now, price, prices, risk, storeView, count,
                rows.size() > MAX_MINERS ? List.copyOf(rows.subList(0, MAX_MINERS)) : List.copyOf(rows),
                List.copyOf(orders));
    }
}
