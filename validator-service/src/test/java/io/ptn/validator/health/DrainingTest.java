package io.ptn.validator.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import jakarta.enterprise.inject.spi.CDI;

import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import io.ptn.validator.PriceServiceResource;
import io.quarkus.smallrye.health.runtime.ShutdownReadinessCheck;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * When shutdown begins, readiness goes DOWN (Quarkus's own "Graceful Shutdown" check) while liveness stays UP.
 * Here the check is told what Quarkus's pre-shutdown listener tells it; resilience scenario S4 stops a real process.
 */
@QuarkusTest
@TestProfile(DrainingProfile.class)
@WithTestResource(PriceServiceResource.class)
class DrainingTest {

    @Test
    void readinessGoesDownWhenShutdownBegins() {
        given().get("/q/health/ready").then().statusCode(200);
        // the lookup Quarkus's ShutdownReadinessListener makes at pre-shutdown
        CDI.current().select(ShutdownReadinessCheck.class, Readiness.Literal.INSTANCE).get().shutdown();
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Graceful Shutdown' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
