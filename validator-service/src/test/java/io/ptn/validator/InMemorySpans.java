package io.ptn.validator;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Finished spans kept in memory. A SpanExporter bean takes the place of the OTLP exporter; it only receives spans in
 * tests that switch the SDK on ({@link TracingProfile}).
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
