package io.ptn.validator.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.config.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Orders whose outcome depends on the time they are placed, each at a fixed instant of the application's clock, so
 * they assert the same whatever day the suite runs on (no packaged-jar twin: the jar runs on the system clock).
 */
@QuarkusTest
@TestProfile(MarketHoursProfile.class)
@WithTestResource(PriceServiceResource.class)
class MarketHoursOrderTest {

    static final Instant WEDNESDAY_10_NY = Instant.parse("2026-12-02T15:00:00Z");
    static final Instant WEDNESDAY_1730_NY = Instant.parse("2026-12-02T22:30:00Z");
    static final Instant SATURDAY = Instant.parse("2026-12-05T12:00:00Z");

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void aForexOrderOnAStreamedTickFillsAtItsPriceWithTwoBasisPoints() {
        // PTN parse_appropriate_price: a streamed event fills at its price; V2 forex slippage 2 bp whatever the size
        TestClock.startAt(WEDNESDAY_10_NY);
        PriceStubs.price(wm, "EURUSD", 1.0850, 1.0849, 1.0851);
        Orders.place("m11", "EURUSD", "LONG", 1.0).statusCode(201)
                .body("basePrice", equalTo(1.0850))
                .body("slippage", closeTo(0.0002, 1e-15))
                .body("fillPrice", closeTo(1.0850 * 1.0002, 1e-12))
                .body("position.averageEntryPrice", closeTo(1.0850 * 1.0002, 1e-12));
    }

    @Test
    void aForexSecondCandleFillsALongAtTheAskAndAShortAtTheBidWithFiveBasisPointsAtTheRoll() {
        TestClock.startAt(WEDNESDAY_1730_NY); // 17:00-18:00 New York: 5 bp
        secondCandle("GBPUSD", 1.2700, 1.2699, 1.2702);
        Orders.place("m12", "GBPUSD", "LONG", 1.0).statusCode(201)
                .body("basePrice", equalTo(1.2702)).body("slippage", closeTo(0.0005, 1e-15));
        secondCandle("AUDUSD", 0.6500, 0.6499, 0.6502);
        Orders.place("m12", "AUDUSD", "SHORT", 1.0).statusCode(201)
                .body("basePrice", equalTo(0.6499))
                .body("fillPrice", closeTo(0.6499 * (1 - 0.0005), 1e-12));
    }

    @Test
    void onASaturdayForexIsClosedAndCryptoTrades() {
        TestClock.startAt(SATURDAY);
        PriceStubs.price(wm, "EURUSD", 1.0850, 1.0849, 1.0851);
        Orders.place("m13", "EURUSD", "LONG", 1.0).statusCode(422).body("field", equalTo("tradePair"))
                .body("detail", containsString("closed"));
        PriceStubs.price(wm, "BTCUSD", 60000, 0, 0);
        Orders.place("m13", "BTCUSD", "LONG", 0.1).statusCode(201);
    }

    @Test
    void thePortfolioCapCountsCryptoTenfoldAcrossCategoriesAndClampsTheOrderThatWouldPassIt() {
        TestClock.startAt(WEDNESDAY_10_NY);
        PriceStubs.price(wm, "BTCUSD", 60000, 0, 0);
        Orders.place("m14", "BTCUSD", "LONG", 0.5).statusCode(201); // counts 5 of the cap of 10
        PriceStubs.price(wm, "EURUSD", 1.0850, 0, 0);
        Orders.place("m14", "EURUSD", "LONG", 8).statusCode(201) // over the forex max (5) but the cap leaves 5
                .body("requestedLeverage", equalTo(8.0)).body("filledLeverage", closeTo(5.0, 1e-12))
                .body("position.netLeverage", closeTo(5.0, 1e-12));
        PriceStubs.price(wm, "GBPUSD", 1.27, 0, 0);
        Orders.place("m14", "GBPUSD", "LONG", 1).statusCode(422).body("field", equalTo("leverage"))
                .body("detail", containsString("portfolio"));
    }

    /** A price-service answer whose best source is a 1 s forex candle (REST, not streamed). */
    private void secondCandle(String pair, double price, double bid, double ask) {
        long start = TestClock.nowMs() - 1000;
        String body = String.format(Locale.ROOT, "{\"tradePair\":\"%s\",\"price\":%s,\"timestampMs\":%d,\"ageMs\":1000,"
                + "\"stale\":false,\"stalenessLimitMs\":30000,\"marketOpen\":true,\"bid\":%s,\"ask\":%s,"
                + "\"sources\":[{\"source\":\"polygon_rest\",\"timespanMs\":1000,\"open\":%s,\"close\":%s,\"high\":null,"
                + "\"low\":null,\"vwap\":null,\"startMs\":%d,\"websocket\":false,\"lagMs\":1,\"bid\":%s,\"ask\":%s}]}",
                pair, price, start + 999, bid, ask, price, price, start, bid, ask);
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices/" + pair)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }
}
