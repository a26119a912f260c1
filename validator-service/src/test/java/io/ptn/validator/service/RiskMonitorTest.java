package io.ptn.validator.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.domain.TradePair;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.Slippage;
import io.ptn.validator.config.TestClock;
import io.ptn.validator.service.RiskMonitor.Outcome;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The risk monitor on scripted price paths: skip on stale, raise the high-water mark, eliminate, liquidate. */
@QuarkusTest
@TestProfile(RiskProfile.class)
@WithTestResource(PriceServiceResource.class)
class RiskMonitorTest {

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    @Inject
    RiskMonitor monitor;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void eliminatesAMinerMoreThanTenPercentBelowItsHighWaterMark() {
        TestClock.startAt(Instant.parse("2026-12-02T15:00:00Z")); // a Wednesday, forex open
        PriceStubs.price(wm, "BTCUSD", 60000, 0, 0);
        Orders.place("m22", "BTCUSD", "LONG", 0.5).statusCode(201);
        PriceStubs.price(wm, "ETHUSD", 3000, 0, 0);
        Orders.place("m23", "ETHUSD", "LONG", 0.1).statusCode(201);
        PriceStubs.price(wm, "EURUSD", 1.0, 0, 0);
        Orders.place("m24", "EURUSD", "LONG", 5).statusCode(201);

        // stale marks: the round is skipped and nothing moves
        PriceStubs.batch(wm, true, "BTCUSD", 30000, "ETHUSD", 3000, "EURUSD", 0.5);
        assertEquals(Outcome.SKIPPED, monitor.runRound().outcome());
        given().get("/api/v1/miners/m22").then().body("eliminated", equalTo(false));
        given().get("/q/metrics").then().body(containsString("validator_risk_rounds_total{outcome=\"skipped\""));

        // up 10 %: the high-water mark follows
        PriceStubs.batch(wm, false, "BTCUSD", 66000, "ETHUSD", 3000, "EURUSD", 1.0);
        assertEquals(Outcome.COMPLETED, monitor.runRound().outcome());
        // the entry carries PTN's crypto slippage for a 0.5 LONG
        double entry = 60000 * (1 + Slippage.of(TradePair.BTCUSD, 0, 0, 0.5, Slippage.MIN_ACCOUNT_SIZE, TestClock.nowMs()));
        double hwm = (1 + (66000 - entry) * 0.5 / entry) * (1 - 0.001 * 0.5);
        given().get("/api/v1/miners/m22").then().body("highWaterMark", closeTo(hwm, 1e-6))
                .body("drawdown", closeTo(0, 1e-9));

        // down to 52000: return 0.9333 x fee, more than 10 % below the mark -> eliminated, position closed;
        // EURUSD at 0.79 with 5x: return <= 0 -> liquidated
        PriceStubs.batch(wm, false, "BTCUSD", 52000, "ETHUSD", 3000, "EURUSD", 0.79);
        RiskMonitor.RoundResult r = monitor.runRound();
        assertEquals(Outcome.COMPLETED, r.outcome());
        given().get("/api/v1/eliminations").then().statusCode(200)
                .body("hotkey", hasItem("m22")).body("hotkey", not(hasItem("m23")))
                .body("find { it.hotkey == 'm22' }.drawdown", closeTo(1 - (1 - 8000.0 / 60000 * 0.5) / (1 + 0.05), 1e-4));
        given().get("/api/v1/miners/m22").then().body("eliminated", equalTo(true)).body("openPositions", equalTo(0));
        given().get("/api/v1/miners/m22/positions").then().body("positions[0].isClosed", equalTo(true))
                .body("positions[0].closeReason", equalTo("ELIMINATED"))
                .body("positions[0].markPrice", equalTo(52000.0))
                // PTN's elimination: a FLAT at the price of the check closes the position
                .body("positions[0].orders[1].orderType", equalTo("FLAT"))
                .body("positions[0].orders[1].source", equalTo("PRICE_FILLED_ELIMINATION_FLAT"))
                .body("positions[0].orders[1].basePrice", equalTo(52000.0));
        given().get("/api/v1/miners/m23").then().body("eliminated", equalTo(false)).body("openPositions", equalTo(1));
        PriceStubs.price(wm, "SOLUSD", 150, 0, 0);
        Orders.place("m22", "SOLUSD", "LONG", 0.1).statusCode(422).body("detail", containsString("eliminated"));

        assertEquals(1, r.liquidated());
        given().get("/api/v1/miners/m24/positions").then().body("positions[0].closeReason", equalTo("LIQUIDATED"))
                .body("positions[0].currentReturn", equalTo(0.0));
    }
}
