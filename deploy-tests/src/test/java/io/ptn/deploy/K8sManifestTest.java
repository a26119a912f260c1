package io.ptn.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class K8sManifestTest {
    private static final Path K8S = Repo.path("deploy/k8s");

    static Map<String, ServiceConfig> services() {
        return Map.of(Repo.PRICE, Repo.config(Repo.PRICE), Repo.VALIDATOR, Repo.config(Repo.VALIDATOR));
    }

    /** The base's resources, in kustomization order, each bound strictly. */
    static List<HasMetadata> base() {
        Kustomization k = Kustomization.parse(Repo.read("deploy/k8s/base/kustomization.yaml"));
        List<HasMetadata> out = new ArrayList<>();
        for (String r : k.resourcesOrEmpty()) {
            out.addAll(StrictYaml.parseManifests(Repo.read("deploy/k8s/base/" + r)));
        }
        return out;
    }

    @Test
    void everyManifestUnderDeployK8sParsesStrictly() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(K8S)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertTrue(files.size() >= 12, "found only " + files);
        List<String> failures = new ArrayList<>();
        int objects = 0;
        for (Path f : files) {
            try {
                if (f.getFileName().toString().equals("kustomization.yaml")) {
                    Kustomization.parse(Files.readString(f));
                } else {
                    for (var doc : StrictYaml.documents(Files.readString(f))) {
                        if (MonitoringCrds.isMonitoringKind(doc)) {
                            MonitoringCrds.parse(doc);
                        } else {
                            StrictYaml.toTyped(doc);
                        }
                        objects++;
                    }
                }
            } catch (RuntimeException e) {
                failures.add(K8S.relativize(f) + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(objects >= 11, "parsed " + objects + " objects");
    }

    @Test
    void strictParsingRejectsMisspeltFieldsWrongTypesAndUnknownKinds() {
        String deployment = Repo.read("deploy/k8s/base/live-price-service-deployment.yaml");
        var misspelt = assertThrows(IllegalArgumentException.class, () -> StrictYaml.parseManifests(
                deployment.replace("readinessProbe:", "readinesProbe:")));
        assertTrue(misspelt.getMessage().contains("readinesProbe"), misspelt.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StrictYaml.parseManifests(
                deployment.replace("replicas: 2", "replicas: two")));
        assertThrows(IllegalArgumentException.class, () -> StrictYaml.parseManifests(
                deployment.replace("apiVersion: apps/v1", "apiVersion: apps/v1beta1")));
        assertThrows(IllegalArgumentException.class, () -> StrictYaml.parseManifests(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n"));
        assertThrows(RuntimeException.class, () -> StrictYaml.parseManifests(
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n"), "duplicate key");
        assertThrows(IllegalArgumentException.class, () -> Kustomization.parse(
                Repo.read("deploy/k8s/overlays/native/kustomization.yaml").replace("images:", "imagez:")));
    }

    @Test
    void baseAgreesWithTheServices() {
        List<HasMetadata> base = base();
        assertEquals(List.of(), K8sChecks.check(base, services()));
        assertNotNull(find(base, StatefulSet.class, Repo.VALIDATOR));
        assertEquals(2, find(base, Deployment.class, Repo.PRICE).getSpec().getReplicas());
    }

    @Test
    void probeOnAWrongPathOrPortIsCaught() {
        assertViolation("livenessProbe path /q/health", b -> priceContainer(b).getLivenessProbe().getHttpGet()
                .setPath("/q/health"));
        assertViolation("container port 'http' is 8080", b -> priceContainer(b).getPorts().get(0)
                .setContainerPort(8080));
        assertViolation("startupProbe must be", b -> priceContainer(b).setStartupProbe(null));
    }

    @Test
    void envVarTheServiceDoesNotReadIsCaught() {
        assertViolation("env PRICE_PROVIDER maps to no config key", b -> priceContainer(b).getEnv()
                .add(new EnvVar("PRICE_PROVIDER", "simulated", null)));
        assertViolation("key VALIDATOR_TOKENS maps to no config key", b -> find(b, ConfigMap.class,
                "validator-service-config").getData().put("VALIDATOR_TOKENS", "x"));
    }

    @Test
    void selectorsThatDoNotMatchArCaught() {
        assertViolation("Service/live-price-service: selector", b -> find(b, Service.class, Repo.PRICE).getSpec()
                .setSelector(Map.of("app.kubernetes.io/name", "live-prices")));
        assertViolation("PodDisruptionBudget/live-price-service: selector", b -> find(b, PodDisruptionBudget.class,
                Repo.PRICE).getSpec().getSelector().setMatchLabels(Map.of("app", "x")));
        assertViolation("every ingress peer must select validator pods", b -> b.stream()
                .filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast).findFirst().orElseThrow()
                .getSpec().getIngress().get(0).getFrom().get(0).getPodSelector()
                .setMatchLabels(Map.of("app.kubernetes.io/name", Repo.PRICE)));
        assertViolation("does not match its pod labels", b -> find(b, Deployment.class, Repo.PRICE).getSpec()
                .getSelector().setMatchLabels(Map.of("app.kubernetes.io/name", "other")));
    }

    @Test
    void weakenedSecurityOrGraceIsCaught() {
        assertViolation("readOnlyRootFilesystem=true", b -> priceContainer(b).getSecurityContext()
                .setReadOnlyRootFilesystem(false));
        assertViolation("terminationGracePeriodSeconds 5", b -> find(b, StatefulSet.class, Repo.VALIDATOR)
                .getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(5L));
        assertViolation("no volumeClaimTemplate mounted at the data dir", b -> find(b, ConfigMap.class,
                "validator-service-config").getData().put("VALIDATOR_DATA_DIR", "/data"));
        assertViolation("price URL port 8080", b -> find(b, ConfigMap.class, "validator-service-config").getData()
                .put("QUARKUS_REST_CLIENT_LIVE_PRICE_URL", "http://live-price-service:8080"));
    }

    @Test
    void kustomizationsReferenceEveryFileAndOverlaysRetagTheBaseImages() throws IOException {
        List<HasMetadata> base = base();
        List<String> baseImages = base.stream().flatMap(r -> r instanceof Deployment d
                ? d.getSpec().getTemplate().getSpec().getContainers().stream()
                : r instanceof StatefulSet s ? s.getSpec().getTemplate().getSpec().getContainers().stream()
                : Stream.<Container>empty()).map(Container::getImage).toList();
        try (Stream<Path> dirs = Files.walk(K8S)) {
            for (Path k : dirs.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList()) {
                Path dir = k.getParent();
                Kustomization kz = Kustomization.parse(Files.readString(k));
                List<String> referenced = new ArrayList<>();
                for (String r : kz.resourcesOrEmpty()) {
                    assertTrue(Files.exists(dir.resolve(r)), dir + ": missing resource " + r);
                    referenced.add(dir.resolve(r).normalize().getFileName().toString());
                }
                for (var patch : kz.patchesOrEmpty()) {
                    assertNotNull(patch.path(), dir + ": inline patches are not used");
                    referenced.add(patch.path());
                    for (HasMetadata p : StrictYaml.parseManifests(Files.readString(dir.resolve(patch.path())))) {
                        assertTrue(base.stream().anyMatch(r -> r.getKind().equals(p.getKind())
                                && r.getMetadata().getName().equals(p.getMetadata().getName())),
                                dir + ": patch targets no base resource " + p.getKind() + "/" + p.getMetadata().getName());
                    }
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                        String name = f.getFileName().toString();
                        assertTrue(name.equals("kustomization.yaml") || referenced.contains(name),
                                dir + ": " + name + " is in no kustomization (it would never be applied)");
                    }
                }
                for (var image : kz.imagesOrEmpty()) {
                    assertTrue(baseImages.contains(image.name()), dir + ": image " + image.name() + " not in base");
                    String variant = dir.getFileName().toString();
                    assertEquals(variant, image.newTag(), dir + ": overlay " + variant + " must tag " + image.name());
                }
                if (dir.getParent().getFileName().toString().equals("overlays")) {
                    assertEquals(List.of("../../base"), kz.resourcesOrEmpty());
                    assertEquals(baseImages.size(), kz.imagesOrEmpty().size(), dir + ": every image retagged");
                }
            }
        }
    }

    private static void assertViolation(String expected, Consumer<List<HasMetadata>> breakIt) {
        List<HasMetadata> broken = base();
        breakIt.accept(broken);
        List<String> violations = K8sChecks.check(broken, services());
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)),
                "expected a violation containing '" + expected + "', got " + violations);
    }

    private static Container priceContainer(List<HasMetadata> base) {
        return find(base, Deployment.class, Repo.PRICE).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> all, Class<T> type, String name) {
        return all.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> r.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }
}
