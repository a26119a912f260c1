package io.ptn.validator.service;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.validator.OrderType;

/**
 * Reads an order body field by field so every malformed input gets a 400 naming the field (unknown field, wrong
 * type, missing, bad enum, non-UUID), instead of a generic deserialisation error.
 */
@ApplicationScoped
public class OrderParser {

    private static final Set<String> FIELDS = Set.of("orderUuid", "minerHotkey", "tradePair", "orderType", "leverage");
    private static final int MAX_HOTKEY = 128;

    private final ObjectMapper mapper;

    public OrderParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public OrderRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw bad("the request body is empty; expected an order object", null);
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw bad("the request body is not valid JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw bad("the request body cannot be read", null);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw bad("the request body is empty; expected an order object", null);
        }
        if (!root.isObject()) {
            throw bad("the request body must be a JSON object", null);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                throw bad("unknown field '" + name + "'", name);
            }
        }
        String uuidText = text(root, "orderUuid", true);
        UUID uuid;
        try {
            uuid = UUID.fromString(uuidText);
            if (!uuid.toString().equalsIgnoreCase(uuidText)) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw bad("orderUuid must be a UUID", "orderUuid");
        }
        String hotkey = text(root, "minerHotkey", true);
        if (hotkey.isBlank() || hotkey.length() > MAX_HOTKEY) {
            throw bad("minerHotkey must be 1 to " + MAX_HOTKEY + " characters", "minerHotkey");
        }
        String pair = text(root, "tradePair", true);
        if (pair.isBlank()) {
            throw bad("tradePair must not be blank", "tradePair");
        }
        String typeText = text(root, "orderType", true);
        OrderType type;
        try {
            type = OrderType.valueOf(typeText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("orderType must be one of LONG, SHORT, FLAT", "orderType");
        }
        JsonNode lev = root.get("leverage");
        Double leverage = null;
        if (lev == null || lev.isNull()) {
            if (type != OrderType.FLAT) {
                throw bad("leverage is required", "leverage");
            }
        } else {
            if (!lev.isNumber()) {
                throw bad("leverage must be a number", "leverage");
            }
            double d = lev.asDouble();
            if (!Double.isFinite(d)) {
                throw bad("leverage must be a finite number", "leverage");
            }
            if (d <= 0) {
                throw bad("leverage must be positive (the side comes from orderType)", "leverage");
            }
            leverage = d;
        }
        return new OrderRequest(uuid, hotkey, pair, type, leverage);
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw bad(field + " is required", field);
        }
        if (!n.isTextual()) {
            throw bad(field + " must be a string", field);
        }
        return n.asText();
    }

    private static ProblemException bad(String detail, String field) {
        return new ProblemException(400, detail, field);
    }
}
