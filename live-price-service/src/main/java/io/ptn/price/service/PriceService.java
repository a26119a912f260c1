package io.ptn.price.service;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.config.PriceConfig;
import io.ptn.price.feed.EventBuffer;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderRegistry;
import io.ptn.price.feed.Timespan;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Price selection, closes, quotes and candles over the buffer and the enabled providers' REST APIs. */
@ApplicationScoped
public class PriceService {

    static final long SECOND_BAR_WINDOW_MS = 59_000;
    static final long MINUTE_BAR_WINDOW_MS = 120_000;
    static final double OUTLIER_DEVIATION = 0.05;
    /**
     * Provider REST calls run on their own bounded pool: their callers wait on worker threads, so sharing the worker
     * pool could starve it. Past the queue a call is refused and its provider skipped, like a failed call.
     */
    static final int REST_THREADS = 64;
    static final int REST_QUEUE = 1024;

    private final ProviderRegistry providers;
    private final EventBuffer buffer;
    private final PairCatalog catalog;
    private final MarketCalendar calendar;
    private final long gateMs;
    private final Duration budget;
    private final long closedReuseMs;
    private final Counter restFallbacks;
    private final Counter closedReuses;
    private final Counter staleAnswers;
    /** Per pair, the REST sources of its last look-up while its market was closed. */
    private final ConcurrentHashMap<TradePair, ClosedRest> closedRest = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor restPool;

    private final InstantSource clock;

    public PriceService(ProviderRegistry providers, EventBuffer buffer, PairCatalog catalog, PriceConfig config,
                        MeterRegistry registry, InstantSource clock, MarketCalendar calendar) {
        this.calendar = calendar;
        this.clock = clock;
        this.providers = providers;
        this.buffer = buffer;
        this.catalog = catalog;
        this.gateMs = config.selection().recencyGate().toMillis();
        this.budget = config.selection().restBudget();
        this.closedReuseMs = config.selection().closedMarketReuse().toMillis();
        this.restFallbacks = Counter.builder("price.rest.fallbacks")
                .description("Selections that asked the providers' REST APIs").register(registry);
        this.closedReuses = Counter.builder("price.rest.closed.reuses")
                .description("Closed-market selections answered from the last REST look-up of the same closure")
                .register(registry);
        this.staleAnswers = Counter.builder("price.answers.stale").description("Answers flagged stale").register(registry);
        AtomicInteger n = new AtomicInteger();
        this.restPool = new ThreadPoolExecutor(REST_THREADS, REST_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(REST_QUEUE), r -> {
                    Thread t = new Thread(r, "price-rest-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        restPool.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void close() {
        restPool.shutdownNow();
    }

    /**
     * The streamed-only answer when the best buffered event is within the recency gate, else null (the caller then
     * uses {@link #price}). Never blocks: safe on an event-loop thread.
     */
    public PriceAnswer fromStream(TradePair pair, long atMs) {
        List<PriceSource> streamed = streamed(providers.enabled(), pair, atMs);
        if (streamed.size() == 1) { // the common single-provider case: no sort
            PriceSource only = streamed.get(0).withLagTo(atMs);
            if (only.lagMs() <= gateMs) {
                return answer(pair, atMs, List.of(only));
            }
        } else {
            List<PriceSource> sorted = Selection.byDistance(streamed, atMs);
            if (Selection.withinGate(sorted, gateMs)) {
                return answer(pair, atMs, sorted);
            }
        }
        List<PriceSource> reused = reusableRest(pair, atMs);
        return reused == null ? null : withRest(pair, atMs, streamed, reused);
    }

    /**
     * The REST sources of a closed market's last look-up, when {@code atMs} is at most {@code closed-market-reuse}
     * after it within the same closure; else null. No bar is added upstream while a market is closed, so asking again
     * would only spend the provider's quota (a client polling forex all weekend asked once per request).
     */
    private List<PriceSource> reusableRest(TradePair pair, long atMs) {
        ClosedRest c = closedRest.get(pair);
        if (c == null || atMs < c.atMs() || atMs >= c.reopensMs() || atMs - c.atMs() > closedReuseMs) {
            return null;
        }
        closedReuses.increment();
        return c.sources();
    }

    private PriceAnswer withRest(TradePair pair, long atMs, List<PriceSource> streamed, List<PriceSource> rest) {
        List<PriceSource> all = new ArrayList<>(streamed.size() + rest.size());
        all.addAll(streamed);
        all.addAll(rest);
        List<PriceSource> sorted = Selection.byDistance(all, atMs);
        if (sorted.isEmpty()) {
            throw new NoPriceException("no price available for " + pair.id());
        }
        return answer(pair, atMs, sorted);
    }

    /** What a closed market's REST look-up found, and until when that closure lasts. */
    private record ClosedRest(long atMs, long reopensMs, List<PriceSource> sources) {
    }

    /** Per provider, the buffered event closest to {@code atMs} (providers with none are left out). */
    private List<PriceSource> streamed(List<PriceProvider> enabled, TradePair pair, long atMs) {
        long now = clock.millis();
        List<PriceSource> streamed = new ArrayList<>(enabled.size());
        for (PriceProvider p : enabled) {
            PriceSource s = buffer.closest(p.name(), pair, atMs, now);
            if (s != null) {
                streamed.add(s);
            }
        }
        return streamed;
    }

    /**
     * {@link #price} for each pair, all at once under one REST budget (a batch of slow pairs takes one budget, not one
     * each); a pair without a price within it is empty. Pairs answered from the stream never leave the caller's thread.
     */
    public Uni<List<Optional<PriceAnswer>>> prices(List<TradePair> pairs, long atMs) {
        List<Lookup> lookups = new ArrayList<>(pairs.size());
        for (TradePair pair : pairs) {
            lookups.add(new Lookup(pair, atMs));
        }
        return pricesAt(lookups);
    }

    /** One (pair, instant) of a batch look-up. */
    public record Lookup(TradePair pair, long atMs) {
    }

    /**
     * {@link #price} for each (pair, instant), as {@link #prices} does for one instant: streamed answers from the
     * buffer (its 5 minutes), older or gapped instants from REST, all under one budget; empty when none arrived.
     */
    public Uni<List<Optional<PriceAnswer>>> pricesAt(List<Lookup> lookups) {
        List<Optional<PriceAnswer>> out = new ArrayList<>(lookups.size());
        List<Integer> missed = new ArrayList<>();
        for (Lookup l : lookups) {
            PriceAnswer fast = fromStream(l.pair(), l.atMs());
            if (fast == null) {
                missed.add(out.size());
            }
            out.add(Optional.ofNullable(fast));
        }
        // Only REST fallbacks become Unis: each one captures the request context, 13 % of a streamed batch's CPU
        if (missed.isEmpty()) {
            return Uni.createFrom().item(out);
        }
        List<Uni<Optional<PriceAnswer>>> rest = new ArrayList<>(missed.size());
        for (int i : missed) {
            Lookup l = lookups.get(i);
            rest.add(Uni.createFrom().item(() -> Optional.of(price(l.pair(), l.atMs())))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .onFailure(NoPriceException.class).recoverWithItem(Optional.empty())
                    .ifNoItem().after(budget).recoverWithItem(Optional.empty()));
        }
        return Uni.join().all(rest).andFailFast().map(answers -> {
            for (int k = 0; k < answers.size(); k++) {
                out.set(missed.get(k), answers.get(k));
            }
            return out;
        });
    }

    /** Best price at {@code atMs}: streamed within the gate, else streamed + REST within the budget. */
    public PriceAnswer price(TradePair pair, long atMs) {
        List<PriceProvider> enabled = providers.enabled();
        List<PriceSource> streamed = streamed(enabled, pair, atMs);
        List<PriceSource> sorted = Selection.byDistance(streamed, atMs);
        if (Selection.withinGate(sorted, gateMs)) {
            return answer(pair, atMs, sorted);
        }
        List<PriceSource> rest = reusableRest(pair, atMs);
        if (rest == null) {
            restFallbacks.increment();
            rest = new ArrayList<>();
            for (List<PriceSource> r : parallel(enabled, pair, p -> p.recentSources(pair, atMs))) {
                rest.addAll(r);
            }
            remember(pair, atMs, rest);
        }
        return withRest(pair, atMs, streamed, rest);
    }

    private void remember(TradePair pair, long atMs, List<PriceSource> rest) {
        if (closedReuseMs <= 0 || rest.isEmpty() || calendar.isOpen(pair, atMs)) {
            return;
        }
        Long reopens = calendar.status(pair, atMs).nextOpenMs();
        if (reopens != null) {
            closedRest.merge(pair, new ClosedRest(atMs, reopens, List.copyOf(rest)),
                    (old, now) -> now.atMs() >= old.atMs() ? now : old);
        }
    }

    /**
     * Historical close: 1 s bars within +-59 s, then 1 min bars within +-2 min (primary provider), then the second
     * provider's REST close; when the market is closed at {@code atMs}, the last event before the close.
     */
    public PriceAnswer close(TradePair pair, long atMs) {
        long now = clock.millis();
        List<PriceProvider> enabled = providers.enabled();
        if (!calendar.isOpen(pair, atMs)) {
            List<PriceSource> last = new ArrayList<>();
            for (PriceProvider p : enabled) {
                PriceSource s = buffer.latestAtOrBefore(p.name(), pair, atMs, now);
                if (s != null) {
                    last.add(s);
                }
            }
            if (last.isEmpty()) {
                for (Optional<PriceSource> q : parallel(enabled, pair, p -> p.quote(pair, atMs))) {
                    q.ifPresent(last::add);
                }
            }
            last.sort((a, b) -> Long.compare(b.endMs(), a.endMs()));
            if (last.isEmpty()) {
                throw new NoPriceException("no close available for " + pair.id());
            }
            return answer(pair, atMs, List.of(last.get(0).withLagTo(atMs)));
        }
        List<PriceProvider> chain = enabled.size() > 1 ? enabled.subList(0, 2) : enabled;
        for (PriceProvider p : chain) {
            if (!p.pairs().contains(pair)) {
                continue;
            }
            List<PriceSource> found = closeFrom(p, pair, atMs, Timespan.SECOND, SECOND_BAR_WINDOW_MS);
            if (found.isEmpty()) {
                found = closeFrom(p, pair, atMs, Timespan.MINUTE, MINUTE_BAR_WINDOW_MS);
            }
            if (!found.isEmpty()) {
                return answer(pair, atMs, found);
            }
        }
        throw new NoPriceException("no close available for " + pair.id());
    }

    private List<PriceSource> closeFrom(PriceProvider p, TradePair pair, long atMs, Timespan span, long window) {
        List<List<PriceSource>> r = parallel(List.of(p), pair, x -> x.candles(pair, atMs - window, atMs + window, span));
        if (r.isEmpty()) {
            return List.of();
        }
        List<PriceSource> kept = Selection.dropOutliers(r.get(0), OUTLIER_DEVIATION);
        List<PriceSource> within = new ArrayList<>();
        for (PriceSource c : kept) {
            if (c.distanceTo(atMs) <= window) {
                within.add(c);
            }
        }
        return Selection.byDistance(within, atMs);
    }

    /** Top of book: the nearest streamed quote within the gate, else the providers' REST quotes. */
    public QuoteAnswer quote(TradePair pair, long atMs) {
        long now = clock.millis();
        List<PriceSource> candidates = new ArrayList<>();
        for (PriceProvider p : providers.enabled()) {
            PriceSource s = buffer.closest(p.name(), pair, atMs, now);
            if (s != null && s.hasQuote()) {
                candidates.add(s);
            }
        }
        List<PriceSource> sorted = Selection.byDistance(candidates, atMs);
        if (!Selection.withinGate(sorted, gateMs)) {
            restFallbacks.increment();
            for (Optional<PriceSource> q : parallel(providers.enabled(), pair, p -> p.quote(pair, atMs))) {
                q.filter(PriceSource::hasQuote).ifPresent(candidates::add);
            }
            sorted = Selection.byDistance(candidates, atMs);
        }
        if (sorted.isEmpty()) {
            throw new NoPriceException("no quote available for " + pair.id());
        }
        PriceSource best = sorted.get(0);
        long ts = best.timeAt(atMs);
        long age = Math.abs(atMs - ts);
        boolean stale = age > catalog.stalenessLimitMs(pair);
        if (stale) {
            staleAnswers.increment();
        }
        return new QuoteAnswer(pair.id(), best.bid(), best.ask(), (best.bid() + best.ask()) / 2, ts, age, stale, best.source());
    }

    /** Candles of the first enabled provider that answers, outliers dropped. */
    public List<PriceSource> candles(TradePair pair, long fromMs, long toMs, Timespan span) {
        for (PriceProvider p : providers.enabled()) {
            if (!p.pairs().contains(pair)) {
                continue;
            }
            List<List<PriceSource>> r = parallel(List.of(p), pair, x -> x.candles(pair, fromMs, toMs, span));
            if (!r.isEmpty()) {
                return Selection.dropOutliers(r.get(0), OUTLIER_DEVIATION);
            }
        }
        throw new NoPriceException("no candles available for " + pair.id());
    }

    PriceAnswer answer(TradePair pair, long atMs, List<PriceSource> sorted) {
        PriceSource best = sorted.get(0);
        long ts = best.timeAt(atMs);
        long age = Math.abs(atMs - ts);
        long limit = catalog.stalenessLimitMs(pair);
        boolean stale = age > limit;
        if (stale) {
            staleAnswers.increment();
        }
        return new PriceAnswer(pair.id(), best.priceAt(atMs), ts, age, stale, limit, calendar.isOpen(pair, atMs),
                best.bid(), best.ask(), sorted);
    }

    interface RestCall<T> {
        T call(PriceProvider p) throws ProviderException;
    }

    /** {@link #fanOut}, waited for on the calling (worker) thread: never longer than the budget. */
    <T> List<T> parallel(List<PriceProvider> list, TradePair pair, RestCall<T> call) {
        return fanOut(list, pair, call).await().indefinitely();
    }

    /**
     * Calls every provider that prices the pair concurrently and keeps what arrives within the budget, in provider
     * order. Failures and late answers are logged and skipped; a late call is interrupted.
     */
    <T> Uni<List<T>> fanOut(List<PriceProvider> list, TradePair pair, RestCall<T> call) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<Uni<T>> calls = new ArrayList<>(list.size());
        for (PriceProvider p : list) {
            if (p.pairs().contains(pair)) {
                calls.add(restCall(p, pair, call, deadline));
            }
        }
        if (calls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(calls).andFailFast().map(r -> r.stream().filter(Objects::nonNull).toList());
    }

    private <T> Uni<T> restCall(PriceProvider p, TradePair pair, RestCall<T> call, long deadlineNanos) {
        AtomicReference<Future<?>> running = new AtomicReference<>();
        Uni<T> answer = Uni.createFrom().emitter(em -> running.set(restPool.submit(() -> {
            if (System.nanoTime() - deadlineNanos > 0) {
                em.complete(null); // waited out the budget in the queue: nobody wants the answer any more
                return;
            }
            try {
                em.complete(call.call(p));
            } catch (Exception e) {
                em.fail(e);
            }
        })));
        return answer
                .onCancellation().invoke(() -> interrupt(running.get()))
                .ifNoItem().after(budget).fail()
                .onFailure().recoverWithItem(e -> skipped(p, pair, e));
    }

    private static void interrupt(Future<?> running) {
        if (running != null) {
            running.cancel(true);
        }
    }

    private <T> T skipped(PriceProvider p, TradePair pair, Throwable e) {
        if (e instanceof TimeoutException) {
            Log.warnf("Provider %s REST call for %s exceeded the %d ms budget", p.name(), pair.id(), budget.toMillis());
        } else {
            Log.warnf("Provider %s REST call for %s failed: %s", p.name(), pair.id(), e.toString());
        }
        return null;
    }
}
