package io.ptn.validator;

import java.util.Map;

/** No cooldown between orders, so a test can send a sequence of orders on one pair without waiting. */
public class NoCooldownProfile extends FastFaultToleranceProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = super.getConfigOverrides();
        m.put("validator.orders.cooldown", "0s");
        return m;
    }
}
