package io.ptn.price.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
public class SseTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static URI uri(String pathAndQuery) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + pathAndQuery);
    }

    /** Reads events until {@code count} tick events arrived; returns their data lines and ids. */
    private static List<String[]> readTicks(String query, int count) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri("/api/v1/prices/stream" + query))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<InputStream> resp = CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<String[]> ticks = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
            String event = null;
            String id = null;
            String line;
            while (ticks.size() < count && (line = in.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:") && "tick".equals(event)) {
                    ticks.add(new String[] {id, line.substring(5).trim()});
                } else if (line.isEmpty()) {
                    event = null;
                    id = null;
                }
            }
        }
        return ticks;
    }

    @Test
    void streamsTickEventsOfTheRequestedPairs() throws Exception {
        List<String[]> ticks = readTicks("?pairs=BTCUSD,ETHUSD", 6);
        assertEquals(6, ticks.size());
        Set<String> pairs = new HashSet<>();
        long lastId = 0;
        for (String[] t : ticks) {
            JsonPath json = JsonPath.from(t[1]);
            pairs.add(json.getString("tradePair"));
            assertEquals("simulated_ws", json.getString("source"));
            assertTrue(json.getDouble("price") > 0);
            assertTrue(json.getDouble("bid") <= json.getDouble("price") && json.getDouble("price") <= json.getDouble("ask"));
            assertTrue(json.getLong("timestampMs") > 0);
            long id = Long.parseLong(t[0]);
            assertTrue(id > lastId, "ids increase");
            lastId = id;
        }
        assertTrue(Set.of("BTCUSD", "ETHUSD").containsAll(pairs), pairs.toString());
    }

    @Test
    void manyConcurrentSubscribersAllReceiveTicks() {
        List<CompletableFuture<List<String[]>>> subs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            subs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return readTicks("?pairs=BTCUSD", 3);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<List<String[]>> s : subs) {
            List<String[]> ticks = s.join();
            assertEquals(3, ticks.size());
            ticks.forEach(t -> assertEquals("BTCUSD", JsonPath.from(t[1]).getString("tradePair")));
        }
    }

    @Test
    void unknownPairIsRejectedBeforeTheStreamOpens() {
        given().queryParam("pairs", "BTCUSD,FOO").get("/api/v1/prices/stream").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("pairs"));
    }
}
