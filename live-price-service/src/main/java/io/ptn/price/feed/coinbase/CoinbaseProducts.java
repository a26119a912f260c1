package io.ptn.price.feed.coinbase;

import io.ptn.domain.TradePair;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Catalog pairs listed on Coinbase Exchange, by product id (TAO/USD is not listed there). */
final class CoinbaseProducts {

    private static final Map<TradePair, String> IDS = new EnumMap<>(Map.of(
            TradePair.BTCUSD, "BTC-USD",
            TradePair.ETHUSD, "ETH-USD",
            TradePair.SOLUSD, "SOL-USD",
            TradePair.XRPUSD, "XRP-USD",
            TradePair.DOGEUSD, "DOGE-USD",
            TradePair.ADAUSD, "ADA-USD"));

    private CoinbaseProducts() {
    }

    static Set<TradePair> pairs() {
        return IDS.keySet();
    }

    static Optional<String> id(TradePair pair) {
        return Optional.ofNullable(IDS.get(pair));
    }

    static TradePair pair(String productId) {
        return IDS.entrySet().stream().filter(e -> e.getValue().equals(productId)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }
}
