package io.ptn.price.feed.polygon;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The running service with {@code price.providers=polygon} against local Polygon stand-ins. */
@QuarkusTest
@QuarkusTestResource(value = PolygonUpstreamResource.class, restrictToAnnotatedClass = true)
class PolygonIntegrationTest {

    static final long BASE = 1_764_000_000_000L;

    @Test
    void streamedTradesReachThePriceApi() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Response r = given().get("/api/v1/prices/BTCUSD");
            return r.statusCode() == 200 && "polygon_ws".equals(r.path("sources[0].source"));
        });
        given().get("/api/v1/prices/BTCUSD").then().statusCode(200)
                .body("price", equalTo(86750.5f))
                .body("stale", equalTo(false))
                .body("sources[0].websocket", equalTo(true));
    }

    @Test
    void brokenFramesAreDroppedAndCountedInMetrics() {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/metrics").asString()
                .contains("price_events_rejected_total{provider=\"polygon\",reason=\"malformed\"}"));
        String metrics = given().get("/q/metrics").asString();
        String line = metrics.lines().filter(l -> l.startsWith("price_events_rejected_total{provider=\"polygon\",reason=\"malformed\"}"))
                .findFirst().orElseThrow();
        assertTrue(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) >= 2, line);
    }

    @Test
    void anAuthErrorIsVisibleInHealthWithoutAReconnectStorm() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health").asString()
                .contains("state=UNAUTHORIZED"));
        given().get("/q/health").then()
                .body(containsString("stream.polygon:forex"))
                .body(containsString("not authorized"));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'upstream-providers' }.data['stream.polygon:forex']", equalTo("UNAUTHORIZED"))
                .body("checks.find { it.name == 'upstream-providers' }.data['stream.polygon:crypto']", equalTo("CONNECTED"));
        // the supervisor retries every 300 ms here; the stream's hold answers without connecting
        Thread.sleep(2_000);
        assertEquals(1, PolygonUpstreamResource.FOREX_CONNECTIONS.get());
        assertEquals(1, PolygonUpstreamResource.CRYPTO_CONNECTIONS.get());
    }

    @Test
    void maxConnectionsIsAStandbyStateInHealthWithoutAReconnectStorm() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health").asString()
                .contains("state=STANDBY until="));
        String standby = given().get("/q/health").path("checks.find { it.name == 'prices-fresh' }.data['stream.polygon:equities']");
        assertTrue(standby.startsWith("state=STANDBY until="), standby);
        assertTrue(standby.contains("max_connections"), standby);
        assertFalse(standby.contains("UNAUTHORIZED"), standby);
        // the supervisor's backoff cap here is 300 ms: it must not apply to a stream on standby, so Polygon sees
        // exactly one connection on that cluster and the hold is not renewed by retries
        Thread.sleep(2_000);
        assertEquals(1, PolygonUpstreamResource.STOCKS_CONNECTIONS.get());
        String later = given().get("/q/health").path("checks.find { it.name == 'prices-fresh' }.data['stream.polygon:equities']");
        assertEquals(until(standby), until(later));
    }

    private static String until(String streamData) {
        return streamData.split(" ")[1];
    }

    @Test
    void restIsUsedWhenNoStreamedEventIsWithinTheGate() {
        // at = a time the stream never covered: the 1 s bars from REST answer
        given().get("/api/v1/prices/BTCUSD?at=" + (BASE + 500)).then().statusCode(200)
                .body("sources[0].source", equalTo("polygon_rest"))
                .body("sources[0].timespanMs", equalTo(1000))
                .body("timestampMs", equalTo(BASE + 999));
        // equities are not streamed here: 1 s bars are empty, so 1 min bars answer
        given().get("/api/v1/prices/AAPL?at=" + BASE).then().statusCode(200)
                .body("sources[0].source", equalTo("polygon_rest"))
                .body("sources[0].timespanMs", equalTo(60000))
                .body("price", equalTo(271.5f));
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
