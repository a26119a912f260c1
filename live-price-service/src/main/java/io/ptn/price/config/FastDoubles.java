package io.ptn.price.config;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Doubles written with Jackson's Schubfach writer instead of JDK 17's {@code Double.toString}: the latter's
 * {@code FloatingDecimal.dtoa} was 17 % of the CPU of a 20-pair batch answer (docs/benchmarks.md). Both give a string
 * that parses back to the same double.
 */
@Singleton
public class FastDoubles implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    }
}
