package io.ptn.price;

import io.ptn.price.config.PriceConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Builds the real {@link PriceConfig} mapping (with its defaults) for plain unit tests; durations read as Quarkus reads them ("30s"). */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static PriceConfig config(Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>();
        m.put("price.providers", "simulated");
        m.putAll(overrides);
        SmallRyeConfig c = new SmallRyeConfigBuilder().withMapping(PriceConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(m, "test", 500)).build();
        return c.getConfigMapping(PriceConfig.class);
    }
}
