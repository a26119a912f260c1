package io.ptn.price.health;

import io.ptn.price.feed.FeedSupervisor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A supervisor loop that stops turning (here: a task that blocks it) fails liveness until it turns again. */
@QuarkusTest
@TestProfile(SupervisorWedgeTest.ShortDeadline.class)
public class SupervisorWedgeTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("price.supervisor.heartbeat-interval", "100ms",
                    "price.supervisor.heartbeat-deadline", "1000ms");
        }
    }

    @Inject
    FeedSupervisor supervisor;

    @Test
    void wedgedSupervisorFailsLivenessAndRecovers() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        CountDownLatch release = new CountDownLatch(1);
        supervisor.submit(() -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/health/live").statusCode() == 503);
            given().get("/q/health/live").then().statusCode(503)
                    .body("checks.find { it.name == 'feed-supervisor' }.status", equalTo("DOWN"));
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/health/live").statusCode() == 200);
    }
}
