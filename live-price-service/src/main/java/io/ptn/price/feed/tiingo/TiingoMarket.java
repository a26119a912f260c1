package io.ptn.price.feed.tiingo;

import io.ptn.domain.TradePair;
import io.ptn.domain.TradePairCategory;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The three Tiingo top-of-book endpoints this provider polls. */
public enum TiingoMarket {
    FOREX("forex", TradePairCategory.FOREX),
    CRYPTO("crypto", TradePairCategory.CRYPTO),
    EQUITIES("equities", TradePairCategory.EQUITIES);

    private final String configName;
    private final TradePairCategory category;

    TiingoMarket(String configName, TradePairCategory category) {
        this.configName = configName;
        this.category = category;
    }

    public String configName() {
        return configName;
    }

    public Set<TradePair> pairs() {
        return Arrays.stream(TradePair.values()).filter(p -> p.category() == category)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TradePair.class)));
    }

    /** Tiingo ticker: eurusd, btcusd, aapl. */
    public static String ticker(TradePair pair) {
        return pair.symbol().replace("/", "").toLowerCase(Locale.ROOT);
    }

    public static Optional<TiingoMarket> of(TradePair pair) {
        return Arrays.stream(values()).filter(m -> m.category == pair.category()).findFirst();
    }

    public static Optional<TiingoMarket> byConfigName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.configName.equals(n)).findFirst();
    }
}
