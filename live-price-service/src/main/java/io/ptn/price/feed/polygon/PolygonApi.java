package io.ptn.price.feed.polygon;

import io.ptn.price.feed.upstream.UpstreamStatusException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.rest.client.reactive.ClientQueryParam;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Polygon's REST API, thin: built per provider from {@code polygon.*} ({@code UpstreamRest}), the key in an
 * {@code Authorization: Bearer} header, fault tolerance in {@code UpstreamCalls}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
interface PolygonApi extends AutoCloseable {

    @GET
    @Path("v2/aggs/ticker/{ticker}/range/1/{timespan}/{from}/{to}")
    @ClientQueryParam(name = "adjusted", value = "true")
    @ClientQueryParam(name = "sort", value = "asc")
    @ClientQueryParam(name = "limit", value = "50000")
    Uni<byte[]> aggregates(@PathParam("ticker") String ticker, @PathParam("timespan") String timespan,
                             @PathParam("from") long fromMs, @PathParam("to") long toMs);

    @GET
    @Path("v2/aggs/ticker/{ticker}/prev")
    @ClientQueryParam(name = "adjusted", value = "true")
    Uni<byte[]> previousClose(@PathParam("ticker") String ticker);

    @GET
    @Path("v1/last_quote/currencies/{from}/{to}")
    Uni<byte[]> lastForexQuote(@PathParam("from") String from, @PathParam("to") String to);

    @GET
    @Path("v2/last/nbbo/{symbol}")
    Uni<byte[]> lastNbbo(@PathParam("symbol") String symbol);

    @Override
    void close();

    @ClientExceptionMapper
    static RuntimeException toException(Response response, URI uri) {
        return UpstreamStatusException.of(response, uri);
    }
}
