package io.ptn.price.feed.coinbase;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Coinbase Exchange public market data: no key needed. */
@ConfigMapping(prefix = "coinbase")
public interface CoinbaseConfig {

    /** Public websocket feed ({@code ticker} channel). */
    @WithDefault("wss://ws-feed.exchange.coinbase.com")
    String wsUrl();

    /** Public REST API (candles, ticker). */
    @WithDefault("https://api.exchange.coinbase.com")
    String restUrl();

    /** Per REST request, and the whole of one recentSources call. */
    @WithDefault("5s")
    Duration restTimeout();

    /** REST failures in a row before the provider's REST side reads DEGRADED. */
    @WithDefault("3")
    int degradedAfter();
}
