package io.ptn.price.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.Tick;
import io.ptn.price.feed.TickBroadcaster;
import io.ptn.price.service.PairCatalog;
import io.ptn.price.service.PriceAnswer;
import io.ptn.price.service.PriceService;
import io.ptn.price.service.QuoteAnswer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.InstantSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@Path("/api/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {

    static final int MAX_BATCH = 64;
    static final Duration KEEPALIVE = Duration.ofSeconds(5);

    private final PriceService prices;
    private final PairCatalog catalog;
    private final TickBroadcaster broadcaster;
    private final ObjectMapper mapper;

    private final InstantSource clock;

    public PriceResource(PriceService prices, PairCatalog catalog, TickBroadcaster broadcaster, ObjectMapper mapper, InstantSource clock) {
        this.clock = clock;
        this.prices = prices;
        this.catalog = catalog;
        this.broadcaster = broadcaster;
        this.mapper = mapper;
    }

    /** Answered on the event loop from the buffer when it can; the REST fallback runs on a worker thread. */
    @GET
    @Path("/{id}")
    public Uni<PriceAnswer> price(@PathParam("id") String id, @QueryParam("at") String at) {
        TradePair pair = Params.pair(id, catalog);
        long atMs = Params.time(at, "at", clock.millis());
        PriceAnswer fast = prices.fromStream(pair, atMs);
        if (fast != null) {
            return Uni.createFrom().item(fast);
        }
        return Uni.createFrom().item(() -> prices.price(pair, atMs)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The pairs are priced concurrently under one budget; each entry answers on its own. */
    @GET
    public Uni<BatchEntry.Results> batch(@QueryParam("pairs") String pairs, @QueryParam("at") String at) {
        long atMs = Params.time(at, "at", clock.millis());
        List<String> ids = split(pairs);
        if (ids.size() > MAX_BATCH) {
            throw ProblemException.badRequest("at most " + MAX_BATCH + " pairs per request", "pairs");
        }
        BatchEntry[] out = new BatchEntry[ids.size()];
        List<TradePair> priced = new ArrayList<>(ids.size());
        List<Integer> slots = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            TradePair pair = TradePair.byId(ids.get(i)).orElse(null);
            if (pair == null || !catalog.isEnabled(pair)) {
                out[i] = new BatchEntry(ids.get(i), 404, null, pair == null ? "unknown trade pair" : "trade pair not enabled");
            } else {
                priced.add(pair);
                slots.add(i);
            }
        }
        return prices.prices(priced, atMs).map(answers -> {
            for (int k = 0; k < answers.size(); k++) {
                String id = priced.get(k).id();
                out[slots.get(k)] = answers.get(k).map(a -> new BatchEntry(id, 200, a, null))
                        .orElseGet(() -> new BatchEntry(id, 503, null, "no price available"));
            }
            return new BatchEntry.Results(List.of(out));
        });
    }

    @GET
    @Path("/{id}/close")
    public PriceAnswer close(@PathParam("id") String id, @QueryParam("at") String at) {
        TradePair pair = Params.pair(id, catalog);
        return prices.close(pair, Params.time(at, "at", clock.millis()));
    }

    @GET
    @Path("/{id}/quote")
    public QuoteAnswer quote(@PathParam("id") String id, @QueryParam("at") String at) {
        TradePair pair = Params.pair(id, catalog);
        return prices.quote(pair, Params.time(at, "at", clock.millis()));
    }

    /** One {@code tick} event per accepted tick of the requested pairs, a keepalive comment every 5 s. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@QueryParam("pairs") String pairs, @Context Sse sse) {
        Set<TradePair> wanted;
        if (pairs == null || pairs.isBlank()) {
            wanted = catalog.enabled();
        } else {
            wanted = EnumSet.noneOf(TradePair.class);
            for (String id : split(pairs)) {
                TradePair pair = TradePair.byId(id).orElseThrow(() ->
                        ProblemException.badRequest("unknown trade pair: " + id, "pairs"));
                if (!catalog.isEnabled(pair)) {
                    throw ProblemException.badRequest("trade pair not enabled: " + id, "pairs");
                }
                wanted.add(pair);
            }
        }
        Set<String> ids = new HashSet<>();
        wanted.forEach(p -> ids.add(p.id()));
        Multi<OutboundSseEvent> ticks = broadcaster.ticks()
                .filter(t -> ids.contains(t.tradePair()))
                .onOverflow().drop()
                .map(t -> sse.newEventBuilder().name("tick").id(Long.toString(t.sequence()))
                        .data(String.class, json(t)).build());
        Multi<OutboundSseEvent> keepalive = Multi.createFrom().ticks().every(KEEPALIVE).onOverflow().drop()
                .map(x -> sse.newEventBuilder().comment(" keepalive").build());
        return Multi.createBy().merging().streams(ticks, keepalive);
    }

    private String json(Tick t) {
        try {
            return mapper.writeValueAsString(new TickData(t.tradePair(), t.price(), t.bid(), t.ask(), t.timestampMs(), t.source()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record TickData(String tradePair, double price, double bid, double ask, long timestampMs, String source) {
    }

    private static List<String> split(String pairs) {
        if (pairs == null || pairs.isBlank()) {
            throw ProblemException.badRequest("pairs must be a comma-separated list of trade pair ids", "pairs");
        }
        String[] parts = pairs.split(",", -1);
        if (parts.length > MAX_BATCH) {
            throw ProblemException.badRequest("at most " + MAX_BATCH + " pairs per request", "pairs");
        }
        List<String> ids = new ArrayList<>(parts.length);
        for (String p : parts) {
            String id = p.trim();
            if (id.isEmpty()) {
                throw ProblemException.badRequest("pairs must not contain empty entries", "pairs");
            }
            ids.add(id);
        }
        return ids;
    }
}
