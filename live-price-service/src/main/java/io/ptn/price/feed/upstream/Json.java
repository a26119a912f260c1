package io.ptn.price.feed.upstream;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Small readers over Jackson trees that tell "missing" from "present but unusable". */
public final class Json {

    private Json() {
    }

    /** A number field (JSON number or numeric string); NaN when missing or unreadable. */
    public static double num(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** An integral field; -1 when missing or not a number. */
    public static long lng(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isNumber() ? v.longValue() : -1;
    }

    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** An ISO-8601 timestamp field as epoch ms; -1 when missing or unreadable. */
    public static long isoMs(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null) {
            return -1;
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e2) {
                return -1;
            }
        }
    }
}
