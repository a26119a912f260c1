package io.ptn.price.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.support.FastDoubles;

/** With the text table the service writes exactly the JSON Jackson writes without it, first time and every time after. */
class DoubleTextsTest {

    record Quote(double price, Double bid, Double vwap, double[] closes) {
    }

    private static ObjectMapper plain() {
        ObjectMapper m = new ObjectMapper();
        new FastDoubles().customize(m);
        return m;
    }

    private static ObjectMapper withTexts() {
        ObjectMapper m = plain();
        new DoubleTexts().customize(m);
        return m;
    }

    @Test
    void answersAreWrittenAsWithoutTheTableAlsoWhenRepeated() throws Exception {
        ObjectMapper expected = plain();
        ObjectMapper actual = withTexts();
        SplittableRandom random = new SplittableRandom(3);
        List<Quote> quotes = new ArrayList<>();
        double[] fixed = {0.0, -0.0, 1.0, 0.002, 1e7, 2e23, 4.9e-324, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 48677.56371042043};
        for (double d : fixed) {
            quotes.add(new Quote(d, d, null, new double[] {d, -d}));
        }
        for (int i = 0; i < 50_000; i++) {
            double price = random.nextDouble(1e-4, 1e6);
            double any = Double.longBitsToDouble(random.nextLong());
            quotes.add(new Quote(price, any, Math.rint(price), new double[] {price, any, price / 3}));
        }
        for (int pass = 0; pass < 2; pass++) {
            for (Quote q : quotes) {
                assertEquals(expected.writeValueAsString(q), actual.writeValueAsString(q), "pass " + pass);
                assertArrayEquals(expected.writeValueAsBytes(q), actual.writeValueAsBytes(q), "UTF-8, pass " + pass);
            }
        }
    }

    @Test
    void withoutTheFastWriterTheJdkTextIsWritten() throws Exception {
        // JDK 17 writes 1e23 as "9.999999999999999E22", the fast writer as "1.0E23"; the table holds the fast
        // writer's texts, so it must stand aside here
        Quote q = new Quote(1e23, 1e23, 1e23, new double[] {1e23});
        ObjectMapper actual = withTexts();
        assertEquals("{\"price\":1.0E23,\"bid\":1.0E23,\"vwap\":1.0E23,\"closes\":[1.0E23]}", actual.writeValueAsString(q));
        assertEquals(plain().writer().without(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER).writeValueAsString(q),
                actual.writer().without(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER).writeValueAsString(q));
    }

    @Test
    void numbersWrittenAsStringsAreQuotedAlsoFromTheTable() throws Exception {
        Quote q = new Quote(48677.56371042043, 0.002, null, new double[] {1e7});
        for (int pass = 0; pass < 2; pass++) {
            assertEquals("{\"price\":\"48677.56371042043\",\"bid\":\"0.002\",\"vwap\":null,\"closes\":[\"1.0E7\"]}",
                    new String(withTexts().writer().with(JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS).writeValueAsBytes(q),
                            StandardCharsets.UTF_8), "pass " + pass);
        }
    }

    @Test
    void aSlotTakenByAnotherDoubleIsNotReadAsItsText() {
        for (int slots : new int[] {1, 2, 4}) {
            DoubleTexts.Writer writer = new DoubleTexts.Writer(slots);
            SplittableRandom random = new SplittableRandom(slots);
            double[] values = new double[64];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextDouble(1, 100_000);
            }
            for (int round = 0; round < 3; round++) {
                for (double d : values) {
                    assertEquals(NumberOutput.toString(d, true), writer.text(d), slots + " slots");
                }
            }
        }
    }

    @Test
    void slotsMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new DoubleTexts.Writer(3));
    }
}
