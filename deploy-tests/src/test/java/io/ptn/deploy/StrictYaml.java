package io.ptn.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Strict YAML reading. Jackson fails on unknown properties and duplicate keys; fabric8's model classes swallow
 * unknown fields into {@code additionalProperties}, so after binding every nested model object is walked and any
 * additional property is an error (a misspelt {@code readinesProbe} must not pass silently).
 */
final class StrictYaml {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** kind -> (apiVersion, model class): the only kinds deploy/k8s may contain. */
    static final Map<String, Map.Entry<String, Class<? extends HasMetadata>>> KINDS = Map.of(
            "Deployment", Map.entry("apps/v1", Deployment.class),
            "StatefulSet", Map.entry("apps/v1", StatefulSet.class),
            "Service", Map.entry("v1", Service.class),
            "ConfigMap", Map.entry("v1", ConfigMap.class),
            "Secret", Map.entry("v1", Secret.class),
            "PodDisruptionBudget", Map.entry("policy/v1", PodDisruptionBudget.class),
            "NetworkPolicy", Map.entry("networking.k8s.io/v1", NetworkPolicy.class));

    private StrictYaml() {
    }

    /** All documents of a (multi-document) YAML text; empty documents are skipped. */
    static List<JsonNode> documents(String yaml) {
        try (var parser = MAPPER.getFactory().createParser(yaml)) {
            List<JsonNode> docs = new ArrayList<>();
            var it = MAPPER.readValues(parser, JsonNode.class);
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    docs.add(node);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binds one manifest document to its fabric8 type, failing on an unknown kind, apiVersion or field. */
    static HasMetadata toTyped(JsonNode doc) {
        String kind = doc.path("kind").asText();
        var expected = KINDS.get(kind);
        if (expected == null) {
            throw new IllegalArgumentException("unsupported kind '" + kind + "'");
        }
        String apiVersion = doc.path("apiVersion").asText();
        if (!expected.getKey().equals(apiVersion)) {
            throw new IllegalArgumentException(kind + ": apiVersion '" + apiVersion + "', expected " + expected.getKey());
        }
        HasMetadata typed;
        try {
            typed = MAPPER.treeToValue(doc, expected.getValue());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(kind + ": " + e.getOriginalMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        collectAdditional(typed, kind, unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(kind + ": unknown field(s) " + unknown);
        }
        return typed;
    }

    static List<HasMetadata> parseManifests(String yaml) {
        return documents(yaml).stream().map(StrictYaml::toTyped).toList();
    }

    static <T> T bind(JsonNode doc, TypeReference<T> type) {
        try {
            return MAPPER.readerFor(type).readValue(doc);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void collectAdditional(Object o, String path, List<String> out) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                collectAdditional(e, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collectAdditional(v, path + "." + k, out));
            return;
        }
        if (!o.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> out.add(path + "." + k));
                }
                continue;
            }
            if (value instanceof Collection<?> || value instanceof Map<?, ?>
                    || (value != null && value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model"))) {
                String field = getter.getName().substring(3);
                collectAdditional(value, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), out);
            }
        }
    }
}
