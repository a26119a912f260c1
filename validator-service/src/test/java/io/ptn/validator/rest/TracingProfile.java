package io.ptn.validator.rest;

import java.util.Map;

import io.ptn.validator.FastFaultToleranceProfile;

/** Tracing switched on, spans exported to {@link InMemorySpans} within 50 ms. */
public class TracingProfile extends FastFaultToleranceProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = super.getConfigOverrides();
        m.put("quarkus.otel.sdk.disabled", "false");
        m.put("quarkus.otel.bsp.schedule.delay", "50ms");
        return m;
    }
}
