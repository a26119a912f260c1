package io.ptn.price.feed.coinbase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.upstream.Json;
import io.ptn.price.feed.upstream.PriceChecks;
import io.ptn.price.feed.upstream.UpstreamClients;
import io.ptn.price.feed.upstream.WebSocketStream;
import io.quarkus.logging.Log;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Coinbase Exchange's public {@code ticker} channel: one message per trade with the last price and the best bid/ask.
 * No key; connected once the {@code subscriptions} confirmation arrives. The first ticker of a product after
 * subscribing may come without {@code time} and {@code trade_id} (the state at subscription, not a trade); it is
 * served at the time we received it, read from the injected clock. Any later ticker without a time is malformed.
 */
final class CoinbaseStream extends WebSocketStream {

    static final String SOURCE = "coinbase_ws";
    static final long MAX_AGE_MS = 300_000;

    private final CoinbaseConfig config;
    private final ObjectMapper mapper;
    private Map<TradePair, long[]> last = new EnumMap<>(TradePair.class); // {sequence, timeMs}; event loop only

    CoinbaseStream(UpstreamClients upstream, LongSupplier clock, CoinbaseConfig config, ObjectMapper mapper) {
        super(upstream, clock, "coinbase:crypto", "coinbase", CoinbaseProducts.pairs());
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    protected String url() {
        return config.wsUrl();
    }

    @Override
    protected void onOpen(Session session) {
        last = new EnumMap<>(TradePair.class);
        ObjectNode sub = mapper.createObjectNode().put("type", "subscribe");
        var ids = sub.putArray("product_ids");
        pairs().stream().sorted().forEach(p -> ids.add(CoinbaseProducts.id(p).orElseThrow()));
        sub.putArray("channels").add("ticker");
        session.send(sub.toString());
    }

    @Override
    protected void onText(Session session, String text) {
        JsonNode m;
        try {
            m = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            session.malformed("coinbase: malformed JSON");
            return;
        }
        String type = Json.text(m, "type");
        if (type == null) {
            session.malformed("coinbase: message without type");
            return;
        }
        switch (type) {
            case "subscriptions" -> session.connected();
            case "ticker" -> onTicker(session, m);
            case "error" -> {
                Log.warnf("coinbase: error from feed: %s %s", Json.text(m, "message"), Json.text(m, "reason"));
                session.malformed("coinbase: error message: " + Json.text(m, "message"));
            }
            default -> Log.debugf("coinbase: ignoring %s", type);
        }
    }

    private void onTicker(Session session, JsonNode m) {
        String product = Json.text(m, "product_id");
        if (product == null) {
            session.malformed("coinbase: ticker without product_id");
            return;
        }
        TradePair pair = CoinbaseProducts.pair(product);
        if (pair == null) {
            return;
        }
        double price = Json.num(m, "price");
        long t = Json.isoMs(m, "time");
        double bid = Json.num(m, "best_bid");
        double ask = Json.num(m, "best_ask");
        long seq = Json.lng(m, "sequence");
        long[] prev = last.get(pair);
        JsonNode time = m.get("time");
        if (prev == null && (time == null || time.isNull())) {
            t = clock.getAsLong(); // the snapshot after subscribe: as of now, the only time it can have
        }
        if (Double.isNaN(price) || t < 0) {
            session.malformed("coinbase: ticker without price or time");
            return;
        }
        boolean quoted = !Double.isNaN(bid) && !Double.isNaN(ask);
        PriceSource s = PriceSource.tick(SOURCE, price, t, true, quoted ? bid : 0, quoted ? ask : 0);
        String problem = PriceChecks.problem(s, clock.getAsLong());
        if (problem == null && t < clock.getAsLong() - MAX_AGE_MS) {
            problem = "timestamp too old";
        }
        if (problem != null) {
            session.malformed("coinbase " + product + ": " + problem);
            return;
        }
        if (prev != null && ((seq >= 0 && seq <= prev[0]) || t < prev[1])) {
            session.malformed("coinbase " + product + ": out-of-order ticker");
            return;
        }
        last.put(pair, new long[]{seq, t});
        session.emit(pair, s);
    }
}
