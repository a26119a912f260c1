package io.ptn.price.feed.tiingo;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.PriceStream;
import io.ptn.price.feed.ProviderException.Kind;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.Timespan;
import io.ptn.price.feed.upstream.ApiKey;
import io.ptn.price.feed.upstream.AuthorizationHeader;
import io.ptn.price.feed.upstream.PriceChecks;
import io.ptn.price.feed.upstream.ProviderHealth;
import io.ptn.price.feed.upstream.ReportsHealth;
import io.ptn.price.feed.upstream.RestGuard;
import io.ptn.price.feed.upstream.UpstreamClients;
import io.ptn.price.feed.upstream.UpstreamRest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Tiingo: no websocket; a top-of-book poller per market (forex, crypto, IEX equities) supervised like a stream, and
 * 1-minute history for the REST fallback and candles. 5 s per request.
 */
@ApplicationScoped
public class TiingoProvider implements PriceProvider, ReportsHealth {

    private final TiingoConfig config;
    private final Vertx vertx;
    private final LongSupplier clock;
    private final ApiKey key;
    private final RestGuard guard;
    private final UpstreamRest<TiingoApi> rest;
    private final MarketCalendar calendar;
    private volatile List<TiingoPoller> pollers;

    @Inject
    public TiingoProvider(TiingoConfig config, UpstreamClients upstream, InstantSource clock, MarketCalendar calendar) {
        this(config, upstream, clock::millis, calendar);
    }

    TiingoProvider(TiingoConfig config, UpstreamClients upstream, LongSupplier clock, MarketCalendar calendar) {
        this.calendar = calendar;
        this.config = config;
        this.vertx = upstream.vertx();
        this.clock = clock;
        this.key = new ApiKey("tiingo", config.apiKey(), config.apiKeyFile());
        this.guard = new RestGuard("tiingo", config.degradedAfter(), clock);
        this.rest = upstream.rest("tiingo", TiingoApi.class, config.restUrl(), config.restTimeout(),
                new AuthorizationHeader("Token", key), guard, clock);
    }

    @Override
    public String name() {
        return "tiingo";
    }

    @Override
    public Set<TradePair> pairs() {
        Set<TradePair> all = EnumSet.noneOf(TradePair.class);
        for (TiingoMarket m : TiingoMarket.values()) {
            all.addAll(m.pairs());
        }
        return all;
    }

    @Override
    public List<PriceStream> streams() {
        return List.copyOf(pollers());
    }

    private List<TiingoPoller> pollers() {
        List<TiingoPoller> p = pollers;
        if (p == null) {
            synchronized (this) {
                if (pollers == null) {
                    pollers = config.markets().stream()
                            .map(n -> TiingoMarket.byConfigName(n).orElseThrow(() ->
                                    new IllegalArgumentException("tiingo.markets: unknown market " + n)))
                            .sorted()
                            .map(m -> new TiingoPoller(vertx, clock, m, config, key, rest, calendar))
                            .toList();
                }
                p = pollers;
            }
        }
        return p;
    }

    /** REST state (shared by pollers and history calls) and each poller's state, for readiness data. */
    @Override
    public ProviderHealth health() {
        Map<String, ProviderState> states = new LinkedHashMap<>();
        List<TiingoPoller> p = pollers;
        if (p != null) {
            p.forEach(s -> states.put(s.id(), s.state()));
        }
        return guard.snapshot(states);
    }

    private TiingoMarket market(TradePair pair) throws ProviderException {
        return TiingoMarket.of(pair).orElseThrow(() -> new ProviderException(Kind.NOT_FOUND, "tiingo does not serve " + pair.id()));
    }

    @Override
    public List<PriceSource> candles(TradePair pair, long fromMs, long toMs, Timespan span) throws ProviderException {
        TiingoMarket market = market(pair);
        String freq = switch (span) {
            case SECOND -> throw new ProviderException(Kind.NOT_FOUND, "tiingo has no 1 s bars");
            case MINUTE -> "1min";
            case HOUR -> "1hour";
            case DAY -> {
                if (market == TiingoMarket.EQUITIES) {
                    throw new ProviderException(Kind.NOT_FOUND, "tiingo IEX has no daily bars here");
                }
                yield "1day";
            }
        };
        // Tiingo takes dates (YYYY-MM-DD), so ask for the covering days and keep [from, to].
        String start = Instant.ofEpochMilli(fromMs).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String end = Instant.ofEpochMilli(toMs).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String t = TiingoMarket.ticker(pair);
        String exchanges = config.cryptoExchanges();
        String url = switch (market) {
            case FOREX -> "/tiingo/fx/prices";
            case CRYPTO -> "/tiingo/crypto/prices";
            case EQUITIES -> "/iex/" + t + "/prices";
        };
        JsonNode root = rest.call(api -> switch (market) {
            case FOREX -> api.forexPrices(t, start, end, freq);
            case CRYPTO -> api.cryptoPrices(t, start, end, freq, exchanges);
            case EQUITIES -> api.iexPrices(t, start, end, freq);
        }, config.restTimeout().toMillis());
        if (root == null) {
            return List.of();
        }
        int[] broken = {0};
        List<PriceSource> bars = TiingoParser.bars(market, root, t, span.millis(), clock.getAsLong(), broken);
        if (bars.isEmpty() && broken[0] > 0) {
            ProviderException e = new ProviderException(Kind.BAD_DATA, "tiingo: no usable bar in the answer: GET " + url);
            guard.failure(e);
            throw e;
        }
        return bars.stream().filter(b -> b.endMs() >= fromMs && b.startMs() <= toMs)
                .sorted(Comparator.comparingLong(PriceSource::startMs)).toList();
    }

    /** 1-minute bars within 2 minutes of the target, nearest first. */
    @Override
    public List<PriceSource> recentSources(TradePair pair, long targetMs) throws ProviderException {
        return candles(pair, targetMs - 120_000, targetMs + 120_000, Timespan.MINUTE).stream()
                .map(s -> s.withLagTo(targetMs)).sorted(Comparator.comparingLong(PriceSource::lagMs)).toList();
    }

    /** The current top of book, when it is not after {@code atMs} and has both sides. */
    @Override
    public Optional<PriceSource> quote(TradePair pair, long atMs) throws ProviderException {
        TiingoMarket market = market(pair);
        String t = TiingoMarket.ticker(pair);
        String url = topPath(market);
        JsonNode root = rest.call(top(market, t, config.cryptoExchanges()), config.restTimeout().toMillis());
        List<TiingoParser.Row> rows = root == null ? List.of() : TiingoParser.top(market, root, clock.getAsLong());
        if (rows == null) {
            ProviderException e = new ProviderException(Kind.BAD_DATA, "tiingo: answer is not a list: GET " + url);
            guard.failure(e);
            throw e;
        }
        Optional<TiingoParser.Row> row = rows.stream().filter(r -> r.pair() == pair).findFirst();
        if (row.isPresent() && row.get().problem() != null) {
            ProviderException e = new ProviderException(Kind.BAD_DATA, "tiingo quote unusable (" + row.get().problem() + ")");
            guard.failure(e);
            throw e;
        }
        return row.map(TiingoParser.Row::source)
                .filter(PriceSource::hasQuote)
                .filter(s -> s.startMs() <= atMs + PriceChecks.MAX_FUTURE_MS)
                .map(s -> s.withLagTo(atMs));
    }

    /** The top-of-book request of one market, shared by quotes and the pollers. */
    static Function<TiingoApi, Uni<byte[]>> top(TiingoMarket market, String tickers, String cryptoExchanges) {
        return api -> switch (market) {
            case FOREX -> api.forexTop(tickers);
            case CRYPTO -> api.cryptoTop(tickers, cryptoExchanges);
            case EQUITIES -> api.iexTop(tickers);
        };
    }

    static String topPath(TiingoMarket market) {
        return switch (market) {
            case FOREX -> "/tiingo/fx/top";
            case CRYPTO -> "/tiingo/crypto/top";
            case EQUITIES -> "/iex/";
        };
    }

    @PreDestroy
    void close() {
        List<TiingoPoller> p = pollers;
        if (p != null) {
            p.forEach(TiingoPoller::stop);
        }
        rest.close();
    }

    @Override
    public String toString() {
        return "TiingoProvider[" + key + "]";
    }
}
