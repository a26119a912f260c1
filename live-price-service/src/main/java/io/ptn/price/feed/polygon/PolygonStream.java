package io.ptn.price.feed.polygon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.ProviderException;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.upstream.ApiKey;
import io.ptn.price.feed.upstream.Json;
import io.ptn.price.feed.upstream.PriceChecks;
import io.ptn.price.feed.upstream.UpstreamClients;
import io.ptn.price.feed.upstream.WebSocketStream;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * One Polygon websocket cluster (crypto XT trades, forex C quotes or stock T trades): connect, authenticate with
 * {@code {"action":"auth","params":key}}, subscribe to our pairs, parse events. {@code auth_failed} holds the stream
 * as UNAUTHORIZED; {@code max_connections}, or being closed for policy after a good start (another connection with
 * the same key took over), holds it as STANDBY (reported with {@code onStandby}, not as an auth failure) while REST
 * keeps answering. {@code force_disconnect} ends the connection as closed (the supervisor reconnects with backoff);
 * {@code slow_consumer} is logged and counted and the connection kept, and if Polygon then drops it, that is a close,
 * never a standby.
 *
 * <p>Trades follow PTN's {@code PolygonDataService.handle_msg}: crypto only from Coinbase ({@code x}=1), timed by
 * Polygon's receive time {@code r}, so venues' clocks never interleave; equities only from Nasdaq ({@code x}=12),
 * timed by {@code t}, Form T (condition 12) skipped.
 */
final class PolygonStream extends WebSocketStream {

    static final String SOURCE = "polygon_ws";
    /** Older events than this are useless to the 5-minute buffer; the sink would reject them too. */
    static final long MAX_AGE_MS = 300_000;

    private final PolygonMarket market;
    private final PolygonConfig config;
    private final ApiKey key;
    private final ObjectMapper mapper;
    private final Map<String, TradePair> bySymbol;
    private final AtomicLong droppedWideSpread = new AtomicLong();
    private final AtomicLong droppedOutOfHours = new AtomicLong();
    private final AtomicLong droppedOffVenue = new AtomicLong();
    private final AtomicLong slowConsumerWarnings = new AtomicLong();

    /* Event-loop state, reset at each connection. */
    private Map<TradePair, Long> lastTradeMs = new EnumMap<>(TradePair.class);
    private ForexSecondAggregator forex;
    private volatile boolean authenticated;
    /** Polygon said it found us too slow: a policy close that follows is that, not another replica's kick. */
    private volatile boolean slowConsumer;

    PolygonStream(UpstreamClients upstream, LongSupplier clock, PolygonMarket market, PolygonConfig config, ApiKey key,
                  ObjectMapper mapper) {
        super(upstream, clock, "polygon:" + market.configName(), "polygon", market.pairs());
        this.market = market;
        this.config = config;
        this.key = key;
        this.mapper = mapper;
        this.bySymbol = market.pairs().stream().collect(Collectors.toMap(market::wsSymbol, p -> p));
    }

    long droppedWideSpread() {
        return droppedWideSpread.get();
    }

    long droppedOutOfHours() {
        return droppedOutOfHours.get();
    }

    /** Trades from venues other than the configured ones (PTN keeps one venue per market). */
    long droppedOffVenue() {
        return droppedOffVenue.get();
    }

    /** {@code slow_consumer} statuses received. */
    long slowConsumerWarnings() {
        return slowConsumerWarnings.get();
    }

    @Override
    protected String url() throws ProviderException {
        key.get(); // fail fast (UNAUTHORIZED hold) when no key is configured; the key itself goes in the auth message
        String base = config.wsUrl().endsWith("/") ? config.wsUrl().substring(0, config.wsUrl().length() - 1) : config.wsUrl();
        return base + "/" + market.path();
    }

    @Override
    protected Duration holdOnMissingKey() {
        return config.unauthorizedRetry();
    }

    @Override
    protected void onOpen(Session session) {
        lastTradeMs = new EnumMap<>(TradePair.class);
        forex = new ForexSecondAggregator(SOURCE);
        authenticated = false;
        slowConsumer = false;
        ObjectNode auth = mapper.createObjectNode().put("action", "auth");
        try {
            auth.put("params", key.get());
        } catch (ProviderException e) {
            session.hold(ProviderState.UNAUTHORIZED, e.getMessage(), config.unauthorizedRetry(), Duration.ZERO);
            return;
        }
        session.send(auth.toString());
        if (market == PolygonMarket.FOREX) {
            periodic(session, 250, () -> forex.flushDue(clock.getAsLong())
                    .forEach(f -> session.emit(f.pair(), f.source())));
        }
    }

    private String subscribeMessage() {
        String params = bySymbol.keySet().stream().sorted().map(s -> market.channel() + "." + s)
                .collect(Collectors.joining(","));
        return mapper.createObjectNode().put("action", "subscribe").put("params", params).toString();
    }

    @Override
    protected void onText(Session session, String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            session.malformed("polygon " + market.configName() + ": malformed JSON");
            return;
        }
        if (root == null || !(root.isArray() || root.isObject())) {
            session.malformed("polygon " + market.configName() + ": not a JSON object or array");
            return;
        }
        if (root.isObject()) {
            onMessage(session, root);
        } else {
            for (JsonNode m : root) {
                if (!session.alive()) {
                    return;
                }
                onMessage(session, m);
            }
        }
    }

    private void onMessage(Session session, JsonNode m) {
        String ev = Json.text(m, "ev");
        if (ev == null) {
            session.malformed("polygon " + market.configName() + ": message without ev");
            return;
        }
        switch (ev) {
            case "status" -> onStatus(session, m);
            case "XT" -> onCryptoTrade(session, m);
            case "C" -> onForexQuote(session, m);
            case "T" -> onEquityTrade(session, m);
            default -> Log.debugf("%s: ignoring event type %s", id(), ev);
        }
    }

    private void onStatus(Session session, JsonNode m) {
        String status = String.valueOf(Json.text(m, "status"));
        String message = key.mask(String.valueOf(Json.text(m, "message")));
        switch (status) {
            case "auth_success" -> {
                authenticated = true;
                session.send(subscribeMessage());
                session.connected();
            }
            case "auth_failed" -> session.hold(ProviderState.UNAUTHORIZED,
                    "polygon " + market.configName() + ": not authorized (" + message + ")",
                    config.unauthorizedRetry(), Duration.ZERO);
            case "max_connections" -> session.hold(ProviderState.STANDBY,
                    "polygon " + market.configName() + ": another connection holds this key's " + market.configName()
                            + " stream (max_connections: " + message + "); standing by, REST still answers",
                    config.standbyRetry(), config.standbyJitter());
            // Polygon ends this connection: report it closed so the supervisor reconnects with its backoff
            case "force_disconnect" -> session.closed("polygon " + market.configName()
                    + ": force_disconnect from upstream (" + message + "); reconnecting with backoff", null);
            case "slow_consumer" -> {
                slowConsumer = true;
                slowConsumerWarnings.incrementAndGet();
                Log.warnf("%s: Polygon reports this consumer as slow (%s); keeping the connection", id(), message);
            }
            case "connected", "auth_timeout", "success" -> Log.debugf("%s: status %s %s", id(), status, message);
            default -> Log.infof("%s: status %s %s", id(), status, message);
        }
    }

    @Override
    protected void onUpstreamClose(Session session, Short code, String reason) {
        // Polygon closes the older connection with 1008 (policy violation) when a newer one with the same key
        // connects to the same cluster: treat that as "another replica took over", not as a fault to retry at once.
        if (authenticated && !slowConsumer && code != null && code == 1008) {
            session.hold(ProviderState.STANDBY, "polygon " + market.configName()
                            + ": closed by upstream for policy (another connection with this key took over"
                            + (reason == null || reason.isBlank() ? "" : ": " + key.mask(reason)) + "); standing by",
                    config.standbyRetry(), config.standbyJitter());
        } else {
            super.onUpstreamClose(session, code, reason == null ? null : key.mask(reason));
        }
    }

    private TradePair pair(Session session, JsonNode m, String field) {
        String symbol = Json.text(m, field);
        if (symbol == null) {
            session.malformed("polygon " + market.configName() + ": event without " + field);
            return null;
        }
        return bySymbol.get(symbol); // a symbol we did not ask for: ignored, not an error
    }

    private boolean checkTime(Session session, long t) {
        long now = clock.getAsLong();
        if (t <= 0) {
            session.malformed("polygon " + market.configName() + ": missing timestamp");
            return false;
        }
        if (t > now + PriceChecks.MAX_FUTURE_MS) {
            session.malformed("polygon " + market.configName() + ": timestamp in the future");
            return false;
        }
        if (t < now - MAX_AGE_MS) {
            session.malformed("polygon " + market.configName() + ": timestamp too old");
            return false;
        }
        return true;
    }

    private void trade(Session session, TradePair pair, double p, long t) {
        if (!PriceChecks.positive(p)) {
            session.malformed("polygon " + market.configName() + ": price missing or not positive");
            return;
        }
        if (!checkTime(session, t)) {
            return;
        }
        Long last = lastTradeMs.get(pair);
        if (last != null && t < last) {
            session.malformed("polygon " + market.configName() + ": out-of-order event");
            return;
        }
        lastTradeMs.put(pair, t);
        session.emit(pair, PriceSource.tick(SOURCE, p, t, true, 0, 0));
    }

    /** True when the trade's exchange id {@code x} is one we serve; counts the others. */
    private boolean fromVenue(JsonNode m, Set<Integer> venues) {
        JsonNode x = m.get("x");
        if (x != null && x.canConvertToInt() && venues.contains(x.intValue())) {
            return true;
        }
        droppedOffVenue.incrementAndGet();
        return false;
    }

    private void onCryptoTrade(Session session, JsonNode m) {
        TradePair pair = pair(session, m, "pair");
        if (pair != null && fromVenue(m, config.cryptoExchanges())) {
            trade(session, pair, Json.num(m, "p"), Json.lng(m, "r")); // r: Polygon's receive time, one clock
        }
    }

    private void onEquityTrade(Session session, JsonNode m) {
        TradePair pair = pair(session, m, "sym");
        if (pair == null || !fromVenue(m, config.equityExchanges())) {
            return;
        }
        JsonNode c = m.get("c");
        if (c != null && c.isArray()) {
            for (JsonNode code : c) {
                if (code.isInt() && config.equityExcludedConditions().contains(code.intValue())) {
                    droppedOutOfHours.incrementAndGet();
                    return;
                }
            }
        }
        trade(session, pair, Json.num(m, "p"), Json.lng(m, "t"));
    }

    private void onForexQuote(Session session, JsonNode m) {
        TradePair pair = pair(session, m, "p");
        if (pair == null) {
            return;
        }
        double bid = Json.num(m, "b");
        double ask = Json.num(m, "a");
        long t = Json.lng(m, "t");
        if (!PriceChecks.positive(bid) || !PriceChecks.positive(ask)) {
            session.malformed("polygon forex: bid/ask missing or not positive");
            return;
        }
        if (bid > ask) {
            session.malformed("polygon forex: bid above ask");
            return;
        }
        if (!checkTime(session, t)) {
            return;
        }
        double mid = (bid + ask) / 2;
        if ((ask - bid) / mid > config.forexMaxSpread()) {
            droppedWideSpread.incrementAndGet();
            return;
        }
        if (!forex.accepts(pair, t)) {
            session.malformed("polygon forex: out-of-order quote");
            return;
        }
        ForexSecondAggregator.Flushed done = forex.add(pair, bid, ask, t);
        if (done != null) {
            session.emit(done.pair(), done.source());
        }
    }

}
