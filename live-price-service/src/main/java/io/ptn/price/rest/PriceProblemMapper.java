package io.ptn.price.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import io.ptn.price.service.NoPriceException;
import io.ptn.support.Problem;
import io.quarkus.logging.Log;

/**
 * The service's one exception mapper: every error, ours or the framework's (unknown path, wrong method, media type),
 * becomes application/problem+json. 503s carry Retry-After.
 */
@Provider
public class PriceProblemMapper implements ExceptionMapper<Throwable> {

    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof ProblemException p) {
            return build(p.status(), p.getMessage(), p.field()).build();
        }
        if (e instanceof NoPriceException) {
            return build(503, e.getMessage(), null).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse() == null ? 500 : w.getResponse().getStatus();
            Response.ResponseBuilder b = build(status, detailFor(status, w), null);
            if (w.getResponse() != null && w.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
                b.header(HttpHeaders.ALLOW, w.getResponse().getHeaderString(HttpHeaders.ALLOW));
            }
            if (status == 503) {
                b.header("Retry-After", RETRY_AFTER_SECONDS);
            }
            if (status >= 500) {
                Log.error("Request failed", e);
            }
            return b.build();
        }
        Log.error("Unexpected error", e);
        return build(500, "internal error", null).build();
    }

    private static String detailFor(int status, WebApplicationException w) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed";
            case 406 -> "not acceptable";
            case 415 -> "unsupported media type";
            default -> w.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : w.getMessage();
        };
    }

    private static Response.ResponseBuilder build(int status, String detail, String field) {
        Response.StatusType st = Response.Status.fromStatusCode(status);
        String title = st == null ? "Error" : st.getReasonPhrase();
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail, field));
    }
}
