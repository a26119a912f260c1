package io.ptn.support;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Doubles read and written by Jackson's own parser and Schubfach writer instead of JDK 17's
 * {@code Double.parseDouble} and {@code Double.toString}. Writing: {@code FloatingDecimal.dtoa} was 17 % of the CPU
 * of a 20-pair batch answer. Reading: in the validator, {@code FloatingDecimal}'s big-integer path was 11 % of the
 * bytes allocated while a risk round read its prices (docs/benchmarks.md). Both are exact: a string reads as the
 * nearest double, and a double is written as a string that reads back to it.
 */
@Singleton
public class FastDoubles implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
        mapper.getFactory().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
    }
}
