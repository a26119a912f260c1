package io.ptn.price.config;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.domain.PriceSource;
import io.ptn.price.service.PriceAnswer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The shared customizer (service-support's FastDoubles), DoubleTexts and AnswerWriters reach the ObjectMapper this service writes with. */
@QuarkusTest
class FastDoublesWiringTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void theServiceMapperUsesTheFastDoubleCodecs() {
        assertTrue(mapper.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER), "writer");
        assertTrue(mapper.getFactory().isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER), "parser");
    }

    @Test
    void theServiceMapperWritesDoublesThroughTheTextTable() throws Exception {
        assertInstanceOf(DoubleTexts.Writer.class, mapper.getSerializerProviderInstance().findValueSerializer(double.class));
        assertInstanceOf(DoubleTexts.Writer.class, mapper.getSerializerProviderInstance().findValueSerializer(Double.class));
    }

    @Test
    void theServiceMapperWritesAnswersFieldByField() throws Exception {
        assertInstanceOf(AnswerWriters.Answer.class, mapper.getSerializerProviderInstance().findValueSerializer(PriceAnswer.class));
        assertInstanceOf(AnswerWriters.Source.class, mapper.getSerializerProviderInstance().findValueSerializer(PriceSource.class));
    }
}
