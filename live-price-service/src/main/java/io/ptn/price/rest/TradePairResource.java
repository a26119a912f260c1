package io.ptn.price.rest;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.MarketStatus;
import io.ptn.domain.TradePair;
import io.ptn.price.service.PairCatalog;

@Path("/api/v1/trade-pairs")
@Produces(MediaType.APPLICATION_JSON)
public class TradePairResource {

    private final PairCatalog catalog;
    private final MarketCalendar calendar;
    private final List<TradePairView> all;

    private final InstantSource clock;

    public TradePairResource(PairCatalog catalog, InstantSource clock, MarketCalendar calendar) {
        this.calendar = calendar;
        this.clock = clock;
        this.catalog = catalog;
        this.all = Arrays.stream(TradePair.values()).map(p -> TradePairView.of(p, catalog)).toList();
    }

    @GET
    public List<TradePairView> list() {
        return all;
    }

    @GET
    @Path("/{id}")
    public TradePairView get(@PathParam("id") String id) {
        TradePair pair = TradePair.byId(id).orElseThrow(() -> ProblemException.notFound("unknown trade pair", "id"));
        return all.get(pair.ordinal());
    }

    @GET
    @Path("/{id}/market")
    public MarketStatus market(@PathParam("id") String id, @QueryParam("at") String at) {
        TradePair pair = TradePair.byId(id).orElseThrow(() -> ProblemException.notFound("unknown trade pair", "id"));
        return calendar.status(pair, Params.time(at, "at", clock.millis()));
    }
}
