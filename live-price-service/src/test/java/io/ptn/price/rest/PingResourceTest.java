package io.ptn.price.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The baselines must stay the reads' answers without the look-up, or the benchmark compares different work. */
@QuarkusTest
public class PingResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pingIsTrivial() {
        given().get("/api/v1/ping").then().statusCode(200).body(equalTo("pong"));
    }

    @Test
    void fixedAnswerHasTheSingleReadsFieldsAndSize() throws Exception {
        String read = streamedBtcusd();
        String fixed = given().get("/api/v1/ping/answer").then().statusCode(200).contentType("application/json")
                .extract().asString();
        assertEquals(shape(JSON.readTree(read)), shape(JSON.readTree(fixed)), "fields of " + fixed + " vs " + read);
        assertTrue(Math.abs(fixed.length() - read.length()) <= read.length() * 0.15,
                fixed.length() + " bytes vs the read's " + read.length());
    }

    @Test
    void fixedBatchIsTwentyEntriesOfTheBatchReadsFields() throws Exception {
        streamedBtcusd();
        JsonNode read = JSON.readTree(given().queryParam("pairs", "BTCUSD").get("/api/v1/prices").then().statusCode(200)
                .extract().asString()).get("results").get(0);
        JsonNode fixed = JSON.readTree(given().get("/api/v1/ping/batch").then().statusCode(200)
                .contentType("application/json").extract().asString());
        assertEquals(List.of("results"), names(fixed));
        assertEquals(20, fixed.get("results").size());
        List<String> pairs = new ArrayList<>();
        for (JsonNode entry : fixed.get("results")) {
            assertEquals(shape(read), shape(entry), "fields of " + entry + " vs " + read);
            pairs.add(entry.get("tradePair").asText());
        }
        assertEquals(20, pairs.stream().distinct().count(), "pairs " + pairs);
    }

    private static String streamedBtcusd() {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "simulated_ws".equals(given().get("/api/v1/prices/BTCUSD").then().extract().path("sources[0].source")));
        return given().get("/api/v1/prices/BTCUSD").then().statusCode(200).extract().asString();
    }

    /** Field names and JSON types, recursively; an array by its length and its elements' shapes. */
    private static String shape(JsonNode n) {
        if (n.isObject()) {
            StringBuilder b = new StringBuilder("{");
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                b.append(f).append(':').append(shape(n.get(f))).append(',');
            }
            return b.append('}').toString();
        }
        if (n.isArray()) {
            StringBuilder b = new StringBuilder("[");
            n.forEach(e -> b.append(shape(e)).append(','));
            return b.append(']').toString();
        }
        return n.isNumber() ? "number" : n.getNodeType().name();
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
