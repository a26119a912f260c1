package io.ptn.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Prometheus Operator's CRDs as far as deploy/k8s uses them, bound strictly like every other manifest: fabric8
 * has no model for them, so these records name exactly the fields we rely on and any other field fails the parse.
 */
final class MonitoringCrds {
    static final String API_VERSION = "monitoring.coreos.com/v1";
    static final Set<String> KINDS = Set.of("ServiceMonitor", "PrometheusRule");

    private MonitoringCrds() {
    }

    record Metadata(String name, Map<String, String> labels) {
    }

    record ServiceMonitor(String apiVersion, String kind, Metadata metadata, MonitorSpec spec) {
    }

    record MonitorSpec(Selector selector, List<Endpoint> endpoints) {
    }

    record Selector(Map<String, String> matchLabels, List<Expression> matchExpressions) {
    }

    record Expression(String key, String operator, List<String> values) {
    }

    record Endpoint(String port, String path, String interval, String scrapeTimeout) {
    }

    record PrometheusRule(String apiVersion, String kind, Metadata metadata, RuleFile spec) {
    }

    /** A Prometheus rules file, which is also a PrometheusRule's spec. */
    record RuleFile(List<Group> groups) {
    }

    record Group(String name, List<Rule> rules) {
    }

    record Rule(String alert, String expr, @JsonProperty("for") String forDuration, Map<String, String> labels,
            Map<String, String> annotations) {
    }

    static boolean isMonitoringKind(JsonNode doc) {
        return KINDS.contains(doc.path("kind").asText());
    }

    /** Binds one ServiceMonitor or PrometheusRule document, failing on another apiVersion or an unknown field. */
    static Object parse(JsonNode doc) {
        String kind = doc.path("kind").asText();
        if (!API_VERSION.equals(doc.path("apiVersion").asText())) {
            throw new IllegalArgumentException(kind + ": apiVersion '" + doc.path("apiVersion").asText() + "', expected "
                    + API_VERSION);
        }
        return switch (kind) {
            case "ServiceMonitor" -> StrictYaml.bind(doc, new TypeReference<ServiceMonitor>() { });
            case "PrometheusRule" -> StrictYaml.bind(doc, new TypeReference<PrometheusRule>() { });
            default -> throw new IllegalArgumentException("unsupported kind '" + kind + "'");
        };
    }

    static RuleFile parseRuleFile(String yaml) {
        var docs = StrictYaml.documents(yaml);
        if (docs.size() != 1) {
            throw new IllegalArgumentException("a rules file holds one document");
        }
        return StrictYaml.bind(docs.get(0), new TypeReference<RuleFile>() { });
    }
}
