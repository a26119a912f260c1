package io.ptn.price;

import io.ptn.price.config.PriceConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.HashMap;
import java.util.Map;

/** Builds the real {@link PriceConfig} mapping (with its defaults) for plain unit tests. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static PriceConfig config(Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>();
        m.put("price.providers", "simulated");
        m.putAll(overrides);
        SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(PriceConfig.class)
                .withSources(new PropertiesConfigSource(m, "test", 500)).build();
        return c.getConfigMapping(PriceConfig.class);
    }
}
