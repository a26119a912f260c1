package io.ptn.validator.client;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The price service's own health ({@code /q/health}) as the status page shows it: overall status, open and fresh
 * pairs, and per provider its state, fresh pairs and last event age, read from the {@code prices-fresh} check's
 * data. Behind a timeout and a fallback: a price service that does not answer (or not in time) reads as DOWN, never as an error.
 */
@ApplicationScoped
public class PriceServiceHealth {

    @RegisterForReflection
    public record View(String status, boolean reachable, String error, Integer openPairs, Integer freshPairs,
            List<ProviderView> providers, List<CheckView> checks) {

        static View unreachable(String error) {
            return new View("DOWN", false, error, null, null, List.of(), List.of());
        }
    }

    @RegisterForReflection
    public record ProviderView(String name, String state, Integer freshPairs, Long lastEventAgeMs,
            String streamsConnected, String rest) {
    }

    @RegisterForReflection
    public record CheckView(String name, String status) {
    }

    static final String PROVIDER_PREFIX = "provider.";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

    private final PriceHealthApi api;
    private final ObjectMapper mapper;

    PriceServiceHealth(@RestClient PriceHealthApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @Fallback(PriceHealthFallback.class)
    public View read() {
        String body;
        try {
            body = api.health();
        } catch (PriceHealthDownException e) {
            body = e.body();
        }
        return parse(body);
    }

    View parse(String body) {
        JsonNode doc;
        try {
            doc = mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return View.unreachable("unreadable health answer");
        }
        if (doc == null || !doc.path("status").isTextual()) {
            return View.unreachable("health answer without a status");
        }
        List<CheckView> checks = new ArrayList<>();
        List<ProviderView> providers = new ArrayList<>();
        Integer open = null;
        Integer fresh = null;
        for (JsonNode check : doc.path("checks")) {
            String name = check.path("name").asText();
            checks.add(new CheckView(name, check.path("status").asText()));
            JsonNode data = check.path("data");
            if (data.has("openPairs")) {
                open = data.path("openPairs").asInt();
                fresh = data.path("freshPairs").asInt();
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith(PROVIDER_PREFIX)) {
                    providers.add(provider(e.getKey().substring(PROVIDER_PREFIX.length()), e.getValue().asText()));
                }
            }
        }
        return new View(doc.path("status").asText(), true, null, open, fresh, List.copyOf(providers),
                List.copyOf(checks));
    }

    /** {@code state=CONNECTED freshPairs=38 streamsConnected=4/4 lastEventAgeMs=3 reconnects=0 rest=...}. */
    private static ProviderView provider(String name, String line) {
        String state = null;
        Integer freshPairs = null;
        Long lastEventAge = null;
        String streams = null;
        String rest = null;
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            String v = m.group(2);
            switch (m.group(1)) {
                case "state" -> state = v;
                case "freshPairs" -> freshPairs = intOrNull(v);
                case "lastEventAgeMs" -> lastEventAge = longOrNull(v);
                case "streamsConnected" -> streams = v;
                case "rest" -> rest = v;
                default -> { }
            }
            if (m.group(1).equals("restLastError") || m.group(1).equals("lastError")) {
                break; // free text from here on
            }
        }
        return new ProviderView(name, state, freshPairs, lastEventAge == null || lastEventAge < 0 ? null : lastEventAge,
                streams, rest);
    }

    private static Integer intOrNull(String v) {
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longOrNull(String v) {
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
