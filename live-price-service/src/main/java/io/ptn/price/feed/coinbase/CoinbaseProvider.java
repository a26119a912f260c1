package io.ptn.price.feed.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderException.Kind;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.Timespan;
import io.ptn.price.feed.upstream.Json;
import io.ptn.price.feed.upstream.PriceChecks;
import io.ptn.price.feed.upstream.ProviderHealth;
import io.ptn.price.feed.upstream.ReportsHealth;
import io.ptn.price.feed.upstream.RestGuard;
import io.ptn.price.feed.upstream.UpstreamClients;
import io.ptn.price.feed.upstream.UpstreamRest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Coinbase Exchange, keyless: the public ticker websocket for real crypto prices without paid keys, and public
 * REST candles (1 min / 1 h / 1 day; Coinbase has no 1 s candles) and ticker for the fallback.
 */
@ApplicationScoped
public class CoinbaseProvider implements PriceProvider, ReportsHealth {

    static final String REST_SOURCE = "coinbase_rest";
    /** Coinbase answers at most 300 candles per request. */
    static final int MAX_CANDLES = 300;
    /** Longest range one candles() call pages through (7 days of minutes is 34 pages). */
    static final int MAX_PAGES = 40;

    private final CoinbaseConfig config;
    private final UpstreamClients upstream;
    private final ObjectMapper mapper;
    private final LongSupplier clock;
    private final RestGuard guard;
    private final UpstreamRest<CoinbaseApi> rest;
    private volatile CoinbaseStream stream;

    @Inject
    public CoinbaseProvider(CoinbaseConfig config, UpstreamClients upstream, InstantSource clock) {
        this(config, upstream, clock::millis);
    }

    CoinbaseProvider(CoinbaseConfig config, UpstreamClients upstream, LongSupplier clock) {
        this.config = config;
        this.upstream = upstream;
        this.mapper = upstream.mapper();
        this.clock = clock;
        this.guard = new RestGuard("coinbase", config.degradedAfter(), clock);
        this.rest = upstream.rest("coinbase", CoinbaseApi.class, config.restUrl(), config.restTimeout(), null, guard, clock);
    }

    @Override
    public String name() {
        return "coinbase";
    }

    @Override
    public Set<TradePair> pairs() {
        return CoinbaseProducts.pairs();
    }

    @Override
    public List<PriceStream> streams() {
        return List.of(coinbaseStream());
    }

    CoinbaseStream coinbaseStream() {
        CoinbaseStream s = stream;
        if (s == null) {
            synchronized (this) {
                if (stream == null) {
                    stream = new CoinbaseStream(upstream, clock, config, mapper);
                }
                s = stream;
            }
        }
        return s;
    }

    /** REST state and the websocket's own state, for readiness data. */
    @Override
    public ProviderHealth health() {
        Map<String, ProviderState> states = new LinkedHashMap<>();
        CoinbaseStream s = stream;
        if (s != null) {
            states.put(s.id(), s.state());
        }
        return guard.snapshot(states);
    }

    private String product(TradePair pair) throws ProviderException {
        return CoinbaseProducts.id(pair).orElseThrow(() -> new ProviderException(Kind.NOT_FOUND, "coinbase does not list " + pair.id()));
    }

    @Override
    public List<PriceSource> candles(TradePair pair, long fromMs, long toMs, Timespan span) throws ProviderException {
        return candles(pair, fromMs, toMs, span, clock.getAsLong() + config.restTimeout().toMillis() * MAX_PAGES);
    }

    private List<PriceSource> candles(TradePair pair, long fromMs, long toMs, Timespan span, long deadline)
            throws ProviderException {
        String product = product(pair);
        if (span == Timespan.SECOND) {
            throw new ProviderException(Kind.NOT_FOUND, "coinbase has no 1 s candles");
        }
        long gran = span.millis() / 1000;
        long pageMs = span.millis() * MAX_CANDLES;
        long firstStart = Math.floorDiv(fromMs, span.millis()) * span.millis();
        TreeMap<Long, PriceSource> byStart = new TreeMap<>();
        int broken = 0;
        int pages = 0;
        for (long start = firstStart; start <= toMs; start += pageMs) {
            if (++pages > MAX_PAGES) {
                throw new ProviderException(Kind.BAD_DATA, "coinbase: range too long for " + span + " candles");
            }
            String from = Instant.ofEpochMilli(start).toString();
            String until = Instant.ofEpochMilli(Math.min(toMs, start + pageMs - span.millis())).toString();
            String url = "/products/" + product + "/candles?granularity=" + gran + "&start=" + from + "&end=" + until;
            JsonNode root = rest.call(api -> api.candles(product, gran, from, until),
                    Math.min(config.restTimeout().toMillis(), remaining(deadline)));
            if (root == null) {
                continue;
            }
            if (!root.isArray()) {
                throw fail(new ProviderException(Kind.BAD_DATA, "coinbase: candles answer is not a list: GET " + url));
            }
            long now = clock.getAsLong();
            for (JsonNode c : root) {
                // [time (s), low, high, open, close, volume]
                if (!c.isArray() || c.size() < 5 || !c.get(0).isNumber()) {
                    broken++;
                    continue;
                }
                PriceSource s = new PriceSource(REST_SOURCE, span.millis(), c.get(3).asDouble(Double.NaN),
                        c.get(4).asDouble(Double.NaN), c.get(2).asDouble(Double.NaN), c.get(1).asDouble(Double.NaN),
                        null, c.get(0).asLong() * 1000, false, 0, 0, 0);
                if (PriceChecks.problem(s, now) == null) {
                    byStart.put(s.startMs(), s);
                } else {
                    broken++;
                }
            }
        }
        if (byStart.isEmpty() && broken > 0) {
            throw fail(new ProviderException(Kind.BAD_DATA, "coinbase: no usable candle in the answer"));
        }
        return byStart.values().stream().filter(s -> s.endMs() >= fromMs && s.startMs() <= toMs).toList();
    }

    /** 1-minute candles within 2 minutes of the target, plus the live ticker when the target is now; nearest first. */
    @Override
    public List<PriceSource> recentSources(TradePair pair, long targetMs) throws ProviderException {
        long deadline = clock.getAsLong() + config.restTimeout().toMillis();
        List<PriceSource> out = new ArrayList<>(candles(pair, targetMs - 120_000, targetMs + 120_000, Timespan.MINUTE, deadline));
        if (Math.abs(clock.getAsLong() - targetMs) <= 60_000) {
            ticker(pair, remaining(deadline)).ifPresent(out::add);
        }
        return out.stream().map(s -> s.withLagTo(targetMs)).sorted(Comparator.comparingLong(PriceSource::lagMs)).toList();
    }

    @Override
    public Optional<PriceSource> quote(TradePair pair, long atMs) throws ProviderException {
        return ticker(pair, config.restTimeout().toMillis())
                .filter(PriceSource::hasQuote)
                .filter(s -> s.startMs() <= atMs + PriceChecks.MAX_FUTURE_MS)
                .map(s -> s.withLagTo(atMs));
    }

    private Optional<PriceSource> ticker(TradePair pair, long timeoutMs) throws ProviderException {
        String product = product(pair);
        String url = "/products/" + product + "/ticker";
        JsonNode t = rest.call(api -> api.ticker(product), timeoutMs);
        if (t == null) {
            return Optional.empty();
        }
        double bid = Json.num(t, "bid");
        double ask = Json.num(t, "ask");
        boolean quoted = !Double.isNaN(bid) && !Double.isNaN(ask);
        PriceSource s = PriceSource.tick(REST_SOURCE, Json.num(t, "price"), Json.isoMs(t, "time"), false,
                quoted ? bid : 0, quoted ? ask : 0);
        String problem = PriceChecks.problem(s, clock.getAsLong());
        if (problem != null) {
            throw fail(new ProviderException(Kind.BAD_DATA, "coinbase ticker unusable (" + problem + "): GET " + url));
        }
        return Optional.of(s);
    }

    private long remaining(long deadline) throws ProviderException {
        long left = deadline - clock.getAsLong();
        if (left <= 0) {
            throw fail(new ProviderException(Kind.TIMEOUT, "coinbase: REST budget used up"));
        }
        return left;
    }

    private ProviderException fail(ProviderException e) {
        guard.failure(e);
        return e;
    }

    @PreDestroy
    void close() {
        CoinbaseStream s = stream;
        if (s != null) {
            s.stop();
        }
        rest.close();
    }
}
