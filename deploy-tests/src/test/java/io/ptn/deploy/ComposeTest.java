package io.ptn.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComposeTest {
    private static final String BASE = Repo.read("deploy/compose.yaml");
    private static final String TEST = Repo.read("deploy/compose.test.yaml");

    @Test
    void baseComposeAgreesWithTheServices() {
        assertEquals(List.of(), ComposeChecks.checkBase(BASE, K8sManifestTest.services()));
    }

    @Test
    void testOverrideIsLoopbackOnlyWithDistinctPorts() {
        assertEquals(List.of(), ComposeChecks.checkTestOverride(TEST, K8sManifestTest.services()));
    }

    @Test
    void brokenBaseFilesAreCaught() {
        assertBase("healthcheck.test", BASE.replace("\"/q/health/ready\"]", "\"/q/health\"]"));
        assertBase("env PRICE_PROVIDER maps to no config key",
                BASE.replace("PRICE_PROVIDERS: ${PRICE_PROVIDERS:-simulated}", "PRICE_PROVIDER: simulated"));
        assertBase("top-level 'version'", "version: \"3.8\"\n" + BASE);
        assertBase("price URL", BASE.replace("http://live-price-service:8081", "http://live-price-service:8080"));
        assertBase("does not target quarkus.http.port", BASE.replace("\"8082:8082\"", "\"8082:8080\""));
        assertBase("condition service_healthy", BASE.replace("condition: service_healthy", "condition: service_started"));
        assertBase("named volume", BASE.replace("validator-data:/deployments/data", "validator-data:/data"));
        assertBase("restart must be unless-stopped", BASE.replaceFirst("restart: unless-stopped", "restart: always"));
        assertBase("healthcheck.start_interval", BASE.replaceFirst("retries: 3", "retries: 3\n      start_interval: 1s"));
    }

    @Test
    void brokenTestOverridesAreCaught() {
        assertTest("network_mode must be host", TEST.replaceFirst("network_mode: host", "network_mode: bridge"));
        assertTest("loopback only", TEST.replaceFirst("QUARKUS_HTTP_HOST: 127.0.0.1", "QUARKUS_HTTP_HOST: 0.0.0.0"));
        assertTest("price URL", TEST.replace("http://localhost:${SMOKE_PRICE_PORT:-18081}", "http://localhost:8081"));
        assertTest("own QUARKUS_HTTP_PORT", TEST.replace("${SMOKE_VALIDATOR_PORT:-18082}", "${SMOKE_PRICE_PORT:-18081}"));
    }

    @Test
    void interpolationDefaultsResolveLikeCompose() {
        assertEquals("http://localhost:18081", ComposeChecks.resolve("http://localhost:${SMOKE_PRICE_PORT:-18081}"));
        assertEquals("", ComposeChecks.resolve("${POLYGON_API_KEY}"));
        assertEquals("a/Dockerfile.jvm", ComposeChecks.resolve("a/Dockerfile.${IMAGE_VARIANT:-native}",
                Map.of("IMAGE_VARIANT", "jvm")));
        assertEquals(90, ComposeChecks.seconds("1m30s"));
    }

    private static void assertBase(String expected, String yaml) {
        List<String> v = ComposeChecks.checkBase(yaml, K8sManifestTest.services());
        assertTrue(v.stream().anyMatch(s -> s.contains(expected)), "expected '" + expected + "' in " + v);
    }

    private static void assertTest(String expected, String yaml) {
        List<String> v = ComposeChecks.checkTestOverride(yaml, K8sManifestTest.services());
        assertTrue(v.stream().anyMatch(s -> s.contains(expected)), "expected '" + expected + "' in " + v);
    }
}
