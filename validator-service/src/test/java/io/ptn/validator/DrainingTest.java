package io.ptn.validator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** When the graceful-shutdown delay starts, readiness goes DOWN ("draining") while liveness stays UP. */
@QuarkusTest
@TestProfile(DrainingProfile.class)
@WithTestResource(PriceServiceResource.class)
class DrainingTest {

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownDelay;

    @Test
    void readinessGoesDownWhenTheShutdownDelayStarts() {
        given().get("/q/health/ready").then().statusCode(200);
        shutdownDelay.fire(new ShutdownDelayInitiatedEvent());
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'draining' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
