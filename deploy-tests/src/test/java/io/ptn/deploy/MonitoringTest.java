package io.ptn.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/k8s/components/monitoring, deploy/monitoring and the compose monitoring override. */
class MonitoringTest {
    private static final String COMPONENT = "deploy/k8s/components/monitoring/";
    private static final String ALERTS = Repo.read("deploy/monitoring/alerts.yaml");
    private static final String RUNBOOK = Repo.read("docs/operations.md");

    /** The component's resources in kustomization order, each bound strictly; files may be replaced by text. */
    static List<Object> component(Map<String, String> replaced) {
        Kustomization k = Kustomization.parse(Repo.read(COMPONENT + "kustomization.yaml"));
        assertEquals("Component", k.kind());
        List<Object> out = new ArrayList<>();
        for (String r : k.resourcesOrEmpty()) {
            String text = replaced.getOrDefault(r, Repo.read(COMPONENT + r));
            for (JsonNode doc : StrictYaml.documents(text)) {
                out.add(MonitoringCrds.isMonitoringKind(doc) ? MonitoringCrds.parse(doc) : StrictYaml.toTyped(doc));
            }
        }
        return out;
    }

    private static List<String> componentViolations(String file, UnaryOperator<String> edit) {
        List<HasMetadata> base = K8sManifestTest.base();
        return MonitoringChecks.checkComponent(component(Map.of(file, edit.apply(Repo.read(COMPONENT + file)))), base,
                K8sManifestTest.services(), ALERTS);
    }

    private static void assertComponentViolation(String expected, String file, UnaryOperator<String> edit) {
        List<String> v = componentViolations(file, edit);
        assertTrue(v.stream().anyMatch(s -> s.contains(expected)), "expected '" + expected + "' in " + v);
    }

    @Test
    void componentAgreesWithTheBaseAndTheServices() {
        assertEquals(List.of(), MonitoringChecks.checkComponent(component(Map.of()), K8sManifestTest.base(),
                K8sManifestTest.services(), ALERTS));
    }

    @Test
    void prometheusRuleIsTheRulesFileNotACopyByHand() {
        assertComponentViolation("spec differs from deploy/monitoring/alerts.yaml", "prometheusrule.yaml",
                t -> t.replace("for: 1m", "for: 2m"));
        assertComponentViolation("spec differs", "prometheusrule.yaml",
                t -> t.replace("severity: info", "severity: warning"));
    }

    @Test
    void serviceMonitorsThatScrapeTheWrongThingAreCaught() {
        assertComponentViolation("expected exactly one Service", "validator-service-servicemonitor.yaml",
                t -> t.replace("operator: DoesNotExist", "operator: Exists").replace("key: ptn/headless",
                        "key: app.kubernetes.io/part-of"));
        assertComponentViolation("selects [validator-service, validator-service-headless]",
                "validator-service-servicemonitor.yaml", t -> t.replaceAll("(?s)    matchExpressions:.*?DoesNotExist\n", ""));
        assertComponentViolation("endpoint port 'metrics'", "live-price-service-servicemonitor.yaml",
                t -> t.replace("port: http", "port: metrics"));
        assertComponentViolation("path /metrics", "live-price-service-servicemonitor.yaml",
                t -> t.replace("path: /q/metrics", "path: /metrics"));
        assertComponentViolation("shorter scrapeTimeout", "live-price-service-servicemonitor.yaml",
                t -> t.replace("scrapeTimeout: 10s", "scrapeTimeout: 30s"));
        assertComponentViolation("no ServiceMonitor scrapes live-price-service", "live-price-service-servicemonitor.yaml",
                t -> t.replace("app.kubernetes.io/name: live-price-service\n  endpoints",
                        "app.kubernetes.io/name: validator-service\n  endpoints"));
        assertComponentViolation("port must be the price service's HTTP port", "live-price-service-metrics-networkpolicy.yaml",
                t -> t.replace("port: 8081", "port: 9090"));
    }

    @Test
    void crdsParseStrictly() {
        var misspelt = assertThrows(IllegalArgumentException.class, () -> component(Map.of(
                "live-price-service-servicemonitor.yaml",
                Repo.read(COMPONENT + "live-price-service-servicemonitor.yaml").replace("scrapeTimeout:", "scrapeTimeOut:"))));
        assertTrue(misspelt.getMessage().contains("scrapeTimeOut"), misspelt.getMessage());
        assertThrows(IllegalArgumentException.class, () -> component(Map.of("prometheusrule.yaml",
                Repo.read(COMPONENT + "prometheusrule.yaml").replace("apiVersion: monitoring.coreos.com/v1",
                        "apiVersion: monitoring.coreos.com/v1beta1"))));
        assertThrows(IllegalArgumentException.class, () -> MonitoringCrds.parseRuleFile(
                ALERTS.replace("annotations:", "anotations:")));
    }

    @Test
    void everyAlertHasForSeveritySummaryAndARunbookSection() {
        MonitoringCrds.RuleFile rules = MonitoringCrds.parseRuleFile(ALERTS);
        assertEquals(List.of(), MonitoringChecks.checkRules(rules, K8sManifestTest.services(), RUNBOOK));
        long alerts = rules.groups().stream().mapToLong(g -> g.rules().size()).sum();
        assertTrue(alerts >= 15, "only " + alerts + " alerts");
    }

    @Test
    void rulesWithoutForSeverityOrRunbookAreCaught() {
        assertRules("PriceServiceDown: `for:` must be set", ALERTS.replaceFirst(" {8}for: 1m\n", ""), RUNBOOK);
        assertRules("severity label page", ALERTS.replaceFirst("severity: critical", "severity: page"), RUNBOOK);
        assertRules("has no section '### ValidatorStoreNotReady'", ALERTS,
                RUNBOOK.replace("### ValidatorStoreNotReady", "### Store"));
        assertRules("runbook_url docs/operations.md#store", ALERTS.replace("operations.md#validatorstorenotready",
                "operations.md#store"), RUNBOOK);
        assertRules("job \"validator\" is no service", ALERTS.replace("job=\"validator-service\"", "job=\"validator\""),
                RUNBOOK);
    }

    @Test
    void composePrometheusScrapesBothServicesWithTheRules() {
        JsonNode override = StrictYaml.documents(Repo.read("deploy/compose.monitoring.yaml")).get(0);
        JsonNode prometheus = override.path("services").path("prometheus");
        List<String> volumes = new ArrayList<>();
        prometheus.path("volumes").forEach(v -> volumes.add(v.asText()));
        assertTrue(volumes.contains("./monitoring/alerts.yaml:/etc/prometheus/alerts.yaml:ro"), volumes.toString());
        assertTrue(volumes.contains("./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml:ro"), volumes.toString());
        assertTrue(override.path("services").has("alertmanager"));
        assertEquals(List.of("alertmanager", "prometheus"), override.path("services").properties().stream()
                .map(Map.Entry::getKey).sorted().toList(), "the override adds monitoring only");
        JsonNode config = StrictYaml.documents(Repo.read("deploy/monitoring/prometheus.yml")).get(0);
        assertEquals(List.of(), MonitoringChecks.checkPrometheusConfig(config, K8sManifestTest.services(),
                "/etc/prometheus/alerts.yaml", "alertmanager"));
        JsonNode wrongPort = StrictYaml.documents(Repo.read("deploy/monitoring/prometheus.yml")
                .replace("'validator-service:8082'", "'validator-service:8080'")).get(0);
        assertTrue(MonitoringChecks.checkPrometheusConfig(wrongPort, K8sManifestTest.services(),
                "/etc/prometheus/alerts.yaml", "alertmanager").stream().anyMatch(v -> v.contains("validator-service:8082")));
        JsonNode renamed = StrictYaml.documents(Repo.read("deploy/monitoring/prometheus.yml")
                .replace("job_name: live-price-service", "job_name: prices")).get(0);
        assertTrue(MonitoringChecks.checkPrometheusConfig(renamed, K8sManifestTest.services(),
                "/etc/prometheus/alerts.yaml", "alertmanager").stream().anyMatch(v -> v.contains("no scrape job named")));
    }

    private static void assertRules(String expected, String alerts, String runbook) {
        List<String> v = MonitoringChecks.checkRules(MonitoringCrds.parseRuleFile(alerts), K8sManifestTest.services(),
                runbook);
        assertTrue(v.stream().anyMatch(s -> s.contains(expected)), "expected '" + expected + "' in " + v);
    }
}
