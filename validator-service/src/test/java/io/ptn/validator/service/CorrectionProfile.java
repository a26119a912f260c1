package io.ptn.validator.service;

import java.util.HashMap;
import java.util.Map;

import io.ptn.validator.FastFaultToleranceProfile;

/**
 * Own application (and data dir) for the fill-correction tests, so no other test's orders enter their rounds; a small
 * correction chunk, so a round with a few corrections already needs several store commands; a 2 s look-up timeout.
 */
public class CorrectionProfile extends FastFaultToleranceProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = new HashMap<>(super.getConfigOverrides());
        m.put("validator.risk.correction-chunk", "2");
        m.put("io.ptn.validator.client.LivePriceClient/sourcesAt/Timeout/value", "2000");
        return m;
    }
}
