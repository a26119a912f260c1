package io.ptn.price.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.ptn.support.HttpLayerProblems;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** What the HTTP layer refuses before any resource still answers with a problem body. */
@QuarkusTest
class RequestLimitsTest {

    @Test
    void aUriOverTheLimitIs414WithAProblemBody() {
        String path = "/api/v1/prices/" + "A".repeat(HttpLayerProblems.MAX_URI_LENGTH);
        Response r = given().urlEncodingEnabled(false).get(path);
        assertEquals(414, r.statusCode());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(414, r.<Integer>path("status"));
        assertEquals("Request-URI Too Long", r.path("title"));
        assertTrue(r.<String>path("detail").contains("4096"));

        // just under the limit the resource answers (an unknown pair)
        String under = "/api/v1/prices/" + "A".repeat(HttpLayerProblems.MAX_URI_LENGTH - "/api/v1/prices/".length());
        given().urlEncodingEnabled(false).get(under).then().statusCode(404);
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413WithAProblemBody() throws IOException {
        String answer = exchange("POST /api/v1/prices HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20000000\r\n\r\n{}");
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"status\":413") && answer.contains("\"title\":\"Request Entity Too Large\""), answer);
    }

    /** Raw, because no HTTP client sends a Content-Length its body does not have; reads until the server closes. */
    private static String exchange(String request) throws IOException {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
