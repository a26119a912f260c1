package io.ptn.validator.client;

import java.util.Map;

import io.ptn.validator.FastFaultToleranceProfile;

/** The SSE cache switched on, with short reconnect backoff and a 1.5 s idle timeout. */
public class StreamProfile extends FastFaultToleranceProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = super.getConfigOverrides();
        m.put("validator.prices.stream-enabled", "true");
        m.put("validator.prices.stream-backoff-initial", "50ms");
        m.put("validator.prices.stream-backoff-max", "200ms");
        m.put("validator.prices.stream-idle-timeout", "1500ms");
        return m;
    }
}
