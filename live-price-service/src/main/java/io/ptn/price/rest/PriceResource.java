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
import com.fasterxml.jackson.databind.JsonNode;
import io.ptn.price.service.PriceService.Lookup;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
    /** A risk round asks for every order of the last 5 minutes at once; more than this is split by the caller. */
    static final int MAX_LOOKUPS = 256;
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

    /**
     * Many (pair, instant) look-ups in one call, each answered as {@code GET /{id}?at=} would be: an instant within
     * the buffer's 5 minutes from the stream, older ones from REST, all under one budget.
     * Body: {@code {"lookups":[{"tradePair":"BTCUSD","atMs":...}]}}.
     */
    @POST
    @Path("/at")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<LookupEntry.Results> lookups(String body) {
        List<Lookup> wanted = parseLookups(body, clock.millis());
        LookupEntry[] out = new LookupEntry[wanted.size()];
        List<Lookup> priced = new ArrayList<>(wanted.size());
        List<Integer> slots = new ArrayList<>(wanted.size());
        for (int i = 0; i < wanted.size(); i++) {
            Lookup l = wanted.get(i);
            if (!catalog.isEnabled(l.pair())) {
                out[i] = new LookupEntry(l.pair().id(), l.atMs(), 404, null, "trade pair not enabled");
            } else {
                priced.add(l);
                slots.add(i);
            }
        }
        return prices.pricesAt(priced).map(answers -> {
            for (int k = 0; k < answers.size(); k++) {
                Lookup l = priced.get(k);
                out[slots.get(k)] = answers.get(k).map(a -> new LookupEntry(l.pair().id(), l.atMs(), 200, a, null))
                        .orElseGet(() -> new LookupEntry(l.pair().id(), l.atMs(), 503, null, "no price available"));
            }
            return new LookupEntry.Results(List.of(out));
        });
    }

    /** Strict: every look-up needs a known pair and an epoch-ms {@code atMs} in the range {@code at} accepts. */
    private List<Lookup> parseLookups(String body, long now) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body is not valid JSON", "lookups");
        }
        JsonNode list = root == null ? null : root.get("lookups");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ProblemException.badRequest("lookups must be a non-empty array", "lookups");
        }
        if (list.size() > MAX_LOOKUPS) {
            throw ProblemException.badRequest("at most " + MAX_LOOKUPS + " lookups per request", "lookups");
        }
        List<Lookup> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode l = list.get(i);
            String prefix = "lookups[" + i + "].";
            JsonNode id = l.get("tradePair");
            if (id == null || !id.isTextual()) {
                throw ProblemException.badRequest(prefix + "tradePair must be a trade pair id", prefix + "tradePair");
            }
            TradePair pair = TradePair.byId(id.asText().trim()).orElseThrow(() ->
                    ProblemException.badRequest("unknown trade pair: " + id.asText(), prefix + "tradePair"));
            JsonNode at = l.get("atMs");
            if (at == null || !at.isIntegralNumber() || !at.canConvertToLong()) {
                throw ProblemException.badRequest(prefix + "atMs must be an epoch-millisecond timestamp", prefix + "atMs");
            }
            out.add(new Lookup(pair, Params.time(Long.toString(at.asLong()), prefix + "atMs", now)));
        }
        return out;
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
