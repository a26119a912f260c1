package io.ptn.validator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Locale;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Canned price-service answers in the contract's JSON shapes. */
public final class PriceStubs {

    private PriceStubs() {
    }

    public static String answer(String pair, double price, double bid, double ask, long timestampMs, boolean stale) {
        long age = Math.max(0, System.currentTimeMillis() - timestampMs);
        return String.format(Locale.ROOT, "{\"tradePair\":\"%s\",\"price\":%s,\"timestampMs\":%d,\"ageMs\":%d,"
                + "\"stale\":%s,\"stalenessLimitMs\":30000,\"marketOpen\":true,\"bid\":%s,\"ask\":%s,"
                + "\"sources\":[{\"source\":\"simulated_ws\",\"timespanMs\":0,\"open\":%s,\"close\":%s,\"high\":null,"
                + "\"low\":null,\"vwap\":null,\"startMs\":%d,\"websocket\":true,\"lagMs\":%d,\"bid\":%s,\"ask\":%s}]}",
                pair, price, timestampMs, age, stale, bid, ask, price, price, timestampMs, age, bid, ask);
    }

    /** A fresh price for the pair (bid/ask 0 = unknown). */
    public static void price(WireMockServer wm, String pair, double price, double bid, double ask) {
        priceAt(wm, pair, price, bid, ask, System.currentTimeMillis(), false);
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
        StringBuilder sb = new StringBuilder("{\"results\":[");
        long now = System.currentTimeMillis();
        for (int i = 0; i < pairAndPrice.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            String pair = (String) pairAndPrice[i];
            double p = ((Number) pairAndPrice[i + 1]).doubleValue();
            sb.append("{\"tradePair\":\"").append(pair).append("\",\"status\":200,\"price\":")
                    .append(answer(pair, p, 0, 0, stale ? now - 120_000 : now, stale)).append('}');
        }
        sb.append("]}");
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(sb.toString())));
    }
}
