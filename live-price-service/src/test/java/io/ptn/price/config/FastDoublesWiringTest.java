package io.ptn.price.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The shared customizer (service-support's FastDoubles) reaches the ObjectMapper this service reads and writes with. */
@QuarkusTest
class FastDoublesWiringTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void theServiceMapperUsesTheFastDoubleCodecs() {
        assertTrue(mapper.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER), "writer");
        assertTrue(mapper.getFactory().isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER), "parser");
    }
}
