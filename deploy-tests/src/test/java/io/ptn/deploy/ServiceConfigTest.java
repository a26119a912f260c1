package io.ptn.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceConfigTest {

    private static final String PROPS = """
            quarkus.http.port=8082
            %test.quarkus.http.port=0
            %test.validator.only-in-tests=1
            %prod.validator.prod-only=2
            quarkus.rest-client.live-price.url=http://localhost:8081
            quarkus.datasource.jdbc.url=jdbc:sqlite:${validator.data-dir:target/data}/validator.db
            validator.miners.tokens=
            """;

    @Test
    void envVarsMapToKeysBySmallRyeRules() {
        ServiceConfig c = ServiceConfig.parse("validator-service", PROPS);
        assertEquals(8082, c.httpPort(), "the prod port, not the %test one");
        assertEquals("quarkus.rest-client.live-price.url", c.keyForEnv("QUARKUS_REST_CLIENT_LIVE_PRICE_URL"));
        assertEquals("validator.miners.tokens", c.keyForEnv("VALIDATOR_MINERS_TOKENS"));
        assertEquals("validator.data-dir", c.keyForEnv("VALIDATOR_DATA_DIR"), "a key read through ${...}");
        assertEquals("validator.prod-only", c.keyForEnv("VALIDATOR_PROD_ONLY"));
        assertTrue(c.readsEnv("QUARKUS_HTTP_HOST"), "explicitly listed Quarkus key");
    }

    @Test
    void unknownOrTestOnlyEnvVarsAreRejected() {
        ServiceConfig c = ServiceConfig.parse("validator-service", PROPS);
        assertFalse(c.readsEnv("VALIDATOR_MINER_TOKENS"), "a typo (MINER vs MINERS) must not pass");
        assertFalse(c.readsEnv("VALIDATOR_ONLY_IN_TESTS"), "%test keys are not read in prod");
        assertFalse(c.readsEnv("PRICE_PROVIDERS"), "the other service's key");
    }

    @Test
    void configMappingInterfacesDeclareOptionalKeys() {
        String source = """
                package x;
                @ConfigMapping(prefix = "polygon")
                public interface PolygonConfig {
                    /** {@code POLYGON_API_KEY}. */
                    Optional<String> apiKey();

                    @WithName("ws")
                    String wsUrl();

                    Limits limits();

                    interface Limits {
                        @WithDefault("3")
                        int maxConnections();
                    }
                }
                """;
        assertEquals(Set.of("polygon.api-key", "polygon.ws", "polygon.limits.max-connections"),
                ServiceConfig.mappingKeys(source));
        ServiceConfig c = ServiceConfig.parse("p", "quarkus.http.port=8081\n").withMappings(List.of(source));
        assertTrue(c.readsEnv("POLYGON_API_KEY"));
        assertTrue(c.readsEnv("POLYGON_LIMITS_MAX_CONNECTIONS"));
        assertFalse(c.readsEnv("POLYGON_WS_URL"), "@WithName renames the key");
    }

    @Test
    void theGracePeriodsAssumeTheContractsShutdownDelay() {
        for (String service : List.of(Repo.PRICE, Repo.VALIDATOR)) {
            String props = Repo.read(service + "/src/main/resources/application.properties");
            assertTrue(props.contains("quarkus.shutdown.delay=" + K8sChecks.SHUTDOWN_DELAY_SECONDS + "s"), service);
        }
    }

    @Test
    void missingHttpPortIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ServiceConfig.parse("x", "a.b=1\n"));
    }

    @Test
    void theServicesListenOnTheContractPorts() {
        assertEquals(8081, Repo.config(Repo.PRICE).httpPort());
        assertEquals(8082, Repo.config(Repo.VALIDATOR).httpPort());
    }
}
