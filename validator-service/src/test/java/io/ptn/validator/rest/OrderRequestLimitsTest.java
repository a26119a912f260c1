package io.ptn.validator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ptn.support.HttpLayerProblems;
import io.ptn.support.Problem;
import io.ptn.validator.FastFaultToleranceProfile;
import io.ptn.validator.PriceServiceResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** Refusals of the HTTP layer, before the order resource runs, carry problem bodies like the resource's own. */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class)
@WithTestResource(PriceServiceResource.class)
class OrderRequestLimitsTest {

    @Test
    void anOverlongUriIs414AndAUriJustUnderTheLimitReachesTheResource() {
        String prefix = "/api/v1/miners/";
        given().urlEncodingEnabled(false).get(prefix + "m".repeat(HttpLayerProblems.MAX_URI_LENGTH)).then()
                .statusCode(414).contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(414)).body("title", equalTo("Request-URI Too Long"))
                .body("detail", containsString("4096"));
        given().urlEncodingEnabled(false).get(prefix + "m".repeat(HttpLayerProblems.MAX_URI_LENGTH - prefix.length()))
                .then().statusCode(404).contentType(startsWith(Problem.MEDIA_TYPE));
    }

    @Test
    void anOrderDeclaringABodyOverTheLimitIs413AndTheConnectionCloses() throws IOException {
        String head = "POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer token-m1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{\"orderUuid\":";
        String answer;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            // readAllBytes returns only because the server closes: the unread body cannot be skipped
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.toLowerCase().contains("content-type: " + Problem.MEDIA_TYPE), answer);
        assertTrue(answer.contains("\"status\":413") && answer.contains("\"title\":\"Request Entity Too Large\""), answer);
    }
}
