package io.ptn.validator.store;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.ptn.domain.PriceSource;

/**
 * An order's price sources as the {@code orders.price_sources} column holds them: a JSON array, best first, each
 * object named as {@link PriceSource}'s components (as the REST answers name them). Doubles are written as Java's
 * shortest round-trip text, so a source reads back bit for bit: the fill corrections compare them. Streaming Jackson,
 * no reflection (native image).
 */
final class SourcesColumn {

    private static final JsonFactory JSON = new JsonFactory();

    private SourcesColumn() {
    }

    static String write(List<PriceSource> sources) {
        StringWriter out = new StringWriter(64 + 224 * sources.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (PriceSource s : sources) {
                g.writeStartObject();
                g.writeStringField("source", s.source());
                g.writeNumberField("timespanMs", s.timespanMs());
                g.writeNumberField("open", s.open());
                g.writeNumberField("close", s.close());
                nullable(g, "high", s.high());
                nullable(g, "low", s.low());
                nullable(g, "vwap", s.vwap());
                g.writeNumberField("startMs", s.startMs());
                g.writeBooleanField("websocket", s.websocket());
                g.writeNumberField("lagMs", s.lagMs());
                g.writeNumberField("bid", s.bid());
                g.writeNumberField("ask", s.ask());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void nullable(JsonGenerator g, String name, Double v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    /** Refuses what {@link #write} would not have written: a stored row that does not parse is a damaged store. */
    static List<PriceSource> read(String column) {
        List<PriceSource> out = new ArrayList<>(2);
        try (JsonParser p = JSON.createParser(column)) {
            expect(p.nextToken(), JsonToken.START_ARRAY, column);
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(t, JsonToken.START_OBJECT, column);
                out.add(source(p, column));
            }
        } catch (IOException e) {
            throw new IllegalStateException("orders.price_sources does not parse: " + column, e);
        }
        return out;
    }

    private static PriceSource source(JsonParser p, String column) throws IOException {
        String source = null;
        Long timespanMs = null;
        Long startMs = null;
        Long lagMs = null;
        Boolean websocket = null;
        Double open = null;
        Double close = null;
        Double high = null;
        Double low = null;
        Double vwap = null;
        Double bid = null;
        Double ask = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            boolean isNull = v == JsonToken.VALUE_NULL;
            switch (name) {
                case "source" -> source = isNull ? null : p.getText();
                case "timespanMs" -> timespanMs = p.getLongValue();
                case "startMs" -> startMs = p.getLongValue();
                case "lagMs" -> lagMs = p.getLongValue();
                case "websocket" -> websocket = p.getBooleanValue();
                case "open" -> open = p.getDoubleValue();
                case "close" -> close = p.getDoubleValue();
                case "high" -> high = isNull ? null : p.getDoubleValue();
                case "low" -> low = isNull ? null : p.getDoubleValue();
                case "vwap" -> vwap = isNull ? null : p.getDoubleValue();
                case "bid" -> bid = p.getDoubleValue();
                case "ask" -> ask = p.getDoubleValue();
                default -> throw new IllegalStateException("orders.price_sources has an unknown field " + name + ": "
                        + column);
            }
        }
        if (source == null || timespanMs == null || startMs == null || lagMs == null || websocket == null || open == null
                || close == null || bid == null || ask == null) {
            throw new IllegalStateException("orders.price_sources misses a field: " + column);
        }
        return new PriceSource(source, timespanMs, open, close, high, low, vwap, startMs, websocket, lagMs, bid, ask);
    }

    private static void expect(JsonToken got, JsonToken wanted, String column) {
        if (got != wanted) {
            throw new IllegalStateException("orders.price_sources: " + wanted + " expected, got " + got + ": " + column);
        }
    }
}
