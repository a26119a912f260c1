package io.ptn.price.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
public class ObservabilityTest {

    @Test
    void livenessAndReadinessAreUpWithPerStreamData() {
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.name", hasItem("feed-supervisor"))
                .body("checks.find { it.name == 'feed-supervisor' }.data.heartbeatAgeMs", notNullValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'prices-fresh' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'prices-fresh' }.data.'stream.simulated:crypto'", containsString("state=CONNECTED"));
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void openApiDescribesTheEndpoints() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/prices/{id}"))
                .body(containsString("/api/v1/candles/{id}"))
                .body(containsString("/api/v1/trade-pairs"));
    }

    @Test
    void metricsExposeFeedCounters() {
        given().get("/api/v1/prices/BTCUSD?at=" + (System.currentTimeMillis() - 600_000)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("price_ticks_total{provider=\"simulated\"}"))
                .body(containsString("price_tick_lag_ms"))
                .body(containsString("price_stream_reconnects_total"))
                .body(containsString("price_rest_fallbacks_total"))
                .body(containsString("price_answers_stale_total")));
    }
}
