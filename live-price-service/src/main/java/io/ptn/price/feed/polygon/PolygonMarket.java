package io.ptn.price.feed.polygon;

import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Polygon's websocket clusters, one connection each per key. */
public enum PolygonMarket {
    CRYPTO("crypto", "crypto", "XT", TradePairCategory.CRYPTO),
    FOREX("forex", "forex", "C", TradePairCategory.FOREX),
    EQUITIES("equities", "stocks", "T", TradePairCategory.EQUITIES);

    private final String configName;
    private final String path;
    private final String channel;
    private final TradePairCategory category;

    PolygonMarket(String configName, String path, String channel, TradePairCategory category) {
        this.configName = configName;
        this.path = path;
        this.channel = channel;
        this.category = category;
    }

    public String configName() {
        return configName;
    }

    /** Websocket path on the cluster host. */
    public String path() {
        return path;
    }

    public String channel() {
        return channel;
    }

    public Set<TradePair> pairs() {
        return Arrays.stream(TradePair.values()).filter(p -> p.category() == category)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TradePair.class)));
    }

    /** The symbol this market uses in subscriptions and events: BTC-USD, EUR/USD, AAPL. */
    public String wsSymbol(TradePair pair) {
        String[] parts = pair.symbol().split("/");
        return switch (this) {
            case CRYPTO -> parts[0] + "-" + parts[1];
            case FOREX -> pair.symbol();
            case EQUITIES -> pair.symbol();
        };
    }

    public static Optional<PolygonMarket> byConfigName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.configName.equals(n)).findFirst();
    }
}
