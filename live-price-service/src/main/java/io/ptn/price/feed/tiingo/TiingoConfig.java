package io.ptn.price.feed.tiingo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Tiingo settings; the key is read only when a poll or REST call is first made. */
@ConfigMapping(prefix = "tiingo")
public interface TiingoConfig {

    /** {@code TIINGO_API_KEY}. */
    Optional<String> apiKey();

    /** A mounted secret holding the key ({@code TIINGO_API_KEY_FILE}); used when api-key is not set. */
    Optional<Path> apiKeyFile();

    @WithDefault("https://api.tiingo.com")
    String restUrl();

    /** Markets to poll: forex, crypto, equities (one poller stream each). */
    @WithDefault("forex,crypto,equities")
    Set<String> markets();

    /** Top-of-book poll period of each poller. */
    @WithDefault("5s")
    Duration pollInterval();

    /** Per REST request. */
    @WithDefault("5s")
    Duration restTimeout();

    /** REST failures in a row before the provider's REST side reads DEGRADED. */
    @WithDefault("3")
    int degradedAfter();

    /**
     * The {@code exchanges=} of every crypto request (top of book and history): GDAX (Coinbase), as PTN's
     * {@code TiingoDataService.get_closes_crypto} sends. Without it Tiingo merges venues, and one stale venue's quote
     * can cross the whole book.
     */
    @WithDefault("GDAX")
    String cryptoExchanges();
}
