package io.ptn.validator.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.ptn.domain.TradePair;
import io.ptn.validator.FastFaultToleranceProfile;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceQuote;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** The price service failing in every way the client must survive; no order is ever filled without a fresh price. */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class)
@WithTestResource(PriceServiceResource.class)
class PriceFailureTest {

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    PriceCache cache;

    @Inject
    LivePriceClient client;

    @BeforeEach
    void reset() {
        wm.resetAll();
        breakers.resetAll();
        cache.clear();
    }

    private static void notTraded(String miner) {
        given().get("/api/v1/miners/" + miner).then().statusCode(404);
    }

    @Test
    void serverErrorIs503WithRetryAfterAndNothingWritten() {
        PriceStubs.status(wm, "BTCUSD", 500);
        Orders.place("m12", "BTCUSD", "LONG", 0.1).statusCode(503).header("Retry-After", equalTo("2"))
                .contentType("application/problem+json");
        notTraded("m12");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/prices/BTCUSD"))); // first try + one retry
    }

    @Test
    void timeoutIs503() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices/ETHUSD")).willReturn(aResponse().withFixedDelay(6000)
                .withHeader("Content-Type", "application/json")
                .withBody(PriceStubs.answer("ETHUSD", 3000, 0, 0, System.currentTimeMillis(), false))));
        // the @Timeout (1.5 s in this profile) cuts both attempts short of the 6 s delay; the read timeout is 4 s
        Orders.place("m13", "ETHUSD", "LONG", 0.1).statusCode(503);
        notTraded("m13");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/prices/ETHUSD")));
    }

    @Test
    void connectionResetIs503() {
        wm.stubFor(get(urlPathEqualTo("/api/v1/prices/SOLUSD")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Orders.place("m14", "SOLUSD", "LONG", 0.1).statusCode(503);
        notTraded("m14");
    }

    @Test
    void unknownPairAtThePriceServiceIs404AndDoesNotOpenTheCircuit() {
        PriceStubs.status(wm, "XRPUSD", 404);
        for (int i = 0; i < 6; i++) {
            Orders.place("m15", "XRPUSD", "LONG", 0.1).statusCode(404).body("field", equalTo("tradePair"));
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(LivePriceClient.BREAKER));
    }

    @Test
    void circuitOpensOnFailuresAndClosesAgainAfterItsDelay() {
        PriceStubs.status(wm, "BTCUSD", 503);
        Orders.place("m16", "BTCUSD", "LONG", 0.1).statusCode(503);
        Orders.place("m16", "BTCUSD", "LONG", 0.1).statusCode(503);
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(LivePriceClient.BREAKER));
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'live-price-service' }.data.circuit", equalTo("OPEN"));
        given().get("/q/health/ready").then().statusCode(200); // the price service never unroutes the validator

        PriceStubs.price(wm, "BTCUSD", 65000, 0, 0);
        wm.resetRequests();
        Orders.place("m16", "BTCUSD", "LONG", 0.1).statusCode(503).body("detail", containsString("no fresh price"));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/prices/BTCUSD"))); // open: not even tried

        Awaitility.await().pollDelay(Duration.ofMillis(FastFaultToleranceProfile.CIRCUIT_DELAY_MS))
                .atMost(Duration.ofSeconds(10)).untilAsserted(() -> Orders.place("m16", "BTCUSD", "LONG", 0.1).statusCode(201));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(LivePriceClient.BREAKER));
    }

    @Test
    void fallbackUsesTheCacheOnlyWhileItsPriceIsFresh() {
        PriceStubs.status(wm, "ADAUSD", 500);
        cache.offer(new PriceQuote(TradePair.ADAUSD, 0.41, 0, 0, System.currentTimeMillis() - 60_000, "simulated_ws", false));
        Orders.place("m17", "ADAUSD", "LONG", 0.1).statusCode(503);
        notTraded("m17");
        breakers.resetAll();
        cache.offer(new PriceQuote(TradePair.ADAUSD, 0.42, 0, 0, System.currentTimeMillis(), "simulated_ws", false));
        Orders.place("m17", "ADAUSD", "LONG", 0.1).statusCode(201).body("price", equalTo(0.42));
    }
}
