package io.ptn.price.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table plus seeded random inputs: no query string, path or method on any endpoint may produce a 5xx. */
@QuarkusTest
public class MalformedInputTest {

    private static final List<String> ENDPOINTS = List.of(
            "/api/v1/trade-pairs", "/api/v1/trade-pairs/%s", "/api/v1/trade-pairs/%s/market",
            "/api/v1/prices/%s", "/api/v1/prices", "/api/v1/prices/%s/close", "/api/v1/prices/%s/quote",
            "/api/v1/candles/%s", "/api/v1/ping");
    private static final List<String> PARAMS = List.of("at", "from", "to", "span", "pairs");
    private static final List<String> BAD_VALUES = List.of("", " ", "abc", "-1", "0", "1.5", "1e12", "0x10", "NaN",
            "Infinity", "99999999999999999999999", "-9223372036854775808", "9223372036854775807", "946684799999",
            "%00", "%E2%82%AC", "'", "\"", "<script>", "BTCUSD,,", ",", ",,,", "FOO,BAR", "WEEK", "second ",
            String.join(",", Collections.nCopies(70, "BTCUSD")), "x".repeat(3000));
    private static final List<String> BAD_IDS = List.of("FOO", "%20", "BTC%2FUSD", "..", "%00", "%E2%82%AC", "btcusd%20",
            "x".repeat(2000), "1", "-", "%25");
    private static final Set<Integer> PROBLEM_STATUSES = Set.of(400, 404, 405, 406, 415);

    private static void check(String method, String url) {
        Response r = given().urlEncodingEnabled(false).request(method, url);
        int status = r.statusCode();
        assertTrue(status < 500, method + " " + url + " gave " + status + ": " + r.asString());
        if (PROBLEM_STATUSES.contains(status) && !"HEAD".equals(method)) {
            assertTrue(r.contentType().startsWith("application/problem+json"), url + " content type " + r.contentType());
            assertEquals(status, r.<Integer>path("status"), url);
        }
    }

    private static String enc(String raw) {
        // values containing % are sent as-is to exercise the decoder; others are encoded like a client would
        return raw.contains("%") ? raw : URLEncoder.encode(raw, StandardCharsets.UTF_8);
    }

    @Test
    void tableOfBadQueryValuesNeverYields5xx() {
        for (String endpoint : ENDPOINTS) {
            String path = endpoint.contains("%s") ? String.format(endpoint, "BTCUSD") : endpoint;
            for (String param : PARAMS) {
                for (String value : BAD_VALUES) {
                    check("GET", path + "?" + param + "=" + enc(value));
                }
            }
            check("GET", path + "?at");
            check("GET", path + "?at=1&at=2&junk");
        }
    }

    @Test
    void badPathIdsNeverYield5xx() {
        for (String endpoint : ENDPOINTS) {
            if (!endpoint.contains("%s")) {
                continue;
            }
            for (String id : BAD_IDS) {
                check("GET", String.format(endpoint, id));
            }
        }
        check("GET", "/api/v1/nothing");
        check("GET", "/api/v1/prices/BTCUSD/nothing");
        check("GET", "/api/v1/prices/stream?pairs=FOO");
        check("GET", "/api/v1/prices/stream?pairs=,");
        check("GET", "/");
    }

    @Test
    void wrongMethodsAndMediaTypesAre4xxProblems() {
        for (String endpoint : ENDPOINTS) {
            String path = endpoint.contains("%s") ? String.format(endpoint, "BTCUSD") : endpoint;
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                Response r = given().contentType("application/json").body("{}").request(method, path);
                assertEquals(405, r.statusCode(), method + " " + path);
                assertTrue(r.contentType().startsWith("application/problem+json"));
            }
            Response r = given().accept("application/xml").get(path);
            assertTrue(r.statusCode() < 500, "Accept xml on " + path + " gave " + r.statusCode());
        }
    }

    @Test
    void seededRandomInputsNeverYield5xx() {
        Random random = new Random(20_261_124);
        String alphabet = "0123456789-+.,eE xXAaBbZz%/\\?&=#;:'\"<>{}[]|`~!@$^*()_\u00e9\u20ac";
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(24);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = URLEncoder.encode(sb.toString(), StandardCharsets.UTF_8);
            String endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            String id = random.nextBoolean() ? "BTCUSD" : value.isEmpty() ? "X" : value;
            String path = endpoint.contains("%s") ? String.format(endpoint, id) : endpoint;
            urls.add(path + "?" + PARAMS.get(random.nextInt(PARAMS.size())) + "=" + value);
        }
        for (String url : urls) {
            check("GET", url);
        }
    }
}
