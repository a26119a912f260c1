package io.ptn.price.service;

import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;
import io.ptn.price.config.PriceConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which pairs this instance serves and which are blocked for trading; an unknown id in the config fails startup. */
@ApplicationScoped
public class PairCatalog {

    private final Set<TradePair> enabled;
    private final Set<TradePair> blocked;
    private final long[] stalenessByCategory = new long[TradePairCategory.values().length];

    public PairCatalog(PriceConfig config) {
        this.enabled = config.pairs().enabled().map(ids -> parse(ids, "price.pairs.enabled"))
                .orElseGet(() -> EnumSet.allOf(TradePair.class));
        this.blocked = config.pairs().blocked().map(ids -> parse(ids, "price.pairs.blocked"))
                .orElseGet(() -> EnumSet.copyOf(TradePair.DEFAULT_BLOCKED));
        PriceConfig.Staleness s = config.staleness();
        stalenessByCategory[TradePairCategory.CRYPTO.ordinal()] = s.crypto().orElse(s.defaultLimit()).toMillis();
        stalenessByCategory[TradePairCategory.FOREX.ordinal()] = s.forex().orElse(s.defaultLimit()).toMillis();
        stalenessByCategory[TradePairCategory.EQUITIES.ordinal()] = s.equities().orElse(s.defaultLimit()).toMillis();
        stalenessByCategory[TradePairCategory.INDICES.ordinal()] = s.indices().orElse(s.defaultLimit()).toMillis();
    }

    private static Set<TradePair> parse(List<String> ids, String key) {
        EnumSet<TradePair> set = EnumSet.noneOf(TradePair.class);
        for (String raw : ids) {
            String id = raw.trim();
            if (id.isEmpty() || id.toLowerCase(Locale.ROOT).equals("none")) {
                continue;
            }
            set.add(TradePair.byId(id).orElseThrow(() -> new IllegalStateException(
                    "Unknown trade pair '" + id + "' in " + key)));
        }
        return Collections.unmodifiableSet(set);
    }

    public Set<TradePair> enabled() {
        return enabled;
    }

    public boolean isEnabled(TradePair pair) {
        return enabled.contains(pair);
    }

    public boolean isBlocked(TradePair pair) {
        return blocked.contains(pair);
    }

    public long stalenessLimitMs(TradePair pair) {
        return stalenessByCategory[pair.category().ordinal()];
    }
}
