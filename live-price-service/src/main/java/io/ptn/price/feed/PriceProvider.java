package io.ptn.price.feed;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One upstream source of prices (the simulated feed, Polygon, Tiingo, an exchange feed). A provider is a CDI bean;
 * only those named in {@code price.providers} are started. A provider that is not enabled must not connect,
 * read keys eagerly or fail at startup.
 *
 * <p>Streams ({@link #streams()}) push events into the recent-event buffer and are each supervised on their own.
 * The REST methods are blocking, called on worker threads by selection with a deadline; they throw
 * {@link ProviderException} on failure and never return prices that failed validation.
 */
public interface PriceProvider {

    /** Name used in {@code price.providers} and as the prefix of source names ({@code polygon_ws}, {@code polygon_rest}). */
    String name();

    /** Pairs this provider can price. */
    Set<TradePair> pairs();

    /** Independently supervised streams (websocket connections or REST pollers); empty for a REST-only provider. */
    List<PriceStream> streams();

    /** REST: candles or quotes around {@code targetMs}, the fallback when no streamed event is within the recency gate. */
    List<PriceSource> recentSources(TradePair pair, long targetMs) throws ProviderException;

    /** REST: candles of one span covering [fromMs, toMs], oldest first. */
    List<PriceSource> candles(TradePair pair, long fromMs, long toMs, Timespan span) throws ProviderException;

    /** REST: the top of book at or just before {@code atMs}, with bid and ask set. */
    Optional<PriceSource> quote(TradePair pair, long atMs) throws ProviderException;
}
