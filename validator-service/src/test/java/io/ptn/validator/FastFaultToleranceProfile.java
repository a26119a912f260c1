package io.ptn.validator;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Short fault-tolerance settings so timeouts and the circuit breaker can be exercised in seconds. */
public class FastFaultToleranceProfile implements QuarkusTestProfile {

    static final String PRICE = "io.ptn.validator.client.LivePriceClient/price/";
    static final String BATCH = "io.ptn.validator.client.LivePriceClient/prices/";
    public static final long CIRCUIT_DELAY_MS = 1500;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = new HashMap<>();
        m.put(PRICE + "Timeout/value", "1500");
        m.put(PRICE + "Retry/maxRetries", "1");
        m.put(PRICE + "Retry/delay", "20");
        m.put(PRICE + "Retry/jitter", "10");
        m.put(PRICE + "CircuitBreaker/requestVolumeThreshold", "4");
        m.put(PRICE + "CircuitBreaker/failureRatio", "0.75");
        m.put(PRICE + "CircuitBreaker/delay", String.valueOf(CIRCUIT_DELAY_MS));
        m.put(PRICE + "CircuitBreaker/successThreshold", "1");
        m.put(BATCH + "Timeout/value", "3000");
        m.put(BATCH + "Retry/maxRetries", "0");
        m.put(BATCH + "CircuitBreaker/delay", "500");
        m.put("quarkus.rest-client.live-price.read-timeout", "4000");
        return m;
    }
}
