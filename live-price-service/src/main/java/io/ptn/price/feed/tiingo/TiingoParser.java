package io.ptn.price.feed.tiingo;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.upstream.Json;
import io.ptn.price.feed.upstream.PriceChecks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads Tiingo's documented answers (fx/top, crypto/top, iex, fx/prices, crypto/prices, iex/.../prices). */
final class TiingoParser {

    static final String SOURCE = "tiingo_rest";
    /** A top-of-book older than this is not news any more (and the buffer keeps 5 minutes). */
    static final long MAX_AGE_MS = 300_000;

    private static final Map<String, TradePair> BY_TICKER = Arrays.stream(TradePair.values())
            .filter(p -> TiingoMarket.of(p).isPresent())
            .collect(Collectors.toMap(TiingoMarket::ticker, p -> p));

    /** One row of a top-of-book answer: a usable source, or why it is not usable. */
    record Row(TradePair pair, PriceSource source, String problem) {
    }

    private TiingoParser() {
    }

    static TradePair pair(String ticker) {
        return ticker == null ? null : BY_TICKER.get(ticker.toLowerCase(Locale.ROOT));
    }

    /** Rows for the pairs we know; null when the answer itself is not a list. */
    static List<Row> top(TiingoMarket market, JsonNode root, long nowMs) {
        if (root == null || !root.isArray()) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode n : root) {
            String ticker = Json.text(n, "ticker");
            if (ticker == null) {
                rows.add(new Row(null, null, "row without ticker"));
                continue;
            }
            TradePair pair = pair(ticker);
            if (pair == null) {
                continue;
            }
            PriceSource s = switch (market) {
                case FOREX -> forex(n);
                case CRYPTO -> crypto(n, nowMs);
                case EQUITIES -> equity(n, nowMs);
            };
            String problem = s == null ? "missing fields" : PriceChecks.problem(s, nowMs);
            if (problem == null && s.startMs() < nowMs - MAX_AGE_MS) {
                problem = "timestamp too old";
            }
            rows.add(new Row(pair, problem == null ? s : null, problem == null ? null : ticker + ": " + problem));
        }
        return rows;
    }

    private static PriceSource forex(JsonNode n) {
        double bid = Json.num(n, "bidPrice");
        double ask = Json.num(n, "askPrice");
        long t = Json.isoMs(n, "quoteTimestamp");
        if (Double.isNaN(bid) || Double.isNaN(ask) || t < 0) {
            return null;
        }
        double mid = Json.num(n, "midPrice");
        return PriceSource.tick(SOURCE, PriceChecks.positive(mid) ? mid : (bid + ask) / 2, t, false, bid, ask);
    }

    private static PriceSource crypto(JsonNode n, long nowMs) {
        JsonNode book = n.get("topOfBookData");
        if (book == null || !book.isArray() || book.isEmpty()) {
            return null;
        }
        JsonNode b = book.get(0);
        double last = Json.num(b, "lastPrice");
        long t = Json.isoMs(b, "lastSaleTimestamp");
        if (Double.isNaN(last) || t < 0) {
            return null;
        }
        return withBook(last, t, b, nowMs);
    }

    /**
     * The last price with the book beside it only when the book is usable: both sides positive, not crossed, and its
     * quote no older than {@link #MAX_AGE_MS}. Otherwise the last price alone (bid/ask 0): a side sent as 0 (IEX's
     * empty side) or a stale venue's quote crossing the book says nothing about the last sale.
     */
    private static PriceSource withBook(double last, long t, JsonNode n, long nowMs) {
        double bid = Json.num(n, "bidPrice");
        double ask = Json.num(n, "askPrice");
        long quoteMs = Json.isoMs(n, "quoteTimestamp");
        boolean usable = PriceChecks.positive(bid) && PriceChecks.positive(ask) && bid <= ask
                && (quoteMs < 0 || quoteMs >= nowMs - MAX_AGE_MS);
        return PriceSource.tick(SOURCE, last, t, false, usable ? bid : 0, usable ? ask : 0);
    }

    private static PriceSource equity(JsonNode n, long nowMs) {
        double last = Json.num(n, "tngoLast");
        if (Double.isNaN(last)) {
            last = Json.num(n, "last");
        }
        long t = Json.isoMs(n, "lastSaleTimestamp");
        if (t < 0) {
            t = Json.isoMs(n, "timestamp");
        }
        if (Double.isNaN(last) || t < 0) {
            return null;
        }
        return withBook(last, t, n, nowMs); // IEX has no book outside the session
    }

    /**
     * Bars of a prices answer (all three shapes) for {@code ticker}; rows of other tickers are skipped, broken bars
     * are left out and counted in {@code broken[0]}.
     */
    static List<PriceSource> bars(TiingoMarket market, JsonNode root, String ticker, long spanMs, long nowMs,
                                  int[] broken) {
        List<PriceSource> out = new ArrayList<>();
        if (root == null || !root.isArray()) {
            broken[0]++;
            return out;
        }
        List<JsonNode> rows = new ArrayList<>();
        if (market == TiingoMarket.CRYPTO) {
            for (JsonNode t : root) {
                if (!ticker.equalsIgnoreCase(String.valueOf(Json.text(t, "ticker")))) {
                    continue;
                }
                JsonNode data = t.get("priceData");
                if (data != null && data.isArray()) {
                    data.forEach(rows::add);
                }
            }
        } else {
            for (JsonNode r : root) {
                String rowTicker = Json.text(r, "ticker"); // fx rows name their ticker, IEX rows do not
                if (rowTicker == null || ticker.equalsIgnoreCase(rowTicker)) {
                    rows.add(r);
                }
            }
        }
        for (JsonNode r : rows) {
            long start = Json.isoMs(r, "date");
            PriceSource s = new PriceSource(SOURCE, spanMs, Json.num(r, "open"), Json.num(r, "close"),
                    Json.num(r, "high"), Json.num(r, "low"), null, start, false, 0, 0, 0);
            if (PriceChecks.problem(s, nowMs) == null) {
                out.add(s);
            } else {
                broken[0]++;
            }
        }
        return out;
    }
}
