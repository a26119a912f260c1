package io.ptn.validator.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.validator.FastFaultToleranceProfile;
import io.ptn.validator.PriceServiceResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The shared customizer (service-support's FastDoubles) reaches the ObjectMapper this service reads and writes with. */
@QuarkusTest
@TestProfile(FastFaultToleranceProfile.class) // the order tests' profile and data dir: the same app serves both
@WithTestResource(PriceServiceResource.class)
class FastDoublesWiringTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void theServiceMapperUsesTheFastDoubleCodecs() {
        assertTrue(mapper.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER), "writer");
        assertTrue(mapper.getFactory().isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER), "parser");
    }
}
