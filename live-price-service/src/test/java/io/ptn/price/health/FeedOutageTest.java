package io.ptn.price.health;

import io.ptn.price.feed.simulated.SimulatedProvider;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

/** A provider outage makes the instance unready (and prices 503) but never fails liveness. */
@QuarkusTest
@TestProfile(FeedOutageTest.ShortWindows.class)
public class FeedOutageTest {

    public static class ShortWindows implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("price.pairs.enabled", "BTCUSD,ETHUSD",
                    "price.staleness.default", "1500ms",
                    "price.buffer.window", "3000ms",
                    "price.selection.rest-budget", "1000ms",
                    "price.supervisor.backoff-initial", "100ms",
                    "price.supervisor.backoff-max", "500ms");
        }
    }

    @Inject
    SimulatedProvider simulated;

    @AfterEach
    void resume() {
        simulated.resume();
    }

    @Test
    void stoppingTheFeedTurnsReadinessDownAndLivenessStaysUp() {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 200);

        simulated.halt();

        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 503);
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'prices-fresh' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'prices-fresh' }.data.freshPairs", equalTo(0))
                .body("checks.find { it.name == 'prices-fresh' }.data.'stream.simulated:crypto'", not(containsString("CONNECTED")));
        given().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'feed-supervisor' }.status", equalTo("UP"));

        // once the buffer window has passed and REST is down too, there is no price at all
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/v1/prices/BTCUSD").statusCode() == 503);
        given().get("/api/v1/prices/BTCUSD").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503)).body("title", equalTo("Service Unavailable"));
        given().get("/api/v1/prices/BTCUSD/quote").then().statusCode(503).header("Retry-After", notNullValue());
        given().get("/api/v1/prices?pairs=BTCUSD").then().statusCode(200)
                .body("results[0].status", equalTo(503)).body("results[0].detail", equalTo("no price available"));
        given().get("/api/v1/prices/SOLUSD").then().statusCode(404).body("detail", equalTo("trade pair not enabled"));

        simulated.resume();
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        given().get("/api/v1/prices/BTCUSD").then().statusCode(200).body("stale", equalTo(false));
    }
}
