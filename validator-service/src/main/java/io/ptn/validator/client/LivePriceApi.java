package io.ptn.validator.client;

import java.util.function.Predicate;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.SseEvent;
import org.jboss.resteasy.reactive.client.SseEventFilter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;

/** The price service's REST API, thin; fault tolerance lives in {@link LivePriceClient}, reconnects in {@link TickSubscription}. */
@RegisterRestClient(configKey = "live-price")
@RegisterProvider(PriceServiceResponseMapper.class)
@Path("/api/v1/prices")
@Produces(MediaType.APPLICATION_JSON)
interface LivePriceApi {

    /** A tick is about 150 characters; a larger event is not one the price service sends. */
    int MAX_EVENT_CHARS = 4096;

    @GET
    @Path("/{id}")
    PriceAnswerDto price(@PathParam("id") String tradePair);

    @GET
    BatchAnswerDto prices(@QueryParam("pairs") String commaSeparatedPairs);

    @POST
    @Path("/at")
    @Consumes(MediaType.APPLICATION_JSON)
    LookupAnswerDto pricesAt(LookupsDto lookups);

    /**
     * Ticks of every pair the service enables, plus its keepalive comments (events without a name, one on connect and
     * every 5 s), which show the stream is alive. The data stays a string: the service names no element type (no
     * {@code X-Sse-Element-Type} header), so the client could not pick a JSON reader. The read timeout only covers the
     * wait for the response headers.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @SseEventFilter(TicksAndKeepalives.class)
    Multi<SseEvent<String>> stream();

    /** Keeps keepalives and {@code tick} events up to {@link #MAX_EVENT_CHARS}; anything else never reaches JSON. */
    @RegisterForReflection
    final class TicksAndKeepalives implements Predicate<SseEvent<String>> {

        @Override
        public boolean test(SseEvent<String> e) {
            return e.name() == null ? e.comment() != null : "tick".equals(e.name()) && e.data().length() <= MAX_EVENT_CHARS;
        }
    }
}
