package io.ptn.validator.service;

import java.util.Map;

import io.ptn.validator.FastFaultToleranceProfile;

/** Own application with a short price max age, so a mark can go stale while a round waits for the store. */
public class RiskStaleProfile extends FastFaultToleranceProfile {

    static final long MAX_AGE_MS = 2000;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = super.getConfigOverrides();
        m.put("validator.prices.max-age", MAX_AGE_MS + "ms");
        return m;
    }
}
