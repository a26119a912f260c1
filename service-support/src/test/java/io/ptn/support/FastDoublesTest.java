package io.ptn.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The fast codecs are on, and they read and write every double exactly as the JDK does. */
class FastDoublesTest {

    private final ObjectMapper mapper = customized();

    private static ObjectMapper customized() {
        ObjectMapper m = new ObjectMapper();
        new FastDoubles().customize(m);
        return m;
    }

    @Test
    void bothCodecsAreEnabled() {
        assertTrue(mapper.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER));
        assertTrue(mapper.getFactory().isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
    }

    @Test
    void everyWrittenDoubleReadsBackToItself() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        double[] fixed = {0.0, -0.0, 1e-3, 9.999999999999999e-4, 1e7, 9999999.999999998, 2e23, 4.9e-324,
                Double.MAX_VALUE, 48677.56371042043, 0.6418970608383278};
        for (double d : fixed) {
            assertEquals(d, mapper.readValue(mapper.writeValueAsString(d), Double.class), 0.0, "for " + d);
        }
        for (int i = 0; i < 100_000; i++) {
            // prices across the range the catalog holds (FX to BTC), and arbitrary bit patterns
            double price = random.nextDouble(1e-4, 1e6);
            double any = Double.longBitsToDouble(random.nextLong());
            for (double d : new double[] {price, any}) {
                if (Double.isFinite(d)) {
                    String json = mapper.writeValueAsString(d);
                    assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(Double.parseDouble(json)), json);
                }
            }
        }
    }

    @Test
    void everyNumberTextReadsAsTheJdkReadsIt() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        String[] fixed = {"0.1", "-0.0", "1e-400", "1e400", "2.2250738585072011e-308", "9007199254740993",
                "0.30000000000000004", "48677.563710420430000000001", "1.00000000000000011102230246251565404236316680908203125"};
        for (String text : fixed) {
            assertSameAsJdk(text);
        }
        for (int i = 0; i < 100_000; i++) {
            // shortest forms, and long decimal expansions (more digits than a double holds: the JDK's slow path)
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                assertSameAsJdk(Double.toString(d));
                assertSameAsJdk(new BigDecimal(d).toString());
            }
            assertSameAsJdk(random.nextInt(1_000_000) + "." + Long.toUnsignedString(random.nextLong()) + random.nextInt(1000));
        }
    }

    private void assertSameAsJdk(String text) throws Exception {
        double read = mapper.readValue("[" + text + "]", double[].class)[0];
        assertEquals(Double.doubleToLongBits(Double.parseDouble(text)), Double.doubleToLongBits(read), text);
    }
}
