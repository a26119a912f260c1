package io.ptn.price.feed.polygon;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Polygon settings; the key is read only when a Polygon stream or REST call is first made. */
@ConfigMapping(prefix = "polygon")
public interface PolygonConfig {

    /** {@code POLYGON_API_KEY}. */
    Optional<String> apiKey();

    /** A mounted secret holding the key ({@code POLYGON_API_KEY_FILE}); used when api-key is not set. */
    Optional<Path> apiKeyFile();

    /** Base of the websocket URLs; the market path ({@code /crypto}, {@code /forex}, {@code /stocks}) is appended. */
    @WithDefault("wss://socket.polygon.io")
    String wsUrl();

    @WithDefault("https://api.polygon.io")
    String restUrl();

    /** Markets to stream: crypto, forex, equities. */
    @WithDefault("crypto,forex,equities")
    Set<String> markets();

    /** Per REST request, and the whole of one recentSources call. */
    @WithDefault("5s")
    Duration restTimeout();

    /** REST failures in a row before the provider's REST side reads DEGRADED. */
    @WithDefault("3")
    int degradedAfter();

    /** Hold after {@code max_connections} or a kick by another connection with the same key. */
    @WithDefault("10m")
    Duration standbyRetry();

    /** Random extra hold (0..jitter) so two replicas do not retry in step. */
    @WithDefault("2m")
    Duration standbyJitter();

    /** Hold after {@code auth_failed} or with no key configured. */
    @WithDefault("5m")
    Duration unauthorizedRetry();

    /** Forex quotes whose (ask - bid) / mid exceeds this are dropped. */
    @WithDefault("0.002")
    double forexMaxSpread();

    /**
     * Equity trade conditions that are skipped: 12 "Form T" (pre/post-market), the one condition PTN's
     * {@code PolygonDataService.handle_msg} drops.
     */
    @WithDefault("12")
    Set<Integer> equityExcludedConditions();

    /**
     * Polygon exchange ids ({@code x}) whose equity trades are served: 12 (Nasdaq), the one venue PTN keeps. Prints
     * reported by trade reporting facilities (4) carry average-price and other non-last conditions.
     */
    @WithDefault("12")
    Set<Integer> equityExchanges();

    /** Polygon exchange ids ({@code x}) whose crypto trades are served: 1 (Coinbase), the one venue PTN keeps. */
    @WithDefault("1")
    Set<Integer> cryptoExchanges();
}
