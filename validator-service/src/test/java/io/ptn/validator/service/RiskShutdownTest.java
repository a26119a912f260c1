package io.ptn.validator.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.ptn.validator.config.TestClock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Shutdown during a risk round: the round stops at its next step, writes nothing more and logs no failure (it used
 * to run on into beans already destroyed). Its own application: the shutdown signalled here stays with it.
 */
@QuarkusTest
@TestProfile(RiskShutdownProfile.class)
@WithTestResource(PriceServiceResource.class)
class RiskShutdownTest {

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
    void aRoundInFlightWhenShutdownBeginsWritesNothingMore() throws Exception {
        TestClock.startAt(Instant.parse("2026-12-02T13:00:00Z")); // a Wednesday
        long now = TestClock.nowMs();
        // a fill from a REST bar: the round looks it up to correct it, then marks the position
        String bar = FillCorrectionTest.source("polygon_rest", 1000, 60_000, 60_010, now - 6_000, false, 0, 0);
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices/BTCUSD")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(FillCorrectionTest.answer("BTCUSD", 60_010, now - 5_001, false, bar))));
        long t = Orders.place("m1", "BTCUSD", "LONG", 0.3).statusCode(201).extract().jsonPath().getLong("processedMs");
        TestClock.advance(2_000);
        String tick = FillCorrectionTest.source("polygon_ws", 0, 59_950, 59_950, t - 150, true, 59_949, 59_951);
        // the look-up answers after 1 s (the CorrectionProfile's timeout is 2 s): shutdown begins meanwhile
        wm.stubFor(post(urlPathEqualTo("/api/v1/prices/at")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(1_000).withHeader("Content-Type", "application/json")
                .withBody("{\"results\":[" + FillCorrectionTest.lookupEntry("BTCUSD", t,
                        FillCorrectionTest.answer("BTCUSD", 59_950, t - 150, false, tick, bar)) + "]}")));
        PriceStubs.batch(wm, false, "BTCUSD", 60_100);
        wm.resetRequests();

        CompletableFuture<RiskMonitor.RoundResult> round = CompletableFuture.supplyAsync(monitor::runRound);
        long deadline = System.currentTimeMillis() + 5_000;
        while (wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/prices/at"))).isEmpty()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/prices/at"))).size(),
                "the round was looking up the fill's sources");
        monitor.stop(new ShutdownEvent());
        RiskMonitor.RoundResult r = round.get(10, TimeUnit.SECONDS);

        assertEquals(RiskMonitor.Outcome.SKIPPED, r.outcome(), r.toString());
        assertTrue(r.reason().startsWith(RiskMonitor.SHUTTING_DOWN), r.reason());
        assertEquals(0, r.corrections().size(), r.toString());
        // neither the answered look-up nor a mark was written, and no batch of marks was asked for
        given().get("/api/v1/miners/m1/positions").then().statusCode(200)
                .body("positions[0].orders[0].basePrice", equalTo(60_010.0))
                .body("positions[0].orders[0].correctedAtMs", nullValue());
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/prices")));

        // and no round starts after it
        assertEquals(RiskMonitor.SHUTTING_DOWN, monitor.runRound().reason());
        assertEquals(1, wm.findAll(postRequestedFor(urlPathEqualTo("/api/v1/prices/at"))).size());
    }
}
