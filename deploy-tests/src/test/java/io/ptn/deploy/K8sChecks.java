package io.ptn.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Cross-checks a set of Kubernetes resources (the kustomize base) against the services' own configuration.
 * Returns the list of violations; an empty list means the manifests agree with the code.
 */
final class K8sChecks {
    /** quarkus.shutdown.delay from docs/contract.md; the grace period must outlast it. */
    static final int SHUTDOWN_DELAY_SECONDS = 5;

    private final List<HasMetadata> resources;
    private final Map<String, ServiceConfig> services;
    private final List<String> violations = new ArrayList<>();

    private K8sChecks(List<HasMetadata> resources, Map<String, ServiceConfig> services) {
        this.resources = resources;
        this.services = services;
    }

    static List<String> check(List<HasMetadata> resources, Map<String, ServiceConfig> services) {
        K8sChecks c = new K8sChecks(resources, services);
        c.run();
        return c.violations;
    }

    private record Workload(String kind, String name, LabelSelector selector, PodTemplateSpec template,
            int replicas) {
        Map<String, String> podLabels() {
            return Optional.ofNullable(template.getMetadata().getLabels()).orElse(Map.of());
        }

        Container container() {
            return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElse(null);
        }
    }

    private void run() {
        List<Workload> workloads = workloads();
        for (String service : services.keySet()) {
            if (workloads.stream().noneMatch(w -> w.name().equals(service))) {
                violations.add("no workload for service " + service);
            }
        }
        for (Workload w : workloads) {
            checkWorkload(w);
        }
        for (HasMetadata r : resources) {
            if (r instanceof Service s) {
                checkService(s, workloads);
            } else if (r instanceof PodDisruptionBudget pdb) {
                checkPdb(pdb, workloads);
            } else if (r instanceof NetworkPolicy np) {
                checkNetworkPolicy(np, workloads);
            }
        }
        if (resources.stream().noneMatch(NetworkPolicy.class::isInstance)) {
            violations.add("no NetworkPolicy guards " + Repo.PRICE);
        }
        if (resources.stream().noneMatch(PodDisruptionBudget.class::isInstance)) {
            violations.add("no PodDisruptionBudget for " + Repo.PRICE);
        }
        checkPriceUrl(workloads);
    }

    private List<Workload> workloads() {
        List<Workload> out = new ArrayList<>();
        for (HasMetadata r : resources) {
            if (r instanceof Deployment d) {
                out.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getSelector(),
                        d.getSpec().getTemplate(), Objects.requireNonNullElse(d.getSpec().getReplicas(), 1)));
            } else if (r instanceof StatefulSet s) {
                out.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getSelector(),
                        s.getSpec().getTemplate(), Objects.requireNonNullElse(s.getSpec().getReplicas(), 1)));
            }
        }
        return out;
    }

    private void checkWorkload(Workload w) {
        String where = w.kind() + "/" + w.name();
        ServiceConfig config = services.get(w.name());
        if (config == null) {
            violations.add(where + ": not one of the services " + services.keySet());
            return;
        }
        if (!matches(w.selector(), w.podLabels())) {
            violations.add(where + ": selector " + w.selector().getMatchLabels() + " does not match its pod labels "
                    + w.podLabels());
        }
        if (w.name().equals(Repo.PRICE) && (!(w.kind().equals("Deployment")) || w.replicas() < 2)) {
            violations.add(where + ": the price service runs as a Deployment with at least 2 replicas");
        }
        if (w.name().equals(Repo.VALIDATOR) && (!(w.kind().equals("StatefulSet")) || w.replicas() != 1)) {
            violations.add(where + ": the validator runs as a StatefulSet with exactly 1 replica");
        }
        PodSpec pod = w.template().getSpec();
        Container c = w.container();
        if (c == null) {
            violations.add(where + ": no container named " + w.name());
            return;
        }
        if (!("ptn/" + w.name()).equals(c.getImage())) {
            violations.add(where + ": image " + c.getImage() + ", expected ptn/" + w.name()
                    + " (overlays set the tag)");
        }
        Integer httpPort = containerPort(c, new IntOrString("http"));
        if (!Objects.equals(httpPort, config.httpPort())) {
            violations.add(where + ": container port 'http' is " + httpPort + " but quarkus.http.port is "
                    + config.httpPort());
        }
        checkProbe(where, "startupProbe", c.getStartupProbe(), "/q/health/started", c, config);
        checkProbe(where, "livenessProbe", c.getLivenessProbe(), "/q/health/live", c, config);
        checkProbe(where, "readinessProbe", c.getReadinessProbe(), "/q/health/ready", c, config);
        Map<String, String> env = checkEnv(where, c, config);
        checkSecurity(where, pod, c);
        Long grace = pod.getTerminationGracePeriodSeconds();
        if (grace == null || grace <= SHUTDOWN_DELAY_SECONDS) {
            violations.add(where + ": terminationGracePeriodSeconds " + grace + " must exceed the "
                    + SHUTDOWN_DELAY_SECONDS + " s shutdown delay");
        }
        var res = c.getResources();
        if (res == null || res.getRequests() == null || !res.getRequests().containsKey("memory")
                || res.getLimits() == null || !res.getLimits().containsKey("memory")) {
            violations.add(where + ": memory request and limit required");
        }
        if (w.kind().equals("StatefulSet")) {
            checkStatefulStore(where, resourceNamed(StatefulSet.class, w.name()), c, env);
        }
    }

    private void checkProbe(String where, String kind, Probe probe, String path, Container c, ServiceConfig config) {
        if (probe == null || probe.getHttpGet() == null) {
            violations.add(where + ": " + kind + " must be an httpGet on " + path);
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(where + ": " + kind + " path " + probe.getHttpGet().getPath() + ", expected " + path);
        }
        Integer port = containerPort(c, probe.getHttpGet().getPort());
        if (!Objects.equals(port, config.httpPort())) {
            violations.add(where + ": " + kind + " port " + probe.getHttpGet().getPort().getValue() + " resolves to "
                    + port + ", the service listens on " + config.httpPort());
        }
        if (probe.getTimeoutSeconds() == null || probe.getPeriodSeconds() == null
                || probe.getFailureThreshold() == null) {
            violations.add(where + ": " + kind + " sets periodSeconds, timeoutSeconds and failureThreshold explicitly");
        }
    }

    /** Checks every env var (explicit and from ConfigMaps) maps to a key the service reads; returns name -> value. */
    private Map<String, String> checkEnv(String where, Container c, ServiceConfig config) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() == null) {
                violations.add(where + ": envFrom other than a ConfigMap hides which keys are set");
                continue;
            }
            ConfigMap cm = resourceNamed(ConfigMap.class, from.getConfigMapRef().getName());
            if (cm == null) {
                violations.add(where + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " does not exist");
                continue;
            }
            Optional.ofNullable(cm.getData()).orElse(Map.of()).forEach((k, v) -> {
                env.put(k, v);
                if (!config.readsEnv(k)) {
                    violations.add(where + ": ConfigMap " + cm.getMetadata().getName() + " key " + k
                            + " maps to no config key " + config.service() + " reads");
                }
            });
        }
        for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
            env.put(e.getName(), e.getValue());
            if (!config.readsEnv(e.getName())) {
                violations.add(where + ": env " + e.getName() + " maps to no config key " + config.service()
                        + " reads");
            }
        }
        return env;
    }

    private void checkSecurity(String where, PodSpec pod, Container c) {
        var psc = pod.getSecurityContext();
        var csc = c.getSecurityContext();
        if (psc == null || !Boolean.TRUE.equals(psc.getRunAsNonRoot())) {
            violations.add(where + ": pod securityContext.runAsNonRoot must be true");
        }
        if (psc == null || psc.getSeccompProfile() == null
                || !"RuntimeDefault".equals(psc.getSeccompProfile().getType())) {
            violations.add(where + ": pod seccompProfile must be RuntimeDefault");
        }
        if (csc == null || !Boolean.FALSE.equals(csc.getAllowPrivilegeEscalation())
                || !Boolean.TRUE.equals(csc.getReadOnlyRootFilesystem()) || csc.getCapabilities() == null
                || csc.getCapabilities().getDrop() == null || !csc.getCapabilities().getDrop().contains("ALL")) {
            violations.add(where + ": container securityContext needs allowPrivilegeEscalation=false, "
                    + "readOnlyRootFilesystem=true, capabilities.drop=[ALL]");
        }
        List<VolumeMount> mounts = Optional.ofNullable(c.getVolumeMounts()).orElse(List.of());
        boolean tmp = mounts.stream().filter(m -> m.getMountPath().equals("/tmp"))
                .map(m -> volumeNamed(pod, m.getName()))
                .anyMatch(v -> v != null && v.getEmptyDir() != null);
        if (!tmp) {
            violations.add(where + ": read-only root filesystem needs an emptyDir mounted at /tmp");
        }
    }

    private void checkStatefulStore(String where, StatefulSet s, Container c, Map<String, String> env) {
        String dataDir = env.get("VALIDATOR_DATA_DIR");
        if (dataDir == null) {
            violations.add(where + ": VALIDATOR_DATA_DIR is not set, the store would land on the read-only root");
            return;
        }
        var claims = Optional.ofNullable(s.getSpec().getVolumeClaimTemplates()).orElse(List.of());
        boolean mounted = Optional.ofNullable(c.getVolumeMounts()).orElse(List.of()).stream()
                .anyMatch(m -> m.getMountPath().equals(dataDir)
                        && claims.stream().anyMatch(pvc -> pvc.getMetadata().getName().equals(m.getName())));
        if (!mounted) {
            violations.add(where + ": no volumeClaimTemplate mounted at the data dir " + dataDir);
        }
        Service governing = resourceNamed(Service.class, s.getSpec().getServiceName());
        if (governing == null || !"None".equals(governing.getSpec().getClusterIP())) {
            violations.add(where + ": serviceName " + s.getSpec().getServiceName() + " is not a headless Service");
        }
    }

    private void checkService(Service s, List<Workload> workloads) {
        String where = "Service/" + s.getMetadata().getName();
        Map<String, String> selector = Optional.ofNullable(s.getSpec().getSelector()).orElse(Map.of());
        List<Workload> selected = workloads.stream()
                .filter(w -> !selector.isEmpty() && w.podLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
        if (selected.size() != 1) {
            violations.add(where + ": selector " + selector + " selects " + selected.size() + " workloads, expected 1");
            return;
        }
        Workload w = selected.get(0);
        ServiceConfig config = services.get(w.name());
        for (ServicePort p : s.getSpec().getPorts()) {
            Integer target = w.container() == null ? null
                    : containerPort(w.container(), Optional.ofNullable(p.getTargetPort())
                            .orElse(new IntOrString(p.getPort())));
            if (config != null && !Objects.equals(target, config.httpPort())) {
                violations.add(where + ": port " + p.getPort() + " targets " + target + ", " + w.name()
                        + " listens on " + config.httpPort());
            }
        }
    }

    private void checkPdb(PodDisruptionBudget pdb, List<Workload> workloads) {
        String where = "PodDisruptionBudget/" + pdb.getMetadata().getName();
        List<Workload> selected = workloads.stream()
                .filter(w -> matches(pdb.getSpec().getSelector(), w.podLabels())).toList();
        if (selected.size() != 1) {
            violations.add(where + ": selector selects " + selected.size() + " workloads, expected 1");
            return;
        }
        IntOrString min = pdb.getSpec().getMinAvailable();
        if (min == null || min.getIntVal() == null || min.getIntVal() >= selected.get(0).replicas()) {
            violations.add(where + ": minAvailable must be a number below the " + selected.get(0).replicas()
                    + " replicas, else no node can ever be drained");
        }
    }

    private void checkNetworkPolicy(NetworkPolicy np, List<Workload> workloads) {
        String where = "NetworkPolicy/" + np.getMetadata().getName();
        Workload price = workloads.stream().filter(w -> w.name().equals(Repo.PRICE)).findFirst().orElse(null);
        Workload validator = workloads.stream().filter(w -> w.name().equals(Repo.VALIDATOR)).findFirst().orElse(null);
        if (price == null || validator == null) {
            return;
        }
        if (!matches(np.getSpec().getPodSelector(), price.podLabels())
                || matches(np.getSpec().getPodSelector(), validator.podLabels())) {
            violations.add(where + ": podSelector must select the price pods only");
        }
        if (np.getSpec().getPolicyTypes() == null || !np.getSpec().getPolicyTypes().contains("Ingress")) {
            violations.add(where + ": policyTypes must include Ingress");
        }
        var rules = Optional.ofNullable(np.getSpec().getIngress()).orElse(List.of());
        if (rules.isEmpty()) {
            violations.add(where + ": no ingress rule lets the validator in");
        }
        for (var rule : rules) {
            var peers = Optional.ofNullable(rule.getFrom()).orElse(List.of());
            if (peers.isEmpty() || peers.stream().anyMatch(p -> p.getPodSelector() == null
                    || p.getNamespaceSelector() != null || p.getIpBlock() != null
                    || !matches(p.getPodSelector(), validator.podLabels())
                    || matches(p.getPodSelector(), price.podLabels()))) {
                violations.add(where + ": every ingress peer must select validator pods only");
            }
            var ports = Optional.ofNullable(rule.getPorts()).orElse(List.of());
            if (ports.isEmpty() || ports.stream().anyMatch(p -> !Objects.equals(
                    containerPort(price.container(), p.getPort()), services.get(Repo.PRICE).httpPort()))) {
                violations.add(where + ": ingress ports must be the price service's HTTP port "
                        + services.get(Repo.PRICE).httpPort());
            }
        }
    }

    /** The validator's price URL must name a Service that selects the price pods, on that Service's port. */
    private void checkPriceUrl(List<Workload> workloads) {
        Workload validator = workloads.stream().filter(w -> w.name().equals(Repo.VALIDATOR)).findFirst().orElse(null);
        if (validator == null || validator.container() == null) {
            return;
        }
        String url = null;
        for (EnvFromSource from : Optional.ofNullable(validator.container().getEnvFrom()).orElse(List.of())) {
            ConfigMap cm = from.getConfigMapRef() == null ? null
                    : resourceNamed(ConfigMap.class, from.getConfigMapRef().getName());
            if (cm != null && cm.getData() != null && cm.getData().containsKey("QUARKUS_REST_CLIENT_LIVE_PRICE_URL")) {
                url = cm.getData().get("QUARKUS_REST_CLIENT_LIVE_PRICE_URL");
            }
        }
        for (EnvVar e : Optional.ofNullable(validator.container().getEnv()).orElse(List.of())) {
            if (e.getName().equals("QUARKUS_REST_CLIENT_LIVE_PRICE_URL")) {
                url = e.getValue();
            }
        }
        if (url == null) {
            violations.add("validator: QUARKUS_REST_CLIENT_LIVE_PRICE_URL is not set");
            return;
        }
        URI uri = URI.create(url);
        Service s = resourceNamed(Service.class, uri.getHost());
        Workload price = workloads.stream().filter(w -> w.name().equals(Repo.PRICE)).findFirst().orElse(null);
        if (s == null || price == null || s.getSpec().getSelector() == null
                || !price.podLabels().entrySet().containsAll(s.getSpec().getSelector().entrySet())) {
            violations.add("validator: price URL host " + uri.getHost() + " is not a Service selecting the price pods");
            return;
        }
        if (s.getSpec().getPorts().stream().noneMatch(p -> p.getPort() == uri.getPort())) {
            violations.add("validator: price URL port " + uri.getPort() + " is not a port of Service " + uri.getHost());
        }
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return false;
        }
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet())
                && Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).isEmpty();
    }

    private static Integer containerPort(Container c, IntOrString port) {
        if (c == null || port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return Optional.ofNullable(c.getPorts()).orElse(List.of()).stream()
                .filter(p -> port.getStrVal().equals(p.getName())).map(p -> p.getContainerPort()).findFirst()
                .orElse(null);
    }

    private static Volume volumeNamed(PodSpec pod, String name) {
        return Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream()
                .filter(v -> v.getName().equals(name)).findFirst().orElse(null);
    }

    private <T extends HasMetadata> T resourceNamed(Class<T> type, String name) {
        return resources.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }
}
