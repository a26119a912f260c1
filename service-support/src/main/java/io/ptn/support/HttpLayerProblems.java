package io.ptn.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem bodies, instead of Vert.x's empty ones, for a URI over {@link #MAX_URI_LENGTH} (414) and a declared body
 * over {@code quarkus.http.limits.max-body-size} (413), checked before any other route. The codec's request-line limit
 * is set above ours, so an over-long URI reaches this handler. Quarkus offers no hook for what is refused earlier: a
 * URI {@code java.net.URI} rejects (malformed percent-encoding, 400), a line past the codec limit, oversized headers.
 */
@ApplicationScoped
public class HttpLayerProblems {

    public static final int MAX_URI_LENGTH = 4096;

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    public HttpLayerProblems(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkLimits);
    }

    private void checkLimits(RoutingContext ctx) {
        if (ctx.request().uri().length() > MAX_URI_LENGTH) {
            answer(ctx, 414, "the request URI is longer than " + MAX_URI_LENGTH + " characters");
        } else if (declaredLength(ctx.request().getHeader(HttpHeaderNames.CONTENT_LENGTH)) > maxBodyBytes) {
            // the body stays unread, so the connection cannot carry another request: answer and close
            ctx.response().putHeader(HttpHeaderNames.CONNECTION, "close")
                    .endHandler(v -> ctx.request().connection().close());
            answer(ctx, 413, "the request body is larger than " + maxBodyBytes + " bytes");
        } else {
            ctx.next();
        }
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // the codec refuses a malformed Content-Length before this runs
        }
    }

    private void answer(RoutingContext ctx, int status, String detail) {
        String title = HttpResponseStatus.valueOf(status).reasonPhrase();
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(status, title, detail, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
