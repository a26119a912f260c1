package io.ptn.price.rest;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.Timespan;
import io.ptn.price.service.PairCatalog;
import io.ptn.price.service.PriceService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.InstantSource;
import java.util.List;
import java.util.Locale;

@Path("/api/v1/candles")
@Produces(MediaType.APPLICATION_JSON)
public class CandleResource {

    static final long MAX_WINDOW_MS = 7L * 86_400_000L;
    /** Bounds the answer size (a week of 1 s bars would be 604,800 candles). */
    static final long MAX_CANDLES = 20_000;

    private final PriceService prices;
    private final PairCatalog catalog;

    private final InstantSource clock;

    public CandleResource(PriceService prices, PairCatalog catalog, InstantSource clock) {
        this.clock = clock;
        this.prices = prices;
        this.catalog = catalog;
    }

    @RegisterForReflection
    public record Candles(String tradePair, String span, List<PriceSource> candles) {
    }

    @GET
    @Path("/{id}")
    public Candles candles(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("span") String span) {
        TradePair pair = Params.pair(id, catalog);
        long now = clock.millis();
        long fromMs = Params.time(from, "from", now);
        long toMs = Params.time(to, "to", now);
        if (fromMs > toMs) {
            throw ProblemException.badRequest("from must not be after to", "from");
        }
        if (toMs - fromMs > MAX_WINDOW_MS) {
            throw ProblemException.badRequest("the window from..to must not exceed 7 days", "to");
        }
        Timespan ts = parseSpan(span);
        if ((toMs - fromMs) / ts.millis() + 1 > MAX_CANDLES) {
            throw ProblemException.badRequest("at most " + MAX_CANDLES + " candles per request; use a longer span", "span");
        }
        return new Candles(pair.id(), ts.name(), prices.candles(pair, fromMs, toMs, ts));
    }

    private static Timespan parseSpan(String span) {
        if (span == null || span.isBlank()) {
            return Timespan.MINUTE;
        }
        try {
            return Timespan.valueOf(span.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("span must be one of SECOND, MINUTE, HOUR, DAY", "span");
        }
    }
}
