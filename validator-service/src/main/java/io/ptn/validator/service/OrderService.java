package io.ptn.validator.service;

import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.TradePair;
import io.ptn.validator.FillPrice;
import io.ptn.validator.LeverageBounds;
import io.ptn.validator.MinerState;
import io.ptn.validator.OrderRefusedException;
import io.ptn.validator.OrderSource;
import io.ptn.validator.OrderType;
import io.ptn.validator.Position;
import io.ptn.validator.Positions;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.Slippage;
import io.ptn.validator.config.ValidatorConfig;
import io.ptn.validator.store.Batch;
import io.ptn.validator.store.Ledger;
import io.ptn.validator.store.OrderStore;
import io.ptn.validator.store.StoreUnavailableException;
import io.ptn.validator.store.StoredOrder;

/**
 * Order intake, for an authenticated miner and a validated request. Cheap checks run first against the committed
 * state (owner, duplicate, elimination, pair, market, cooldown, leverage), then the price is fetched outside any
 * lock, then the store's writer re-checks the state-dependent rules against its batch, fills, updates the position
 * and commits before the answer leaves.
 * Leverage follows PTN: an order over the pair's maximum or the portfolio cap is clamped to what is left and filled;
 * refused only where PTN raises ({@link Positions#addOrder}).
 */
@ApplicationScoped
public class OrderService {

    private final PairPolicy pairs;
    private final PriceLookup prices;
    private final OrderStore store;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final Timer fillTimer;
    private final MarketCalendar calendar;
    private final InstantSource clock;
    private final long cooldownMs;
    private final double portfolioCap;
    private final long commitTimeoutMs;
    private final Executor blocking;

    public OrderService(PairPolicy pairs, PriceLookup prices, OrderStore store,
            ObjectMapper mapper, MeterRegistry registry, ValidatorConfig config, MarketCalendar calendar,
            InstantSource clock, ManagedExecutor blocking) {
        this.blocking = blocking;
        this.calendar = calendar;
        this.clock = clock;
        this.pairs = pairs;
        this.prices = prices;
        this.store = store;
        this.mapper = mapper;
        this.registry = registry;
        this.fillTimer = Timer.builder("validator.order.fill").description("Order intake to durable commit")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.cooldownMs = config.orders().cooldown().toMillis();
        this.portfolioCap = config.orders().portfolioLeverageCap();
        this.commitTimeoutMs = config.orders().commitTimeout().toMillis();
    }

    /**
     * Places a validated order for the authenticated miner {@code hotkey}. Refusals are domain exceptions
     * (rest/ValidatorProblemMapper gives each its status), thrown or in the returned stage; the same orderUuid and
     * request again returns the first answer.
     * <p>
     * Called on the event loop, it blocks nowhere: the checks read the committed state in memory, the common fill
     * takes the SSE cache's price, and the stage completes when the store's writer commits. The two steps that wait
     * for I/O run on Quarkus's worker pool: a replay of a committed order (its answer is read back from the database) and
     * a price the cache cannot give (one HTTP call). A worker thread per order, parked until the commit, cost two
     * thread hand-offs per order (docs/benchmarks.md).
     */
    public CompletionStage<OrderResult> place(String hotkey, OrderRequest req) {
        long start = System.nanoTime();
        if (!hotkey.equals(req.minerHotkey())) {
            throw new MinerMismatchException(req.minerHotkey());
        }
        String hash = req.requestHash();
        Ledger committed = store.ledger();
        if (committed.order(req.orderUuid()).isPresent()) {
            return CompletableFuture.supplyAsync(() -> duplicate(committed, req, hash), blocking)
                    .thenApply(r -> counted(r, start));
        }
        TradePair pair = admit(committed, req, clock.millis(), true);
        PriceQuote cached = prices.cachedFresh(pair);
        CompletionStage<OrderResult> filled = cached != null ? commit(req, hash, pair, cached)
                : CompletableFuture.supplyAsync(() -> prices.freshPrice(pair), blocking)
                        .thenCompose(quote -> commit(req, hash, pair, quote));
        return filled.thenApply(r -> counted(r, start));
    }

    private OrderResult counted(OrderResult r, long startNanos) {
        registry.counter("validator.orders", "outcome", r.replay() ? "replayed" : "filled").increment();
        if (!r.replay()) {
            fillTimer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
        return r;
    }

    /** The fill on the store's writer; a refusal found there fails the stage with itself. */
    private CompletionStage<OrderResult> commit(OrderRequest req, String hash, TradePair pair, PriceQuote quote) {
        return store.submit(batch -> fill(batch, req, hash, pair, quote))
                .orTimeout(commitTimeoutMs, TimeUnit.MILLISECONDS)
                // on the store's own future: the failure comes as the writer or the timeout set it, never wrapped
                .exceptionally(failure -> {
                    throw notCommitted(req, failure);
                });
    }

    private static RuntimeException notCommitted(OrderRequest req, Throwable cause) {
        if (cause instanceof RuntimeException refusal && isRefusal(refusal)) {
            return refusal;
        }
        if (cause instanceof StoreUnavailableException) {
            return new OrderNotCommittedException("the order store is unavailable; the order was not filled");
        }
        if (cause instanceof TimeoutException) {
            // still queued or committing: the miner retries with the same uuid and gets the original answer
            return new OrderNotCommittedException("the order is still being committed; retry with the same orderUuid");
        }
        return new IllegalStateException("order " + req.orderUuid() + " failed in the store", cause);
    }

    /** Same uuid: the original answer for the same body, 409 for a different one; null when new. */
    private OrderResult duplicate(Ledger ledger, OrderRequest req, String hash) {
        Optional<StoredOrder> existing = ledger.order(req.orderUuid());
        if (existing.isEmpty()) {
            return null;
        }
        StoredOrder o = existing.get();
        if (!o.requestHash().equals(hash)) {
            throw new OrderUuidReusedException(req.orderUuid());
        }
        // an order of this batch still holds its answer; a committed one is read back from the database
        if (o.answerJson() != null) {
            return new OrderResult(o.status(), o.orderUuid(), o.answerJson(), true);
        }
        try {
            String answer = store.answer(o.orderUuid()).orElseThrow(() ->
                    new IllegalStateException("order " + o.orderUuid() + " is committed but has no stored answer"));
            return new OrderResult(o.status(), o.orderUuid(), answer, true);
        } catch (StoreUnavailableException e) {
            throw new OrderNotCommittedException("the order was filled but its answer cannot be read now; retry with the "
                    + "same orderUuid");
        }
    }

    /** The reference's checks after the duplicate check, in its order. Returns the pair. */
    private TradePair admit(Ledger ledger, OrderRequest req, long now, boolean checkMarket) {
        String miner = req.minerHotkey();
        if (ledger.elimination(miner).isPresent() || ledger.miner(miner).map(MinerState::eliminated).orElse(false)) {
            throw new OrderRefusedException("miner " + miner + " is eliminated", "minerHotkey");
        }
        TradePair pair = pairs.tradable(req.tradePair());
        if (checkMarket && !calendar.isOpen(pair, now)) {
            throw new OrderRefusedException("the market for " + pair.id() + " is closed", "tradePair");
        }
        Long last = ledger.lastOrderMs(miner, pair.id());
        if (last != null && now - last < cooldownMs) {
            throw new OrderRefusedException("cooldown: the last order for " + pair.id() + " was " + (now - last)
                    + " ms ago; wait " + cooldownMs + " ms between orders per pair", "tradePair");
        }
        Optional<Position> open = ledger.openPosition(miner, pair.id());
        if (req.orderType() == OrderType.FLAT) {
            if (open.isEmpty()) {
                throw new OrderRefusedException("no open " + pair.id() + " position to close", "orderType");
            }
            return pair;
        }
        // the clamping and refusals of PTN's add_order, priced later: they do not depend on the price
        Position position = target(open, req, pair, now);
        double portfolio = LeverageBounds.portfolioLeverage(ledger.openPositions(miner)) - excluded(open, position);
        Positions.clamped(position, newOrder(req, 0, 0, now), portfolio, portfolioCap);
        return pair;
    }

    /**
     * The position the order goes into: the open one, or a new one (PTN uses the order's uuid as the new position's
     * uuid), also when the open one holds MAX_ORDERS_PER_POSITION orders and is closed first.
     */
    private static Position target(Optional<Position> open, OrderRequest req, TradePair pair, long now) {
        if (open.isPresent() && !atOrderLimit(open.get(), req)) {
            return open.get();
        }
        return Positions.empty(req.orderUuid(), req.minerHotkey(), pair, now);
    }

    /** PTN's receive_signal: a non-FLAT order on a position with MAX_ORDERS_PER_POSITION orders closes it first. */
    private static boolean atOrderLimit(Position open, OrderRequest req) {
        return open.orders().size() >= LeverageBounds.MAX_ORDERS_PER_POSITION && req.orderType() != OrderType.FLAT;
    }

    /** Adjusted leverage of an open position the order does not go into (the one about to be closed at the limit). */
    private static double excluded(Optional<Position> open, Position target) {
        return open.filter(o -> o != target).map(Position::adjustedLeverage).orElse(0.0);
    }

    private static Positions.NewOrder newOrder(OrderRequest req, double basePrice, double slippage, long now) {
        return new Positions.NewOrder(req.orderUuid(), req.orderType(), requested(req), basePrice, slippage,
                now, OrderSource.ORGANIC);
    }

    /** Leverage as the miner sent it (unsigned; a FLAT without one is 0). */
    private static double requested(OrderRequest req) {
        return req.leverage() == null ? 0.0 : req.leverage();
    }

    /** PTN's signed order leverage as the miner sent it: SHORT negative, a FLAT as sent (0 when absent). */
    private static double signedAsReceived(OrderRequest req) {
        return req.orderType() == OrderType.SHORT ? -requested(req) : requested(req);
    }

    /**
     * PTN's V2 slippage on the best source's quote, with every miner at PTN's minimum account size (no collateral
     * here). Pairs PTN has no slippage inputs for are refused, as PTN refuses them.
     */
    private static double slippage(TradePair pair, PriceQuote quote, double signedLeverage, long now) {
        try {
            return Slippage.of(pair, quote.best().bid(), quote.best().ask(), signedLeverage, Slippage.MIN_ACCOUNT_SIZE,
                    now);
        } catch (IllegalArgumentException e) {
            throw new OrderRefusedException("no slippage can be computed for " + pair.id() + ": " + e.getMessage(),
                    "tradePair");
        }
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
        Position position = target(open, req, pair, now);
        if (open.isPresent() && position != open.get()) {
            batch.putPosition(closeAtOrderLimit(open.get(), pair, quote, now));
        }
        // PTN's order.price is the price before slippage; the position arithmetic applies the slippage
        OrderType first = position.orders().isEmpty() ? req.orderType() : position.firstOrderType();
        double basePrice = FillPrice.of(quote.best(), now, pair, req.orderType(), first);
        double slippage = slippage(pair, quote, signedAsReceived(req), now);
        double portfolio = LeverageBounds.portfolioLeverage(batch.openPositions(miner));
        Positions.Filled filled = Positions.addOrder(position, newOrder(req, basePrice, slippage, now), portfolio,
                portfolioCap);
        position = filled.position();
        batch.putPosition(position);
        String orderUuid = req.orderUuid();

        MinerState m = batch.miner(miner).orElse(MinerState.fresh(miner, now));
        double portfolioReturn = batch.portfolioReturn(miner);
        batch.putMiner(new MinerState(miner, Math.max(m.highWaterMark(), portfolioReturn), portfolioReturn, m.eliminated(),
                now));

        double fillPrice = filled.order().fillPrice();
        double size = Math.abs(filled.order().leverage());
        OrderView view = new OrderView(orderUuid, miner, pair.id(), req.orderType().name(), size, quote.price(), quote.bid(),
                quote.ask(), slippage, fillPrice, quote.timestampMs(), quote.source(), now,
                new OrderView.PositionSummary(position.positionUuid(), position.netLeverage(), position.averageEntryPrice(),
                        position.returnWithFees(), !position.isOpen(), position.returnWithoutFees(),
                        position.realizedPnl(), position.positionType().name(), position.closeReason()),
                req.leverage(), filled.order().leverage(), filled.order().orderType().name(), filled.closedPosition(),
                basePrice);
        String json;
        try {
            json = mapper.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        batch.putOrder(new StoredOrder(orderUuid, hash, miner, pair.id(), req.orderType(), size, quote.price(), fillPrice,
                quote.bid(), quote.ask(), slippage, quote.timestampMs(), quote.source(), position.positionUuid(), 201, now,
                json, req.leverage(), filled.order().leverage(), filled.order().orderType(), basePrice, quote.sources(),
                null, null));
        return new OrderResult(201, orderUuid, json, false);
    }

    /**
     * PTN's MAX_ORDERS_PER_POSITION close: a FLAT sent with leverage 0 (so no slippage) at now - 1 (two orders of a
     * pair never share a time), uuid the position's reversed, priced from the same quote.
     */
    private static Position closeAtOrderLimit(Position open, TradePair pair, PriceQuote quote, long now) {
        String uuid = new StringBuilder(open.positionUuid()).reverse().toString();
        Positions.NewOrder flat = new Positions.NewOrder(uuid, OrderType.FLAT, 0.0, FillPrice.of(quote.best(), now, pair, OrderType.FLAT,
                open.firstOrderType()), slippage(pair, quote, 0.0, now), now - 1, OrderSource.MAX_ORDERS_PER_POSITION_CLOSE);
        return Positions.addOrder(open, flat, 0.0, Double.POSITIVE_INFINITY).position();
    }

    /** What the writer thread throws to refuse the order (or to have it retried): passed on as it is. */
    private static boolean isRefusal(RuntimeException e) {
        return e instanceof OrderRefusedException || e instanceof OrderUuidReusedException
                || e instanceof UnknownTradePairException || e instanceof NoFreshPriceException
                || e instanceof OrderNotCommittedException;
    }
}
