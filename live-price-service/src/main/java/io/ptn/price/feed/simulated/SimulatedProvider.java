package io.ptn.price.feed.simulated;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;
import io.ptn.price.config.PriceConfig;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.StreamSink;
import io.ptn.price.feed.Timespan;
import io.ptn.price.service.PairCatalog;
import io.quarkus.logging.Log;

/**
 * The built-in offline feed: one stream per category ticking {@code price.simulated.ticks-per-second} per pair while
 * the pair's market is open, and REST answers aggregated from exactly those ticks (see {@link RandomWalk}).
 * {@link #halt()} / {@link #resume()} simulate an upstream outage (used by tests and drills).
 */
@ApplicationScoped
public class SimulatedProvider implements PriceProvider {

    public static final String NAME = "simulated";
    public static final String WS = "simulated_ws";
    public static final String REST = "simulated_rest";
    /** Never emit more than this many grid ticks in one turn (after a pause the stream resumes at now). */
    private static final int MAX_CATCH_UP = 40;
    /** How far back a quote looks for the last open minute. */
    private static final int QUOTE_LOOKBACK_MINUTES = 7 * 24 * 60;

    private final RandomWalk walk;
    private final MarketCalendar calendar;
    private final PriceConfig config;
    private final PairCatalog catalog;
    private volatile List<PriceStream> streams;
    private volatile boolean halted;
    private ScheduledExecutorService timer;

    private final InstantSource clock;

    public SimulatedProvider(PriceConfig config, PairCatalog catalog, InstantSource clock, MarketCalendar calendar) {
        this.calendar = calendar;
        this.clock = clock;
        this.config = config;
        this.catalog = catalog;
        this.walk = new RandomWalk(config.simulated().seed(), config.simulated().ticksPerSecond());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<TradePair> pairs() {
        return EnumSet.allOf(TradePair.class);
    }

    @Override
    public synchronized List<PriceStream> streams() {
        if (streams == null) {
            List<PriceStream> list = new ArrayList<>();
            for (TradePairCategory c : TradePairCategory.values()) {
                EnumSet<TradePair> ps = EnumSet.noneOf(TradePair.class);
                for (TradePair p : catalog.enabled()) {
                    if (p.category() == c) {
                        ps.add(p);
                    }
                }
                if (!ps.isEmpty()) {
                    list.add(new Stream(c, ps));
                }
            }
            streams = Collections.unmodifiableList(list);
        }
        return streams;
    }

    /** Simulates an outage: running streams close, restarts and REST calls fail until {@link #resume()}. */
    public void halt() {
        halted = true;
    }

    public void resume() {
        halted = false;
    }

    public boolean halted() {
        return halted;
    }

    public RandomWalk walk() {
        return walk;
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "simulated-feed");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    @PreDestroy
    synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void checkUp() throws ProviderException {
        if (halted) {
            throw new ProviderException(ProviderException.Kind.UNAVAILABLE, "simulated feed halted");
        }
    }

    private PriceSource tick(TradePair pair, long k, String source, boolean websocket) {
        double mid = walk.mid(pair, k);
        double half = walk.spreadBp(pair, k) / 20_000;
        return PriceSource.tick(source, mid, k * walk.periodMs(), websocket, mid * (1 - half), mid * (1 + half));
    }

    @Override
    public List<PriceSource> recentSources(TradePair pair, long targetMs) throws ProviderException {
        checkUp();
        long now = clock.millis();
        long t = Math.min(targetMs, now);
        List<PriceSource> out = new ArrayList<>(2);
        aggregate(pair, Math.floorDiv(t, 1000) * 1000, 1000, now).ifPresent(out::add);
        aggregate(pair, Math.floorDiv(t, 60_000) * 60_000, 60_000, now).ifPresent(out::add);
        if (out.isEmpty()) {
            quote(pair, t).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<PriceSource> candles(TradePair pair, long fromMs, long toMs, Timespan span) throws ProviderException {
        checkUp();
        long now = clock.millis();
        long len = span.millis();
        List<PriceSource> out = new ArrayList<>();
        for (long start = Math.floorDiv(fromMs, len) * len; start <= Math.min(toMs, now); start += len) {
            aggregate(pair, start, len, now).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<PriceSource> quote(TradePair pair, long atMs) throws ProviderException {
        checkUp();
        long t = Math.min(atMs, clock.millis());
        long period = walk.periodMs();
        long minute = Math.floorDiv(t, 60_000);
        for (int i = 0; i < QUOTE_LOOKBACK_MINUTES; i++, minute--) {
            if (calendar.isOpen(pair, minute * 60_000)) {
                long k = i == 0 ? Math.floorDiv(t, period) : Math.floorDiv(minute * 60_000 + 59_999, period);
                return Optional.of(tick(pair, k, REST, false));
            }
        }
        return Optional.empty();
    }

    /** One candle [start, start+len) from the grid ticks up to {@code now} at which the market was open. */
    private Optional<PriceSource> aggregate(TradePair pair, long start, long len, long now) {
        long period = walk.periodMs();
        long end = Math.min(start + len - 1, now);
        long first = Math.floorDiv(start + period - 1, period);
        long last = Math.floorDiv(end, period);
        double open = 0, close = 0, high = Double.NEGATIVE_INFINITY, low = Double.POSITIVE_INFINITY, sum = 0;
        int n = 0;
        long checkedMinute = Long.MIN_VALUE;
        boolean open0 = false;
        for (long k = first; k <= last; k++) {
            long t = k * period;
            long minute = Math.floorDiv(t, 60_000);
            if (minute != checkedMinute) {
                checkedMinute = minute;
                open0 = calendar.isOpen(pair, minute * 60_000);
            }
            if (!open0) {
                continue;
            }
            double p = walk.mid(pair, k);
            if (n == 0) {
                open = p;
            }
            close = p;
            high = Math.max(high, p);
            low = Math.min(low, p);
            sum += p;
            n++;
        }
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(new PriceSource(REST, len, open, close, high, low, sum / n, start, false, 0, 0, 0));
    }

    /** All pairs of one category; ticks on the provider's timer while their market is open. */
    final class Stream implements PriceStream {
        private final TradePairCategory category;
        private final Set<TradePair> pairs;
        private volatile ScheduledFuture<?> task;
        private long lastK;

        Stream(TradePairCategory category, Set<TradePair> pairs) {
            this.category = category;
            this.pairs = Collections.unmodifiableSet(pairs);
        }

        @Override
        public String id() {
            return NAME + ":" + category.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String provider() {
            return NAME;
        }

        @Override
        public Set<TradePair> pairs() {
            return pairs;
        }

        @Override
        public synchronized void start(StreamSink sink) {
            if (halted) {
                throw new IllegalStateException("simulated feed halted");
            }
            stop();
            long period = walk.periodMs();
            lastK = Math.floorDiv(clock.millis(), period) - 1;
            sink.onConnected();
            task = timer().scheduleAtFixedRate(() -> emit(sink), 0, period, TimeUnit.MILLISECONDS);
        }

        private void emit(StreamSink sink) {
            try {
                if (halted) {
                    stop();
                    sink.onClosed("simulated feed halted", null);
                    return;
                }
                long k = Math.floorDiv(clock.millis(), walk.periodMs());
                long from = Math.max(lastK + 1, k - MAX_CATCH_UP + 1);
                for (long i = from; i <= k; i++) {
                    long t = i * walk.periodMs();
                    for (TradePair p : pairs) {
                        if (calendar.isOpen(p, t)) {
                            sink.onEvent(p, tick(p, i, WS, true));
                        }
                    }
                }
                lastK = Math.max(lastK, k);
            } catch (RuntimeException e) {
                // a throwing task would silently cancel itself; report it so the supervisor restarts us
                Log.warnf(e, "Simulated stream %s failed", id());
                stop();
                sink.onClosed("simulated stream failed", e);
            }
        }

        @Override
        public synchronized void stop() {
            ScheduledFuture<?> t = task;
            task = null;
            if (t != null) {
                t.cancel(false);
            }
        }
    }
}
