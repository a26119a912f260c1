package io.ptn.price.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The service's mapper writes doubles with the fast writer, and every double still reads back to itself. */
@QuarkusTest
class FastDoublesTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void theServiceMapperUsesTheFastWriterAndDoublesRoundTrip() throws Exception {
        assertTrue(mapper.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER),
                "the customizer did not reach the service's ObjectMapper");
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
}
