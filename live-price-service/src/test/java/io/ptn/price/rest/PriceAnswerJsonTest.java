package io.ptn.price.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptn.domain.PriceSource;
import io.ptn.price.service.PriceAnswer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written price answer JSON is byte for byte what the application's Jackson mapper writes. */
@QuarkusTest
class PriceAnswerJsonTest {

    static final List<String> ANSWER_FIELDS = List.of("tradePair", "price", "timestampMs", "ageMs", "stale",
            "stalenessLimitMs", "marketOpen", "bid", "ask", "sources");
    static final List<String> SOURCE_FIELDS = List.of("source", "timespanMs", "open", "close", "high", "low", "vwap",
            "startMs", "websocket", "lagMs", "bid", "ask");

    @Inject
    ObjectMapper mapper;

    @Test
    void sameBytesAsJacksonForManyAnswers() throws Exception {
        Random r = new Random(7);
        String[] names = {"simulated_ws", "polygon_rest", "we\"ird\\name\n\t\u0001é€", "", "x/y"};
        for (int i = 0; i < 2_000; i++) {
            List<PriceSource> sources = new ArrayList<>();
            int n = r.nextInt(4);
            for (int k = 0; k < n; k++) {
                sources.add(new PriceSource(names[r.nextInt(names.length)], r.nextInt(3) * 60_000L, num(r), num(r),
                        r.nextBoolean() ? null : num(r), r.nextBoolean() ? null : num(r), r.nextBoolean() ? null : num(r),
                        r.nextLong(), r.nextBoolean(), r.nextInt(100_000) - 50_000, num(r), num(r)));
            }
            PriceAnswer a = new PriceAnswer(r.nextBoolean() ? "BTCUSD" : names[r.nextInt(names.length)], num(r),
                    r.nextLong(), r.nextLong(), r.nextBoolean(), r.nextInt(100_000), r.nextBoolean(), num(r), num(r),
                    r.nextInt(20) == 0 ? null : sources);
            assertEquals(mapper.writeValueAsString(a), new String(PriceAnswerJson.bytes(a), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aCachedSourceIsNeverServedForADifferentTickOrLag() throws Exception {
        Random r = new Random(11);
        PriceSource base = new PriceSource("simulated_ws", 0, 100.5, 100.5, null, null, null, 1_795_500_845_250L, true,
                0, 100.25, 100.75);
        for (int i = 0; i < 500; i++) {
            PriceSource s = switch (i % 5) {
                case 0 -> base.withLagTo(base.startMs() + r.nextInt(10_000));
                case 1 -> new PriceSource(base.source(), 0, base.open(), base.close(), null, null, null, base.startMs(),
                        true, i, base.bid(), base.ask() + 0.01 * r.nextInt(3));
                case 2 -> new PriceSource(base.source(), 0, base.open(), base.close(), 101.0, null, null,
                        base.startMs(), true, i, base.bid(), base.ask());
                case 3 -> new PriceSource("polygon_ws", 0, base.open(), base.close(), null, null, null, base.startMs(),
                        false, i, base.bid(), base.ask());
                default -> base;
            };
            PriceAnswer a = new PriceAnswer("BTCUSD", r.nextBoolean() ? s.close() : 100.6, s.startMs(), i, false,
                    30_000, true, s.bid(), r.nextBoolean() ? s.ask() : 0.0, List.of(s, base));
            assertEquals(mapper.writeValueAsString(a), new String(PriceAnswerJson.bytes(a), StandardCharsets.UTF_8));
        }
    }

    private static double num(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> 0.0;
            case 1 -> r.nextDouble() * 1e-7;
            case 2 -> r.nextDouble() * 1e12;
            case 3 -> Math.round(r.nextDouble() * 100_000) / 100.0;
            case 4 -> -r.nextDouble();
            case 5 -> Double.NaN;
            case 6 -> r.nextLong();
            case 7 -> 1.0;
            default -> r.nextDouble() * 100_000;
        };
    }

    @Test
    void theEndpointAnswerKeepsTheContractShape() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/v1/prices/BTCUSD").statusCode() == 200);
        Response resp = given().get("/api/v1/prices/BTCUSD");
        resp.then().statusCode(200).contentType("application/json");
        JsonNode body = mapper.readTree(resp.asByteArray());
        assertEquals(ANSWER_FIELDS, names(body));
        assertTrue(body.get("sources").size() >= 1);
        JsonNode s = body.get("sources").get(0);
        assertEquals(SOURCE_FIELDS, names(s));
        assertTrue(s.get("high").isNull() && s.get("low").isNull() && s.get("vwap").isNull(), s.toString());
        // what Jackson writes for the same answer, read back from the body, is the body
        PriceAnswer parsed = mapper.treeToValue(body, PriceAnswer.class);
        assertEquals(mapper.writeValueAsString(parsed), resp.asString());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
