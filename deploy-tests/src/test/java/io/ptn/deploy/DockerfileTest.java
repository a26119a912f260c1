package io.ptn.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerfileTest {

    @ParameterizedTest
    @CsvSource({"live-price-service,jvm", "live-price-service,native", "validator-service,jvm",
            "validator-service,native"})
    void dockerfilesUsePublicBaseArgsRunAsNonRootAndCheckReadiness(String service, String variant) {
        String text = Repo.read(service + "/src/main/docker/Dockerfile." + variant);
        assertEquals(List.of(), DockerfileChecks.check(text, Repo.config(service)));
    }

    @ParameterizedTest
    @CsvSource({"live-price-service", "validator-service"})
    void nativeBuildsCopyEveryReactorPomAndRunOnTheBuildersUbi(String service) {
        List<String> modules = Repo.reactorModules();
        assertTrue(modules.contains("resilience-tests") && modules.contains(service), "root pom modules: " + modules);
        String text = Repo.read(service + "/src/main/docker/Dockerfile.native");
        assertEquals(List.of(), DockerfileChecks.checkBuildStage(text, modules));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "COPY resilience-tests/pom.xml /code/resilience-tests/pom.xml|# (not copied)|does not COPY resilience-tests/pom.xml",
            "ARG RUNTIME_IMAGE=quay.io/quarkus/ubi9-quarkus-micro-image:2.0|ARG RUNTIME_IMAGE=quay.io/quarkus/quarkus-micro-image:2.0|is UBI 9 but the runtime"})
    void brokenNativeBuildsAreCaught(String from, String to, String expected) {
        String text = Repo.read("live-price-service/src/main/docker/Dockerfile.native");
        assertTrue(text.contains(from), "fixture out of date: " + from);
        List<String> v = DockerfileChecks.checkBuildStage(text.replace(from, to), Repo.reactorModules());
        assertTrue(v.stream().anyMatch(s -> s.contains(expected)), "expected '" + expected + "' in " + v);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ARG RUNTIME_IMAGE=registry.access.redhat.com/ubi9/openjdk-17-runtime:latest|ARG RUNTIME_IMAGE=mirror.example:5000/jre|not one of the usual public images",
            "FROM ${RUNTIME_IMAGE}|FROM eclipse-temurin:17-jre|base images must be build args",
            "USER 1001|USER root|USER 1001, not root",
            "EXPOSE 8082|EXPOSE 8080|quarkus.http.port is 8082",
            "VOLUME [\"/deployments/data\"]|# no volume|must be a VOLUME",
            "ENV VALIDATOR_DATA_DIR=|ENV VALIDATOR_DATADIR=|ENV VALIDATOR_DATADIR maps to no config key",
            "exec java ${JAVA_GC_OPTS} ${JAVA_OPTS}|exec java ${JAVA_OPTS}|ENV JAVA_GC_OPTS is not passed to java",
            "CMD [\"/deployments/healthcheck.sh\", \"/q/health/ready\"]|CMD [\"/deployments/healthcheck.sh\", \"/q/health\"]|needs HEALTHCHECK"})
    void brokenDockerfilesAreCaught(String from, String to, String expected) {
        String text = Repo.read("validator-service/src/main/docker/Dockerfile.jvm");
        assertTrue(text.contains(from), "fixture out of date: " + from);
        List<String> v = DockerfileChecks.check(text.replace(from, to),
                Repo.config(Repo.VALIDATOR));
        assertTrue(v.stream().anyMatch(s -> s.contains(expected)), "expected '" + expected + "' in " + v);
    }
}
