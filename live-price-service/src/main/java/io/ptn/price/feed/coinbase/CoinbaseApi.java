package io.ptn.price.feed.coinbase;

import io.ptn.price.feed.upstream.UpstreamStatusException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Coinbase Exchange's public REST API, thin and keyless: built per provider from {@code coinbase.*}
 * ({@code UpstreamRest}), fault tolerance in {@code UpstreamCalls}.
 */
@Path("/products/{product}")
@Produces(MediaType.APPLICATION_JSON)
interface CoinbaseApi extends AutoCloseable {

    /** {@code start}/{@code end} as ISO-8601 instants; {@code granularity} in seconds. */
    @GET
    @Path("candles")
    Uni<byte[]> candles(@PathParam("product") String product, @QueryParam("granularity") long granularitySeconds,
                          @QueryParam("start") String start, @QueryParam("end") String end);

    @GET
    @Path("ticker")
    Uni<byte[]> ticker(@PathParam("product") String product);

    @Override
    void close();

    @ClientExceptionMapper
    static RuntimeException toException(Response response, URI uri) {
        return UpstreamStatusException.of(response, uri);
    }
}
