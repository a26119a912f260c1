package io.ptn.validator.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.ptn.support.Problem;
import io.ptn.validator.service.ProblemException;
import io.quarkus.logging.Log;

/**
 * The service's one exception mapper: every error, ours or the framework's (404, 405, 415, JSON errors), becomes an
 * {@code application/problem+json} body with a status, a title and the offending field where one applies.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof ProblemException p) {
            Response.ResponseBuilder b = build(p.status(), p.getMessage(), p.field());
            if (p.retryAfterS() != null) {
                b.header("Retry-After", String.valueOf(p.retryAfterS()));
            }
            return b.build();
        }
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse() == null ? 500 : w.getResponse().getStatus();
            if (status >= 500) {
                Log.error("request failed", e);
            }
            Throwable cause = w.getCause();
            if (cause instanceof JsonProcessingException j) {
                return json(j).build();
            }
            return build(status, w.getMessage(), null).build();
        }
        if (e instanceof JsonProcessingException j) {
            return json(j).build();
        }
        Log.error("unexpected failure", e);
        return build(500, "internal error", null).build();
    }

    private static Response.ResponseBuilder json(JsonProcessingException j) {
        String field = null;
        if (j instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().get(m.getPath().size() - 1).getFieldName();
        }
        return build(400, "malformed JSON: " + j.getOriginalMessage(), field);
    }

    static Response.ResponseBuilder build(int status, String detail, String field) {
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s != null ? s.getReasonPhrase() : (status == 422 ? "Unprocessable Content" : "Error");
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail, field));
    }
}
