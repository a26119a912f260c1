package io.ptn.validator.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.domain.TradePair;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.config.TestClock;
import io.ptn.validator.service.RiskMonitor.Outcome;
import io.ptn.validator.service.RiskMonitor.SkipReason;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The risk round is per pair (PTN's mdd checker marks only positions whose market is open): a forex position over
 * the weekend, or one pair's stale price, leaves that pair at its last mark and never stops crypto being marked.
 */
@QuarkusTest
@TestProfile(RiskWeekendProfile.class)
@WithTestResource(PriceServiceResource.class)
class RiskMonitorPerPairTest {

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
    void aSaturdayRoundMarksCryptoAndLeavesForexAtItsLastMark() {
        TestClock.startAt(Instant.parse("2026-12-04T15:00:00Z")); // Friday, 10:00 New York: forex open
        PriceStubs.price(wm, "BTCUSD", 60000, 0, 0);
        Orders.place("m1", "BTCUSD", "LONG", 0.1).statusCode(201);
        PriceStubs.price(wm, "EURUSD", 1.10, 0, 0);
        Orders.place("m1", "EURUSD", "LONG", 1).statusCode(201);
        PriceStubs.price(wm, "ETHUSD", 3000, 0, 0);
        Orders.place("m2", "ETHUSD", "LONG", 0.1).statusCode(201);

        TestClock.startAt(Instant.parse("2026-12-05T12:00:00Z")); // Saturday: forex closed
        // EURUSD would be answered (a last close), ETHUSD's answer is stale: neither may be applied
        PriceStubs.batch(wm, false, "BTCUSD", 66000, "EURUSD", 1.20);
        RiskMonitor.RoundResult r = monitor.runRound();

        assertEquals(Outcome.COMPLETED, r.outcome());
        assertEquals(1, r.marked());
        assertEquals(Map.of(TradePair.EURUSD, SkipReason.MARKET_CLOSED, TradePair.ETHUSD, SkipReason.MISSING),
                r.skipped());
        given().get("/api/v1/miners/m1/positions").then().statusCode(200)
                .body("positions.find { it.tradePair == 'BTCUSD' }.markPrice", equalTo(66000.0))
                .body("positions.find { it.tradePair == 'EURUSD' }.markPrice", equalTo(1.10));
        given().get("/q/metrics").then()
                .body(containsString("validator_risk_pairs_skipped_total{pair=\"EURUSD\",reason=\"market_closed\"}"))
                .body(containsString("validator_risk_pairs_skipped_total{pair=\"ETHUSD\",reason=\"missing\"}"));
        given().get("/q/health").then().body(containsString("EURUSD=MARKET_CLOSED"));

        // a stale crypto price is skipped for that pair alone
        PriceStubs.batchOf(wm, PriceStubs.entry("BTCUSD", 67000, TestClock.nowMs(), false),
                PriceStubs.entry("ETHUSD", 2000, TestClock.nowMs() - 120_000, true));
        r = monitor.runRound();
        assertEquals(Outcome.COMPLETED, r.outcome());
        assertEquals(SkipReason.STALE, r.skipped().get(TradePair.ETHUSD));
        given().get("/api/v1/miners/m2/positions").then()
                .body("positions[0].markPrice", equalTo(3000.0));
        given().get("/api/v1/miners/m1/positions").then()
                .body("positions.find { it.tradePair == 'BTCUSD' }.markPrice", equalTo(67000.0));
    }
}
