package io.ptn.validator.service;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.TradePair;
import io.ptn.validator.Fills;
import io.ptn.validator.LeverageRules;
import io.ptn.validator.MinerState;
import io.ptn.validator.OrderType;
import io.ptn.validator.Position;
import io.ptn.validator.PositionOrder;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.Returns;
import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.store.Batch;
import io.ptn.validator.store.Ledger;
import io.ptn.validator.store.OrderStore;
import io.ptn.validator.store.StoreUnavailableException;
import io.ptn.validator.store.StoredOrder;

/**
 * Order intake. Cheap checks run first against the committed state (auth, body, duplicate, elimination, pair,
 * market, cooldown, leverage), then the price is fetched outside any lock, then the store's writer re-checks the
 * state-dependent rules against its batch, fills, updates the position and commits before the answer leaves.
 */
@ApplicationScoped
public class OrderService {

    private final MinerTokens tokens;
    private final OrderParser parser;
    private final PairPolicy pairs;
    private final PriceService prices;
    private final OrderStore store;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Timer fillTimer;
    private final MarketCalendar calendar;
    private final InstantSource clock;
    private final long cooldownMs;
    private final double portfolioCap;
    private final long commitTimeoutMs;

    public OrderService(MinerTokens tokens, OrderParser parser, PairPolicy pairs, PriceService prices, OrderStore store,
            ObjectMapper mapper, MeterRegistry registry, ValidatorConfig config, MarketCalendar calendar,
            InstantSource clock) {
        this.calendar = calendar;
        this.clock = clock;
        this.tokens = tokens;
        this.parser = parser;
        this.pairs = pairs;
        this.prices = prices;
        this.store = store;
        this.mapper = mapper;
        this.registry = registry;
        this.fillTimer = Timer.builder("validator.order.fill").description("Order intake to durable commit")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.cooldownMs = config.orders().cooldownMs();
        this.portfolioCap = config.orders().portfolioLeverageCap();
        this.commitTimeoutMs = config.orders().commitTimeoutMs();
    }

    public OrderResult place(String authorization, byte[] body) {
        long start = System.nanoTime();
        try {
            OrderResult r = doPlace(authorization, body);
            count(r.replay() ? "replayed" : "filled");
            if (!r.replay()) {
                fillTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            return r;
        } catch (ProblemException e) {
            count(outcome(e.status()));
            throw e;
        }
    }

    private OrderResult doPlace(String authorization, byte[] body) {
        String hotkey = tokens.authenticate(authorization);
        OrderRequest req = parser.parse(body);
        if (!hotkey.equals(req.minerHotkey())) {
            throw new ProblemException(403, "the bearer token does not belong to miner " + req.minerHotkey(), "minerHotkey");
        }
        String hash = req.requestHash();
        Ledger committed = store.ledger();
        OrderResult replay = duplicate(committed, req, hash);
        if (replay != null) {
            return replay;
        }
        TradePair pair = admit(committed, req, clock.millis(), true);
        PriceQuote quote = prices.freshPrice(pair);
        try {
            return store.submit(batch -> fill(batch, req, hash, pair, quote)).get(commitTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProblemException p) {
                throw p;
            }
            if (e.getCause() instanceof StoreUnavailableException) {
                throw new ProblemException(503, "the order store is unavailable; the order was not filled", null, 1);
            }
            throw new IllegalStateException("order " + req.orderUuid() + " failed in the store", e.getCause());
        } catch (TimeoutException e) {
            // still queued or committing: the miner retries with the same uuid and gets the original answer
            throw new ProblemException(503, "the order is still being committed; retry with the same orderUuid", null, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "interrupted while committing the order; retry with the same orderUuid", null, 1);
        }
    }

    /** Same uuid: the original answer for the same body, 409 for a different one; null when new. */
    private static OrderResult duplicate(Ledger ledger, OrderRequest req, String hash) {
        Optional<StoredOrder> existing = ledger.order(req.orderUuid().toString());
        if (existing.isEmpty()) {
            return null;
        }
        StoredOrder o = existing.get();
        if (!o.requestHash().equals(hash)) {
            throw new ProblemException(409, "orderUuid " + req.orderUuid() + " was already used for a different order",
                    "orderUuid");
        }
        return new OrderResult(o.status(), o.orderUuid(), o.answerJson(), true);
    }

    /** The reference's checks after the duplicate check, in its order. Returns the pair. */
    private TradePair admit(Ledger ledger, OrderRequest req, long now, boolean checkMarket) {
        String miner = req.minerHotkey();
        if (ledger.elimination(miner).isPresent() || ledger.miner(miner).map(MinerState::eliminated).orElse(false)) {
            throw new ProblemException(422, "miner " + miner + " is eliminated", "minerHotkey");
        }
        TradePair pair = pairs.tradable(req.tradePair());
        if (checkMarket && !calendar.isOpen(pair, now)) {
            throw new ProblemException(422, "the market for " + pair.id() + " is closed", "tradePair");
        }
        Long last = ledger.lastOrderMs(miner, pair.id());
        if (last != null && now - last < cooldownMs) {
            throw new ProblemException(422, "cooldown: the last order for " + pair.id() + " was " + (now - last)
                    + " ms ago; wait " + cooldownMs + " ms between orders per pair", "tradePair");
        }
        Optional<Position> open = ledger.openPosition(miner, pair.id());
        if (req.orderType() == OrderType.FLAT) {
            if (open.isEmpty()) {
                throw new ProblemException(422, "no open " + pair.id() + " position to close", "orderType");
            }
            return pair;
        }
        String reason = LeverageRules.checkOrder(pair, req.leverage());
        if (reason != null) {
            throw new ProblemException(422, reason, "leverage");
        }
        double net = open.map(Position::netLeverage).orElse(0.0);
        double newNet = net + Returns.signedDelta(req.orderType(), req.leverage(), net);
        double others = 0;
        for (Position p : ledger.positions(miner)) {
            if (p.isOpen() && p.tradePair() != pair) {
                others += Math.abs(p.netLeverage());
            }
        }
        reason = LeverageRules.checkPosition(pair, newNet, others, portfolioCap);
        if (reason != null) {
            throw new ProblemException(422, reason, "leverage");
        }
        return pair;
    }

    /** Runs on the store's writer thread: re-check against the batch, fill, update position and miner. */
    private OrderResult fill(Batch batch, OrderRequest req, String hash, TradePair pair, PriceQuote quote) {
        OrderResult replay = duplicate(batch, req, hash);
        if (replay != null) {
            return replay;
        }
        long now = clock.millis();
        admit(batch, req, now, false);
        if (!quote.freshAt(now, prices.maxAgeMs())) {
            throw prices.unavailable("the price for " + pair.id() + " went stale before the fill; not filled");
        }
        String miner = req.minerHotkey();
        Optional<Position> open = batch.openPosition(miner, pair.id());
        OrderType first = open.map(Position::firstOrderType).orElse(req.orderType());
        double size = req.orderType() == OrderType.FLAT ? Math.abs(open.get().netLeverage()) : req.leverage();
        boolean buy = Fills.buys(req.orderType(), first);
        double slippage = Fills.slippage(pair, quote.bid(), quote.ask(), size);
        double fillPrice = Fills.fillPrice(Fills.basePrice(pair, quote, buy), slippage, buy);
        String orderUuid = req.orderUuid().toString();
        PositionOrder order = new PositionOrder(orderUuid, req.orderType(), size, fillPrice, slippage, now);
        Position position = open.map(p -> Returns.apply(p, order))
                .orElseGet(() -> Returns.open(UUID.randomUUID().toString(), miner, pair, order));
        batch.putPosition(position);

        MinerState m = batch.miner(miner).orElse(MinerState.fresh(miner, now));
        List<Position> all = new ArrayList<>(batch.positions(miner));
        double portfolio = Returns.portfolioReturn(all);
        batch.putMiner(new MinerState(miner, Math.max(m.highWaterMark(), portfolio), portfolio, m.eliminated(), now));

        OrderView view = new OrderView(orderUuid, miner, pair.id(), req.orderType().name(), size, quote.price(), quote.bid(),
                quote.ask(), slippage, fillPrice, quote.timestampMs(), quote.source(), now,
                new OrderView.PositionSummary(position.positionUuid(), position.netLeverage(), position.averageEntryPrice(),
                        position.currentReturn(), !position.isOpen()));
        String json;
        try {
            json = mapper.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        batch.putOrder(new StoredOrder(orderUuid, hash, miner, pair.id(), req.orderType(), size, quote.price(), fillPrice,
                quote.bid(), quote.ask(), slippage, quote.timestampMs(), quote.source(), position.positionUuid(), 201, now,
                json));
        return new OrderResult(201, orderUuid, json, false);
    }

    private void count(String outcome) {
        registry.counter("validator.orders", "outcome", outcome).increment();
    }

    private static String outcome(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "unknown_pair";
            case 409 -> "conflict";
            case 422 -> "refused";
            case 503 -> "unavailable";
            default -> "error";
        };
    }
}
