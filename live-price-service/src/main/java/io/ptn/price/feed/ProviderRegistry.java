package io.ptn.price.feed;

import io.ptn.price.config.PriceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The providers named in {@code price.providers}, in that order. Only {@code name()} is asked of the others, so a
 * disabled provider never connects. An unknown name fails startup.
 */
@ApplicationScoped
public class ProviderRegistry {

    private final List<PriceProvider> enabled;

    @Inject
    public ProviderRegistry(PriceConfig config, Instance<PriceProvider> all) {
        this(config.providers(), all);
    }

    public ProviderRegistry(List<String> names, Iterable<PriceProvider> all) {
        Map<String, PriceProvider> byName = new LinkedHashMap<>();
        for (PriceProvider p : all) {
            byName.put(p.name().toLowerCase(Locale.ROOT), p);
        }
        List<PriceProvider> list = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            PriceProvider p = byName.get(name);
            if (p == null) {
                throw new IllegalStateException("Unknown provider '" + raw.trim() + "' in price.providers; known providers: "
                        + new TreeSet<>(byName.keySet()));
            }
            if (!list.contains(p)) {
                list.add(p);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalStateException("price.providers names no provider; known providers: " + new TreeSet<>(byName.keySet()));
        }
        this.enabled = Collections.unmodifiableList(list);
    }

    /** Enabled providers in configuration order. */
    public List<PriceProvider> enabled() {
        return enabled;
    }
}
