package io.ptn.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the monitoring pieces against the base manifests and the services: deploy/k8s/components/monitoring
 * (ServiceMonitors, PrometheusRule, the scraper's NetworkPolicy), the rules file deploy/monitoring/alerts.yaml and
 * its runbook, and the compose monitoring override's Prometheus configuration. Returns the violations.
 */
final class MonitoringChecks {
    static final String METRICS_PATH = "/q/metrics";
    static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    static final String RUNBOOK = "docs/operations.md";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern JOB = Pattern.compile("job\\s*(=~|=)\\s*\"([^\"]*)\"");

    private final List<String> violations = new ArrayList<>();

    private MonitoringChecks() {
    }

    /** The component's objects against the base and the services. */
    static List<String> checkComponent(List<Object> component, List<HasMetadata> base,
            Map<String, ServiceConfig> services, String alertsYaml) {
        MonitoringChecks c = new MonitoringChecks();
        Set<String> monitored = new HashSet<>();
        int rules = 0;
        for (Object o : component) {
            if (o instanceof MonitoringCrds.ServiceMonitor sm) {
                c.serviceMonitor(sm, base, services, monitored);
            } else if (o instanceof MonitoringCrds.PrometheusRule pr) {
                rules++;
                c.prometheusRule(pr, alertsYaml);
            } else if (o instanceof NetworkPolicy np) {
                c.scraperPolicy(np, base, services);
            }
        }
        for (String s : services.keySet()) {
            if (!monitored.contains(s)) {
                c.violations.add("no ServiceMonitor scrapes " + s);
            }
        }
        if (rules != 1) {
            c.violations.add("expected one PrometheusRule, found " + rules);
        }
        return c.violations;
    }

    /** The rules file on its own: what every alert must carry, and a runbook section per alert. */
    static List<String> checkRules(MonitoringCrds.RuleFile rules, Map<String, ServiceConfig> services,
            String runbook) {
        MonitoringChecks c = new MonitoringChecks();
        Set<String> names = new HashSet<>();
        for (MonitoringCrds.Group g : Optional.ofNullable(rules.groups()).orElse(List.of())) {
            for (MonitoringCrds.Rule r : Optional.ofNullable(g.rules()).orElse(List.of())) {
                c.rule(g.name(), r, names, services, runbook);
            }
        }
        if (names.isEmpty()) {
            c.violations.add("no alert rules");
        }
        return c.violations;
    }

    /** deploy/monitoring/prometheus.yml: scrapes every service on its port and path, loads the rules file. */
    static List<String> checkPrometheusConfig(JsonNode config, Map<String, ServiceConfig> services,
            String rulesMountPath, String alertmanagerService) {
        MonitoringChecks c = new MonitoringChecks();
        List<String> ruleFiles = new ArrayList<>();
        config.path("rule_files").forEach(f -> ruleFiles.add(f.asText()));
        if (!ruleFiles.equals(List.of(rulesMountPath))) {
            c.violations.add("rule_files " + ruleFiles + ", expected [" + rulesMountPath + "]");
        }
        boolean alertmanager = false;
        for (JsonNode am : config.path("alerting").path("alertmanagers")) {
            for (JsonNode sc : am.path("static_configs")) {
                for (JsonNode t : sc.path("targets")) {
                    alertmanager |= t.asText().startsWith(alertmanagerService + ":");
                }
            }
        }
        if (!alertmanager) {
            c.violations.add("alerting does not send to the " + alertmanagerService + " service");
        }
        Set<String> jobs = new HashSet<>();
        for (JsonNode job : config.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            ServiceConfig svc = services.get(name);
            if (svc == null) {
                continue; // e.g. Prometheus scraping itself
            }
            jobs.add(name);
            if (!METRICS_PATH.equals(job.path("metrics_path").asText())) {
                c.violations.add("job " + name + ": metrics_path " + job.path("metrics_path").asText() + ", expected "
                        + METRICS_PATH);
            }
            List<String> targets = new ArrayList<>();
            job.path("static_configs").forEach(sc -> sc.path("targets").forEach(t -> targets.add(t.asText())));
            if (!targets.equals(List.of(name + ":" + svc.httpPort()))) {
                c.violations.add("job " + name + ": targets " + targets + ", expected [" + name + ":" + svc.httpPort()
                        + "]");
            }
        }
        for (String s : services.keySet()) {
            if (!jobs.contains(s)) {
                c.violations.add("no scrape job named " + s + " (the rules match job=\"" + s + "\")");
            }
        }
        return c.violations;
    }

    private void serviceMonitor(MonitoringCrds.ServiceMonitor sm, List<HasMetadata> base,
            Map<String, ServiceConfig> services, Set<String> monitored) {
        String where = "ServiceMonitor/" + sm.metadata().name();
        List<Service> selected = base.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> selects(sm.spec().selector(), s.getMetadata().getLabels())).toList();
        if (selected.size() != 1) {
            violations.add(where + ": selects " + selected.stream().map(s -> s.getMetadata().getName()).toList()
                    + ", expected exactly one Service (a second one would scrape the same pods twice)");
            return;
        }
        Service svc = selected.get(0);
        String service = svc.getMetadata().getName();
        if (!services.containsKey(service) || !sm.metadata().name().equals(service)) {
            violations.add(where + ": selects Service " + service + "; name it after the service it scrapes");
            return;
        }
        monitored.add(service);
        if (sm.spec().endpoints() == null || sm.spec().endpoints().size() != 1) {
            violations.add(where + ": expected one endpoint");
            return;
        }
        MonitoringCrds.Endpoint e = sm.spec().endpoints().get(0);
        Optional<ServicePort> port = svc.getSpec().getPorts().stream().filter(p -> Objects.equals(p.getName(), e.port()))
                .findFirst();
        if (port.isEmpty() || port.get().getPort() != services.get(service).httpPort()) {
            violations.add(where + ": endpoint port '" + e.port() + "' is not Service " + service + "'s port "
                    + services.get(service).httpPort());
        }
        if (!METRICS_PATH.equals(e.path())) {
            violations.add(where + ": path " + e.path() + ", expected " + METRICS_PATH);
        }
        if (e.interval() == null || e.scrapeTimeout() == null || millis(e.scrapeTimeout()) >= millis(e.interval())) {
            violations.add(where + ": interval and a shorter scrapeTimeout required");
        }
    }

    private void prometheusRule(MonitoringCrds.PrometheusRule pr, String alertsYaml) {
        JsonNode spec = StrictYaml.MAPPER.valueToTree(pr.spec());
        JsonNode source = StrictYaml.MAPPER.valueToTree(MonitoringCrds.parseRuleFile(alertsYaml));
        if (!spec.equals(source)) {
            violations.add("PrometheusRule/" + pr.metadata().name() + ": spec differs from deploy/monitoring/alerts.yaml;"
                    + " run deploy/monitoring/render-prometheusrule.sh");
        }
    }

    private void scraperPolicy(NetworkPolicy np, List<HasMetadata> base, Map<String, ServiceConfig> services) {
        String where = "NetworkPolicy/" + np.getMetadata().getName();
        Map<String, String> price = Map.of("app.kubernetes.io/name", Repo.PRICE);
        var podSelector = np.getSpec().getPodSelector();
        if (podSelector == null || !price.equals(podSelector.getMatchLabels())) {
            violations.add(where + ": podSelector must select the price pods");
        }
        var rules = Optional.ofNullable(np.getSpec().getIngress()).orElse(List.of());
        for (var rule : rules) {
            for (var peer : Optional.ofNullable(rule.getFrom()).orElse(List.of())) {
                if (peer.getNamespaceSelector() == null || peer.getPodSelector() == null || peer.getIpBlock() != null) {
                    violations.add(where + ": a peer must name the monitoring namespace and its Prometheus pods");
                }
            }
            for (var p : Optional.ofNullable(rule.getPorts()).orElse(List.of())) {
                if (p.getPort() == null || !Objects.equals(p.getPort().getIntVal(), services.get(Repo.PRICE).httpPort())) {
                    violations.add(where + ": port must be the price service's HTTP port "
                            + services.get(Repo.PRICE).httpPort());
                }
            }
        }
        if (rules.isEmpty()) {
            violations.add(where + ": no ingress rule");
        }
    }

    private void rule(String group, MonitoringCrds.Rule r, Set<String> names, Map<String, ServiceConfig> services,
            String runbook) {
        String where = group + "/" + r.alert();
        if (r.alert() == null || r.alert().isBlank()) {
            violations.add(group + ": a rule without an alert name (recording rules are not used here)");
            return;
        }
        if (!names.add(r.alert())) {
            violations.add(where + ": alert name used twice");
        }
        if (r.expr() == null || r.expr().isBlank()) {
            violations.add(where + ": no expr");
        } else {
            Matcher m = JOB.matcher(r.expr());
            while (m.find()) {
                for (String job : m.group(2).split("\\|")) {
                    if (!services.containsKey(job)) {
                        violations.add(where + ": job \"" + job + "\" is no service; jobs are the Service names");
                    }
                }
            }
        }
        if (r.forDuration() == null || !DURATION.matcher(r.forDuration()).matches()) {
            violations.add(where + ": `for:` must be set (a duration such as 5m)");
        }
        Map<String, String> labels = Optional.ofNullable(r.labels()).orElse(Map.of());
        if (!SEVERITIES.contains(labels.get("severity"))) {
            violations.add(where + ": severity label " + labels.get("severity") + " is not one of " + SEVERITIES);
        }
        Map<String, String> ann = Optional.ofNullable(r.annotations()).orElse(Map.of());
        for (String a : List.of("summary", "description", "runbook_url")) {
            if (ann.get(a) == null || ann.get(a).isBlank()) {
                violations.add(where + ": annotation " + a + " missing");
            }
        }
        String anchor = r.alert().toLowerCase(Locale.ROOT);
        if (!(RUNBOOK + "#" + anchor).equals(ann.get("runbook_url"))) {
            violations.add(where + ": runbook_url " + ann.get("runbook_url") + ", expected " + RUNBOOK + "#" + anchor);
        }
        if (!Pattern.compile("(?m)^### " + Pattern.quote(r.alert()) + "\\s*$").matcher(runbook).find()) {
            violations.add(where + ": " + RUNBOOK + " has no section '### " + r.alert() + "'");
        }
    }

    /** matchLabels all present and every matchExpression (Exists/DoesNotExist/In/NotIn) true. */
    static boolean selects(MonitoringCrds.Selector selector, Map<String, String> labels) {
        Map<String, String> l = Optional.ofNullable(labels).orElse(Map.of());
        if (selector == null || selector.matchLabels() == null || selector.matchLabels().isEmpty()
                || !l.entrySet().containsAll(selector.matchLabels().entrySet())) {
            return false;
        }
        for (MonitoringCrds.Expression e : Optional.ofNullable(selector.matchExpressions()).orElse(List.of())) {
            List<String> values = Optional.ofNullable(e.values()).orElse(List.of());
            boolean ok = switch (e.operator()) {
                case "Exists" -> l.containsKey(e.key());
                case "DoesNotExist" -> !l.containsKey(e.key());
                case "In" -> values.contains(l.get(e.key()));
                case "NotIn" -> !values.contains(l.get(e.key()));
                default -> throw new IllegalArgumentException("unknown selector operator " + e.operator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static long millis(String duration) {
        Matcher m = DURATION.matcher(duration);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported duration " + duration);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
    }
}
