package io.ptn.validator.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.ptn.validator.FastFaultToleranceProfile;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Nobody listens where the price service should be: orders are refused with 503, the validator stays up and ready. */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class)
@WithTestResource(value = PriceServiceResource.class, initArgs = @ResourceArg(name = "refused", value = "true"))
class ConnectionRefusedTest {

    @Test
    void connectionRefusedIs503AndNothingIsWritten() {
        Orders.place("m18", "BTCUSD", "LONG", 0.1).statusCode(503).header("Retry-After", notNullValue())
                .contentType("application/problem+json").body("status", equalTo(503));
        given().get("/api/v1/miners/m18").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
