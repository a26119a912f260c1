package io.ptn.validator.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.ptn.validator.InjectWireMock;
import io.ptn.validator.Orders;
import io.ptn.validator.PriceServiceResource;
import io.ptn.validator.PriceStubs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** One trace spans an order and the price call it made, and the price service is told which trace it is. */
@QuarkusTest
@TestProfile(TracingProfile.class)
@WithTestResource(PriceServiceResource.class)
class OrderTraceTest {

    static {
        Orders.useDoubles();
    }

    @InjectWireMock
    WireMockServer wm;

    @Inject
    InMemorySpanExporter spans;

    private Optional<SpanData> find(SpanKind kind, String pathPart) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == kind)
                .filter(s -> s.getName().contains(pathPart) || s.getAttributes().asMap().values().stream()
                        .anyMatch(v -> String.valueOf(v).contains(pathPart)))
                .findFirst();
    }

    @Test
    void theOrderSpanIsAnAncestorOfThePriceCallSpan() {
        spans.reset();
        PriceStubs.price(wm, "ETHUSD", 3100, 0, 0);
        Orders.place("m3", "ETHUSD", "LONG", 0.1).statusCode(201);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find(SpanKind.SERVER, "/api/v1/orders").isPresent()
                && find(SpanKind.CLIENT, "/api/v1/prices/ETHUSD").isPresent());
        SpanData order = find(SpanKind.SERVER, "/api/v1/orders").orElseThrow();
        SpanData priceCall = find(SpanKind.CLIENT, "/api/v1/prices/ETHUSD").orElseThrow();
        assertEquals(order.getTraceId(), priceCall.getTraceId(), "one trace");

        Map<String, SpanData> byId = spans.getFinishedSpanItems().stream()
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
        List<String> chain = new ArrayList<>();
        SpanData s = priceCall;
        while (s != null && !s.getSpanId().equals(order.getSpanId())) {
            chain.add(s.getName());
            s = byId.get(s.getParentSpanId());
        }
        assertTrue(s != null, "the order span is not an ancestor of the price call; parents: " + chain);

        // the call carried the trace on to the price service (W3C traceparent: version-traceid-spanid-flags)
        wm.verify(getRequestedFor(urlPathEqualTo("/api/v1/prices/ETHUSD"))
                .withHeader("traceparent", matching("00-" + order.getTraceId() + "-[0-9a-f]{16}-0[01]")));
    }
}
