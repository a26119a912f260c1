package io.ptn.price.feed.polygon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderException.Kind;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.Timespan;
import io.ptn.price.feed.upstream.ApiKey;
import io.ptn.price.feed.upstream.AuthorizationHeader;
import io.ptn.price.feed.upstream.Json;
import io.ptn.price.feed.upstream.PriceChecks;
import io.ptn.price.feed.upstream.ProviderHealth;
import io.ptn.price.feed.upstream.ReportsHealth;
import io.ptn.price.feed.upstream.RestGuard;
import io.ptn.price.feed.upstream.UpstreamClients;
import io.ptn.price.feed.upstream.UpstreamRest;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Polygon: one websocket per market (crypto XT trades, forex C quotes, stock T trades) plus REST aggregates, last
 * quote and previous close. Nothing is read or opened until the core starts a stream or asks REST.
 */
@ApplicationScoped
public class PolygonProvider implements PriceProvider, ReportsHealth {

    static final String REST_SOURCE = "polygon_rest";
    /** PTN names its closed-market price {@code polygon_rest_prev_close} ({@code agg_to_price_source}). */
    static final String PREV_CLOSE_SOURCE = "polygon_rest_prev_close";
    /** Indices Polygon serves under the I: prefix (FTSE and GDAXI are not on Polygon). */
    private static final Set<TradePair> INDICES = EnumSet.of(TradePair.SPX, TradePair.DJI, TradePair.NDX, TradePair.VIX);

    private final PolygonConfig config;
    private final UpstreamClients upstream;
    private final ObjectMapper mapper;
    private final LongSupplier clock;
    private final ApiKey key;
    private final RestGuard guard;
    private final UpstreamRest<PolygonApi> rest;
    private volatile List<PolygonStream> streams;

    @Inject
    public PolygonProvider(PolygonConfig config, UpstreamClients upstream, InstantSource clock) {
        this(config, upstream, clock::millis);
    }

    PolygonProvider(PolygonConfig config, UpstreamClients upstream, LongSupplier clock) {
        this.config = config;
        this.upstream = upstream;
        this.mapper = upstream.mapper();
        this.clock = clock;
        this.key = new ApiKey("polygon", config.apiKey(), config.apiKeyFile());
        this.guard = new RestGuard("polygon", config.degradedAfter(), clock);
        this.rest = upstream.rest("polygon", PolygonApi.class, config.restUrl(), config.restTimeout(),
                new AuthorizationHeader("Bearer", key), guard, clock);
    }

    @Override
    public String name() {
        return "polygon";
    }

    @Override
    public Set<TradePair> pairs() {
        Set<TradePair> all = EnumSet.copyOf(INDICES);
        Arrays.stream(PolygonMarket.values()).forEach(m -> all.addAll(m.pairs()));
        return all;
    }

    @Override
    public List<PriceStream> streams() {
        return List.copyOf(polygonStreams());
    }

    private List<PolygonStream> polygonStreams() {
        List<PolygonStream> s = streams;
        if (s == null) {
            synchronized (this) {
                if (streams == null) {
                    streams = config.markets().stream()
                            .map(name -> PolygonMarket.byConfigName(name).orElseThrow(() ->
                                    new IllegalArgumentException("polygon.markets: unknown market " + name)))
                            .sorted()
                            .map(m -> new PolygonStream(upstream, clock, m, config, key, mapper))
                            .toList();
                }
                s = streams;
            }
        }
        return s;
    }

    /** REST state and each stream's own view (STANDBY / UNAUTHORIZED holds), for readiness data. */
    @Override
    public ProviderHealth health() {
        Map<String, ProviderState> states = new LinkedHashMap<>();
        List<PolygonStream> s = streams;
        if (s != null) {
            s.forEach(st -> states.put(st.id(), st.state()));
        }
        return guard.snapshot(states);
    }

    /** Polygon ticker: X:BTCUSD, C:EURUSD, I:SPX, AAPL. */
    static Optional<String> ticker(TradePair pair) {
        String compact = pair.symbol().replace("/", "");
        return switch (pair.category()) {
            case CRYPTO -> Optional.of("X:" + compact);
            case FOREX -> Optional.of("C:" + compact);
            case EQUITIES -> Optional.of(compact);
            case INDICES -> INDICES.contains(pair) ? Optional.of("I:" + pair.id()) : Optional.empty();
        };
    }

    private String tickerOrThrow(TradePair pair) throws ProviderException {
        return ticker(pair).orElseThrow(() -> new ProviderException(Kind.NOT_FOUND, "polygon does not serve " + pair.id()));
    }

    @Override
    public List<PriceSource> candles(TradePair pair, long fromMs, long toMs, Timespan span) throws ProviderException {
        return aggs(tickerOrThrow(pair), fromMs, toMs, span, config.restTimeout().toMillis());
    }

    private List<PriceSource> aggs(String ticker, long fromMs, long toMs, Timespan span, long timeoutMs)
            throws ProviderException {
        String timespan = span.name().toLowerCase();
        String url = "/v2/aggs/ticker/" + ticker + "/range/1/" + timespan + "/" + fromMs + "/" + toMs;
        JsonNode root = rest.call(api -> api.aggregates(ticker, timespan, fromMs, toMs), timeoutMs);
        if (root == null) {
            return List.of();
        }
        List<PriceSource> out = bars(root, span.millis(), url);
        out.sort(Comparator.comparingLong(PriceSource::startMs));
        return out;
    }

    /** Valid bars of an aggregates answer; BAD_DATA when the answer is an error or all of its bars are broken. */
    private List<PriceSource> bars(JsonNode root, long spanMs, String url) throws ProviderException {
        String status = Json.text(root, "status");
        if ("ERROR".equalsIgnoreCase(status) || "NOT_AUTHORIZED".equalsIgnoreCase(status)) {
            ProviderException e = new ProviderException("NOT_AUTHORIZED".equalsIgnoreCase(status)
                    ? Kind.UNAUTHORIZED : Kind.BAD_DATA, "polygon answered status " + status + ": GET " + url);
            guard.failure(e);
            throw e;
        }
        JsonNode results = root.get("results");
        if (results == null || !results.isArray()) {
            return new ArrayList<>();
        }
        long now = clock.getAsLong();
        List<PriceSource> out = new ArrayList<>();
        int broken = 0;
        for (JsonNode r : results) {
            PriceSource s = new PriceSource(REST_SOURCE, spanMs, Json.num(r, "o"), Json.num(r, "c"),
                    optional(r, "h"), optional(r, "l"), optional(r, "vw"), Json.lng(r, "t"), false, 0, 0, 0);
            String problem = PriceChecks.problem(s, now);
            if (problem == null) {
                out.add(s);
            } else {
                broken++;
                Log.debugf("polygon: dropped bar from %s: %s", url, problem);
            }
        }
        if (out.isEmpty() && broken > 0) {
            ProviderException e = new ProviderException(Kind.BAD_DATA, "polygon: every bar was invalid: GET " + url);
            guard.failure(e);
            throw e;
        }
        return out;
    }

    private static Double optional(JsonNode r, String field) {
        return r.has(field) && !r.get(field).isNull() ? Json.num(r, field) : null;
    }

    /**
     * 1 s bars within 10 s of the target, else 1 min bars within 2 min, else the previous day's bar; the whole call
     * stays within {@code polygon.rest-timeout}.
     */
    @Override
    public List<PriceSource> recentSources(TradePair pair, long targetMs) throws ProviderException {
        String ticker = tickerOrThrow(pair);
        long deadline = clock.getAsLong() + config.restTimeout().toMillis();
        List<PriceSource> found = aggs(ticker, targetMs - 10_000, targetMs + 10_000, Timespan.SECOND, remaining(deadline));
        if (found.isEmpty()) {
            found = aggs(ticker, targetMs - 120_000, targetMs + 120_000, Timespan.MINUTE, remaining(deadline));
        }
        if (found.isEmpty()) {
            // a close stamped after the target is not a price at the target
            found = previousClose(pair, remaining(deadline))
                    .filter(c -> c.startMs() <= targetMs + PriceChecks.MAX_FUTURE_MS).map(List::of).orElse(List.of());
        }
        return found.stream().map(s -> s.withLagTo(targetMs))
                .sorted(Comparator.comparingLong(PriceSource::lagMs)).toList();
    }

    private long remaining(long deadline) throws ProviderException {
        long left = deadline - clock.getAsLong();
        if (left <= 0) {
            ProviderException e = new ProviderException(Kind.TIMEOUT, "polygon: REST budget of "
                    + config.restTimeout().toMillis() + " ms used up");
            guard.failure(e);
            throw e;
        }
        return left;
    }

    /**
     * The previous session's close ({@code /v2/aggs/ticker/{ticker}/prev}) as a price at one instant: its {@code t}
     * is stamped at the session's end (16:00 New York for stocks, 23:59:59.999 UTC for forex), not at the start of a
     * 24 h bar, so the close at {@code t} is what it means. Read as a bar starting at {@code t} it would serve the
     * open after hours and, the next morning, a close stamped hours ahead.
     */
    public Optional<PriceSource> previousClose(TradePair pair) throws ProviderException {
        return previousClose(pair, config.restTimeout().toMillis());
    }

    private Optional<PriceSource> previousClose(TradePair pair, long timeoutMs) throws ProviderException {
        String ticker = tickerOrThrow(pair);
        String url = "/v2/aggs/ticker/" + ticker + "/prev";
        JsonNode root = rest.call(api -> api.previousClose(ticker), timeoutMs);
        if (root == null) {
            return Optional.empty();
        }
        // validated as the bar it is (high >= low, ...), then served as its close at t
        return bars(root, Timespan.DAY.millis(), url).stream().max(Comparator.comparingLong(PriceSource::startMs))
                .map(bar -> PriceSource.tick(PREV_CLOSE_SOURCE, bar.close(), bar.startMs(), false, 0, 0));
    }

    /** Forex: last quote; equities: NBBO; crypto and indices have no quote endpoint here. */
    @Override
    public Optional<PriceSource> quote(TradePair pair, long atMs) throws ProviderException {
        PriceSource q;
        if (pair.category() == TradePairCategory.FOREX) {
            String[] ccy = pair.symbol().split("/");
            String url = "/v1/last_quote/currencies/" + ccy[0] + "/" + ccy[1];
            JsonNode root = rest.call(api -> api.lastForexQuote(ccy[0], ccy[1]), config.restTimeout().toMillis());
            JsonNode last = root == null ? null : root.get("last");
            if (last == null) {
                return Optional.empty();
            }
            q = quoteSource(Json.num(last, "bid"), Json.num(last, "ask"), Json.lng(last, "timestamp"), url);
        } else if (pair.category() == TradePairCategory.EQUITIES) {
            String url = "/v2/last/nbbo/" + pair.symbol();
            JsonNode root = rest.call(api -> api.lastNbbo(pair.symbol()), config.restTimeout().toMillis());
            JsonNode r = root == null ? null : root.get("results");
            if (r == null) {
                return Optional.empty();
            }
            long ns = Json.lng(r, "t"); // SIP timestamp, nanoseconds
            q = quoteSource(Json.num(r, "p"), Json.num(r, "P"), ns > 0 ? ns / 1_000_000 : -1, url);
        } else {
            return Optional.empty();
        }
        if (q.startMs() > atMs + PriceChecks.MAX_FUTURE_MS) {
            return Optional.empty(); // the last quote is after the time asked for
        }
        return Optional.of(q.withLagTo(atMs));
    }

    private PriceSource quoteSource(double bid, double ask, long t, String url) throws ProviderException {
        double mid = (bid + ask) / 2;
        PriceSource s = PriceSource.tick(REST_SOURCE, mid, t, false, bid, ask);
        String problem = PriceChecks.problem(s, clock.getAsLong());
        if (problem != null) {
            ProviderException e = new ProviderException(Kind.BAD_DATA, "polygon quote unusable (" + problem + "): GET " + url);
            guard.failure(e);
            throw e;
        }
        return s;
    }

    /** Counts seen by the streams: wide forex spreads, out-of-hours and off-venue trades, slow_consumer statuses. */
    public Map<String, Long> dropCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        List<PolygonStream> s = streams;
        if (s != null) {
            s.forEach(st -> m.put(st.id() + ".droppedWideSpread", st.droppedWideSpread()));
            s.forEach(st -> m.put(st.id() + ".droppedOutOfHours", st.droppedOutOfHours()));
            s.forEach(st -> m.put(st.id() + ".droppedOffVenue", st.droppedOffVenue()));
            s.forEach(st -> m.put(st.id() + ".slowConsumer", st.slowConsumerWarnings()));
        }
        return m;
    }

    @PreDestroy
    void close() {
        List<PolygonStream> s = streams;
        if (s != null) {
            s.forEach(PolygonStream::stop);
        }
        rest.close();
    }

    @Override
    public String toString() {
        return "PolygonProvider[" + key + ", markets=" + config.markets().stream().collect(Collectors.joining(",")) + "]";
    }
}
