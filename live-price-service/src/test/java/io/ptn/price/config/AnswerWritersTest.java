package io.ptn.price.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.domain.PriceSource;
import io.ptn.price.rest.BatchEntry;
import io.ptn.price.service.PriceAnswer;
import io.ptn.support.FastDoubles;

/** Answers are written byte for byte as stock Jackson (bean serializers, no text table) writes them, with and without the table. */
class AnswerWritersTest {

    private static ObjectMapper mapper(boolean texts, boolean writers) {
        ObjectMapper m = new ObjectMapper();
        new FastDoubles().customize(m);
        if (texts) {
            new DoubleTexts().customize(m);
        }
        if (writers) {
            new AnswerWriters().customize(m);
        }
        return m;
    }

    private static Double maybe(SplittableRandom r, double d) {
        return r.nextInt(3) == 0 ? null : d;
    }

    private static PriceSource source(SplittableRandom r) {
        double open = r.nextDouble(1e-4, 1e6);
        double close = r.nextInt(10) == 0 ? Double.longBitsToDouble(r.nextLong()) : open * r.nextDouble(0.9, 1.1);
        return new PriceSource(r.nextInt(8) == 0 ? null : "p" + r.nextInt(4) + (r.nextBoolean() ? "_ws" : "_rest"),
                r.nextBoolean() ? 0 : 1000L * r.nextInt(120), open, close, maybe(r, close * 1.01), maybe(r, open * 0.99),
                maybe(r, (open + close) / 2), r.nextLong(), r.nextBoolean(), r.nextLong(-5_000, 5_000),
                r.nextBoolean() ? 0 : close - 0.5, r.nextBoolean() ? 0 : close + 0.5);
    }

    private static PriceAnswer answer(SplittableRandom r) {
        List<PriceSource> sources = null;
        if (r.nextInt(10) != 0) {
            sources = new ArrayList<>();
            int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                sources.add(r.nextInt(20) == 0 ? null : source(r));
            }
        }
        PriceSource first = sources == null || sources.isEmpty() || sources.get(0) == null ? source(r) : sources.get(0);
        return new PriceAnswer(r.nextInt(10) == 0 ? null : "BTCUSD", first.close(), first.startMs(), r.nextLong(0, 60_000),
                r.nextBoolean(), 30_000, r.nextBoolean(), first.bid(), first.ask(), sources);
    }

    @Test
    void answersSourcesAndBatchesAreWrittenAsTheBeanSerializerWritesThem() throws Exception {
        for (boolean texts : new boolean[] {true, false}) {
            ObjectMapper expected = mapper(false, false);
            ObjectMapper actual = mapper(texts, true);
            SplittableRandom r = new SplittableRandom(texts ? 11 : 12);
            for (int i = 0; i < 20_000; i++) {
                PriceAnswer a = answer(r);
                List<Object> values = List.of(a, source(r), Arrays.asList(source(r), null, source(r)),
                        new BatchEntry.Results(List.of(new BatchEntry("BTCUSD", 200, a, null),
                                new BatchEntry("ETHUSD", 503, null, "no price available"))));
                for (Object v : values) {
                    // the String writer and the UTF-8 byte writer are different generators
                    assertEquals(expected.writeValueAsString(v), actual.writeValueAsString(v), "texts " + texts);
                    assertArrayEquals(expected.writeValueAsBytes(v), actual.writeValueAsBytes(v), "texts " + texts);
                }
            }
        }
    }

    @Test
    void aTickAnswerHasItsNullCandleFields() throws Exception {
        PriceSource tick = PriceSource.tick("simulated_ws", 101.5, 1_700_000_000_000L, true, 101.25, 101.75);
        PriceAnswer a = new PriceAnswer("BTCUSD", 101.5, 1_700_000_000_000L, 12, false, 30_000, true, 101.25, 101.75,
                List.of(tick.withLagTo(1_700_000_000_012L)));
        assertEquals("{\"tradePair\":\"BTCUSD\",\"price\":101.5,\"timestampMs\":1700000000000,\"ageMs\":12,"
                        + "\"stale\":false,\"stalenessLimitMs\":30000,\"marketOpen\":true,\"bid\":101.25,\"ask\":101.75,"
                        + "\"sources\":[{\"source\":\"simulated_ws\",\"timespanMs\":0,\"open\":101.5,\"close\":101.5,"
                        + "\"high\":null,\"low\":null,\"vwap\":null,\"startMs\":1700000000000,\"websocket\":true,"
                        + "\"lagMs\":12,\"bid\":101.25,\"ask\":101.75}]}",
                mapper(true, true).writeValueAsString(a));
    }
}
