package io.ptn.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks deploy/compose.yaml (the base) and deploy/compose.test.yaml (the host-network test override) against the
 * services' configuration, and keeps them inside what docker-compose 1.29 understands.
 */
final class ComposeChecks {
    /** Service keys both docker-compose 1.29 and compose v2 read the same way. */
    static final Set<String> SERVICE_KEYS = Set.of("image", "build", "environment", "ports", "healthcheck", "restart",
            "stop_grace_period", "deploy", "volumes", "depends_on", "network_mode");
    static final Set<String> HEALTHCHECK_KEYS = Set.of("test", "interval", "timeout", "retries", "start_period");
    static final List<String> HEALTH_TEST = List.of("CMD", "/deployments/healthcheck.sh", "/q/health/ready");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    private final Map<String, ServiceConfig> services;
    private final List<String> violations = new ArrayList<>();

    private ComposeChecks(Map<String, ServiceConfig> services) {
        this.services = services;
    }

    static List<String> checkBase(String yaml, Map<String, ServiceConfig> services) {
        ComposeChecks c = new ComposeChecks(services);
        c.base(single(yaml));
        return c.violations;
    }

    static List<String> checkTestOverride(String yaml, Map<String, ServiceConfig> services) {
        ComposeChecks c = new ComposeChecks(services);
        c.testOverride(single(yaml));
        return c.violations;
    }

    private static JsonNode single(String yaml) {
        var docs = StrictYaml.documents(yaml);
        if (docs.size() != 1) {
            throw new IllegalArgumentException("a compose file holds one document");
        }
        return docs.get(0);
    }

    /** Resolves ${VAR:-default} / ${VAR-default} to the default and ${VAR} to "", as with an empty environment. */
    static String resolve(String value) {
        return resolve(value, Map.of());
    }

    static String resolve(String value, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.getOrDefault(m.group(1), m.group(2) == null ? "" : m.group(2));
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private void common(JsonNode doc) {
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            String top = it.next();
            if (!Set.of("services", "volumes").contains(top)) {
                violations.add("top-level '" + top + "' is not used here (a `version:` key switches docker-compose "
                        + "1.29 to the v3 format, which ignores deploy.resources; `name:` needs compose v2)");
            }
        }
        JsonNode svcs = doc.path("services");
        for (Iterator<Map.Entry<String, JsonNode>> it = svcs.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!services.containsKey(e.getKey())) {
                violations.add("service " + e.getKey() + " is not one of " + services.keySet());
                continue;
            }
            for (Iterator<String> f = e.getValue().fieldNames(); f.hasNext(); ) {
                String key = f.next();
                if (!SERVICE_KEYS.contains(key)) {
                    violations.add(e.getKey() + ": key '" + key + "' is outside what docker-compose 1.29 reads");
                }
            }
            for (Iterator<String> f = e.getValue().path("healthcheck").fieldNames(); f.hasNext(); ) {
                String key = f.next();
                if (!HEALTHCHECK_KEYS.contains(key)) {
                    violations.add(e.getKey() + ": healthcheck." + key + " is outside what docker-compose 1.29 reads");
                }
            }
            String image = e.getValue().path("image").asText(null);
            if (image != null && !resolve(image).startsWith("ptn/" + e.getKey() + ":")) {
                violations.add(e.getKey() + ": image " + image + " is not ptn/" + e.getKey() + ":<variant>");
            }
            String dockerfile = e.getValue().path("build").path("dockerfile").asText(null);
            if (dockerfile != null) {
                for (String variant : List.of("native", "jvm")) {
                    String path = resolve(dockerfile, Map.of("IMAGE_VARIANT", variant));
                    if (!path.startsWith(e.getKey() + "/src/main/docker/") || !Files.isRegularFile(Repo.path(path))) {
                        violations.add(e.getKey() + ": build.dockerfile " + path + " is not this service's Dockerfile");
                    }
                }
            }
            env(e.getKey(), e.getValue()).keySet().forEach(name -> {
                if (!services.get(e.getKey()).readsEnv(name)) {
                    violations.add(e.getKey() + ": env " + name + " maps to no config key " + e.getKey() + " reads");
                }
            });
        }
    }

    private void base(JsonNode doc) {
        common(doc);
        JsonNode svcs = doc.path("services");
        for (String name : services.keySet()) {
            JsonNode s = svcs.path(name);
            if (s.isMissingNode()) {
                violations.add("service " + name + " missing");
                continue;
            }
            ServiceConfig config = services.get(name);
            List<String> test = new ArrayList<>();
            s.path("healthcheck").path("test").forEach(t -> test.add(t.asText()));
            if (!test.equals(HEALTH_TEST)) {
                violations.add(name + ": healthcheck.test " + test + ", expected " + HEALTH_TEST);
            }
            for (String key : HEALTHCHECK_KEYS) {
                if (s.path("healthcheck").path(key).isMissingNode()) {
                    violations.add(name + ": healthcheck." + key + " not set");
                }
            }
            if (!"unless-stopped".equals(s.path("restart").asText())) {
                violations.add(name + ": restart must be unless-stopped");
            }
            JsonNode limits = s.path("deploy").path("resources").path("limits");
            if (limits.path("memory").isMissingNode() || limits.path("cpus").isMissingNode()) {
                violations.add(name + ": deploy.resources.limits.memory and .cpus required");
            }
            if (seconds(s.path("stop_grace_period").asText("10s")) <= K8sChecks.SHUTDOWN_DELAY_SECONDS) {
                violations.add(name + ": stop_grace_period must exceed the shutdown delay");
            }
            if (s.path("ports").isEmpty()) {
                violations.add(name + ": publishes no port");
            }
            s.path("ports").forEach(p -> {
                String[] parts = resolve(p.asText()).split(":");
                if (Integer.parseInt(parts[parts.length - 1]) != config.httpPort()) {
                    violations.add(name + ": port " + p.asText() + " does not target quarkus.http.port "
                            + config.httpPort());
                }
            });
        }
        JsonNode validator = svcs.path(Repo.VALIDATOR);
        if (!"service_healthy".equals(validator.path("depends_on").path(Repo.PRICE).path("condition").asText())) {
            violations.add(Repo.VALIDATOR + ": depends_on " + Repo.PRICE + " with condition service_healthy required");
        }
        Map<String, String> env = env(Repo.VALIDATOR, validator);
        String url = env.get("QUARKUS_REST_CLIENT_LIVE_PRICE_URL");
        if (url == null) {
            violations.add(Repo.VALIDATOR + ": QUARKUS_REST_CLIENT_LIVE_PRICE_URL not set");
        } else {
            URI uri = URI.create(url);
            if (!svcs.has(uri.getHost()) || !Repo.PRICE.equals(uri.getHost())
                    || uri.getPort() != services.get(Repo.PRICE).httpPort()) {
                violations.add(Repo.VALIDATOR + ": price URL " + url + " is not http://" + Repo.PRICE + ":"
                        + services.get(Repo.PRICE).httpPort());
            }
        }
        String dataDir = env.get("VALIDATOR_DATA_DIR");
        boolean onNamedVolume = false;
        for (JsonNode v : validator.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts.length >= 2 && parts[1].equals(dataDir) && doc.path("volumes").has(parts[0])) {
                onNamedVolume = true;
            }
        }
        if (dataDir == null || !onNamedVolume) {
            violations.add(Repo.VALIDATOR + ": VALIDATOR_DATA_DIR (" + dataDir + ") must be a named volume's mount");
        }
    }

    private void testOverride(JsonNode doc) {
        common(doc);
        JsonNode svcs = doc.path("services");
        Set<String> ports = new HashSet<>();
        Map<String, String> portOf = new LinkedHashMap<>();
        for (String name : services.keySet()) {
            JsonNode s = svcs.path(name);
            if (!"host".equals(s.path("network_mode").asText())) {
                violations.add(name + ": network_mode must be host (test traffic stays on loopback)");
            }
            if (!resolve(s.path("image").asText()).equals("ptn/" + name + ":jvm")) {
                violations.add(name + ": the smoke test runs the locally built ptn/" + name + ":jvm");
            }
            if (s.has("ports")) {
                violations.add(name + ": no published ports under network_mode host");
            }
            Map<String, String> env = env(name, s);
            if (!"127.0.0.1".equals(env.get("QUARKUS_HTTP_HOST"))) {
                violations.add(name + ": QUARKUS_HTTP_HOST must be 127.0.0.1 (loopback only)");
            }
            String port = env.get("QUARKUS_HTTP_PORT");
            if (port == null || !ports.add(port)) {
                violations.add(name + ": needs its own QUARKUS_HTTP_PORT (the health check script follows it)");
            }
            portOf.put(name, port);
        }
        String url = env(Repo.VALIDATOR, svcs.path(Repo.VALIDATOR)).get("QUARKUS_REST_CLIENT_LIVE_PRICE_URL");
        String expected = "http://localhost:" + portOf.get(Repo.PRICE);
        if (!expected.equals(url)) {
            violations.add(Repo.VALIDATOR + ": price URL " + url + ", expected " + expected);
        }
    }

    /** environment as a map (both the mapping and the list form), defaults of ${VAR:-x} resolved. */
    static Map<String, String> env(String service, JsonNode s) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = s.path("environment");
        if (e.isArray()) {
            e.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? resolve(kv[1]) : "");
            });
        } else {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), resolve(f.getValue().asText())));
        }
        return env;
    }

    static long seconds(String duration) {
        Matcher m = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?").matcher(duration.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported duration " + duration);
        }
        return (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 60) + (m.group(2) == null ? 0
                : Long.parseLong(m.group(2)));
    }
}
