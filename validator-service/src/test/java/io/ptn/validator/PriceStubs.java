package io.ptn.validator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Locale;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.validator.config.TestClock;

/** Canned price-service answers in the contract's JSON shapes, stamped by the application's (test) clock. */
public final class PriceStubs {

    private PriceStubs() {
    }

    public static String answer(String pair, double price, double bid, double ask, long timestampMs, boolean stale) {
        long age = Math.max(0, TestClock.nowMs() - timestampMs);
        return String.format(Locale.ROOT, "{\"tradePair\":\"%s\",\"price\":%s,\"timestampMs\":%d,\"ageMs\":%d,"
                + "\"stale\":%s,\"stalenessLimitMs\":30000,\"marketOpen\":true,\"bid\":%s,\"ask\":%s,"
                + "\"sources\":[{\"source\":\"simulated_ws\",\"timespanMs\":0,\"open\":%s,\"close\":%s,\"high\":null,"
                + "\"low\":null,\"vwap\":null,\"startMs\":%d,\"websocket\":true,\"lagMs\":%d,\"bid\":%s,\"ask\":%s}]}",
                pair, price, timestampMs, age, stale, bid, ask, price, price, timestampMs, age, bid, ask);
    }

    /** A fresh price for the pair (bid/ask 0 = unknown). */
    public static void price(WireMockServer wm, String pair, double price, double bid, double ask) {
        priceAt(wm, pair, price, bid, ask, TestClock.nowMs(), false);
    }

    public static void priceAt(WireMockServer wm, String pair, double price, double bid, double ask, long ts, boolean stale) {
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices/" + pair)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(answer(pair, price, bid, ask, ts, stale))));
    }

    public static void status(WireMockServer wm, String pair, int status) {
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices/" + pair)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"x\",\"status\":" + status + "}")));
    }

    /** Batch answer: entries of pair/price (fresh, timestamp now unless stale). */
    public static void batch(WireMockServer wm, boolean stale, Object... pairAndPrice) {
        long now = TestClock.nowMs();
        String[] entries = new String[pairAndPrice.length / 2];
        for (int i = 0; i < pairAndPrice.length; i += 2) {
            entries[i / 2] = entry((String) pairAndPrice[i], ((Number) pairAndPrice[i + 1]).doubleValue(),
                    stale ? now - 120_000 : now, stale);
        }
        batchOf(wm, entries);
    }

    /** One pair's entry of a batch answer. */
    public static String entry(String pair, double price, long timestampMs, boolean stale) {
        return "{\"tradePair\":\"" + pair + "\",\"status\":200,\"price\":"
                + answer(pair, price, 0, 0, timestampMs, stale) + "}";
    }

    public static void batchOf(WireMockServer wm, String... entries) {
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"results\":[" + String.join(",", entries) + "]}")));
    }
}
