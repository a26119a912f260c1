package io.ptn.validator.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Two refusals of the HTTP layer as problem bodies instead of Vert.x's empty ones, checked before any other route: a
 * URI longer than {@link #MAX_URI_LENGTH} (414) and a declared body over {@code quarkus.http.limits.max-body-size}
 * (413). The codec's request-line limit is set above ours so that over-long URIs get this far. Still empty: a chunked
 * body over the limit, and what Quarkus refuses before the router (a URI {@code java.net.URI} rejects, such as a
 * malformed percent-encoding) or the codec does (request line past its limit, 431 headers); Quarkus has no hook there.
 */
@ApplicationScoped
public class HttpLayerProblems {

    static final int MAX_URI_LENGTH = 4096;

    private final ObjectMapper json;
    private final long maxBody;

    public HttpLayerProblems(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.json = json;
        this.maxBody = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversize);
    }

    private void refuseOversize(RoutingContext rc) {
        if (rc.request().uri().length() > MAX_URI_LENGTH) {
            send(rc, 414, "the request URI is longer than " + MAX_URI_LENGTH + " characters");
        } else if (contentLength(rc) > maxBody) {
            // the body stays unread, so the connection cannot carry another request
            rc.response().putHeader(HttpHeaderNames.CONNECTION, "close").endHandler(v -> rc.request().connection().close());
            send(rc, 413, "the request body is larger than " + maxBody + " bytes");
        } else {
            rc.next();
        }
    }

    private static long contentLength(RoutingContext rc) {
        String header = rc.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void send(RoutingContext rc, int status, String detail) {
        String title = Response.Status.fromStatusCode(status).getReasonPhrase();
        try {
            rc.response().setStatusCode(status).putHeader(HttpHeaderNames.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                    .end(json.writeValueAsString(new ProblemMapper.Problem("about:blank", title, status, detail, null)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
