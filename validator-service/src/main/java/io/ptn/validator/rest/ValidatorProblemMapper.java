package io.ptn.validator.rest;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.ptn.support.Problem;
import io.ptn.validator.OrderRefusedException;
import io.ptn.validator.service.MinerMismatchException;
import io.ptn.validator.service.NoFreshPriceException;
import io.ptn.validator.service.OrderNotCommittedException;
import io.ptn.validator.service.OrderUuidReusedException;
import io.ptn.validator.service.UnknownMinerException;
import io.ptn.validator.service.UnknownTradePairException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The service's one exception mapper and the one place that knows status codes: domain refusals, Jackson binding
 * errors, Bean Validation violations, Quarkus Security refusals and the framework's own errors (404, 405, 415) all
 * become an {@code application/problem+json} body with a status, a title and the offending field where one applies.
 * The types are listed so that this mapper, not the extensions' built-in ones (Jackson's, Hibernate Validator's,
 * Quarkus Security's), answers them.
 */
public class ValidatorProblemMapper {

    /** Jackson's message for a key sent twice (STRICT_DUPLICATE_DETECTION, see StrictJson). */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    @ServerExceptionMapper({Throwable.class, MismatchedInputException.class, ValidationException.class,
            ConstraintViolationException.class, UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class, ForbiddenException.class})
    public Response toResponse(Throwable e) {
        if (e instanceof OrderRefusedException r) {
            return build(422, r.getMessage(), r.field()).build();
        }
        if (e instanceof UnknownTradePairException) {
            return build(404, e.getMessage(), "tradePair").build();
        }
        if (e instanceof UnknownMinerException) {
            return build(404, e.getMessage(), "hotkey").build();
        }
        if (e instanceof MinerMismatchException) {
            return build(403, e.getMessage(), "minerHotkey").build();
        }
        if (e instanceof OrderUuidReusedException) {
            return build(409, e.getMessage(), "orderUuid").build();
        }
        if (e instanceof NoFreshPriceException n) {
            return retryAfter(build(503, n.getMessage(), null), n.retryAfter()).build();
        }
        if (e instanceof OrderNotCommittedException n) {
            return retryAfter(build(503, n.getMessage(), null), n.retryAfter()).build();
        }
        if (e instanceof ConstraintViolationException v) {
            return violation(v).build();
        }
        if (e instanceof JsonProcessingException j) {
            return json(j).build();
        }
        if (e instanceof UnauthorizedException) {
            // @Authenticated met no credentials at all
            return build(401, "a bearer token is required (Authorization: Bearer <token>)", null).build();
        }
        if (e instanceof AuthenticationFailedException || e instanceof AuthenticationCompletionException) {
            return build(401, detail(e, "authentication failed"), null).build();
        }
        if (e instanceof ForbiddenException) {
            return build(403, detail(e, "forbidden"), null).build();
        }
        if (e instanceof WebApplicationException w) {
            return web(w).build();
        }
        Log.error("unexpected failure", e);
        return build(500, "internal error", null).build();
    }

    private static Response.ResponseBuilder web(WebApplicationException w) {
        int status = w.getResponse() == null ? 500 : w.getResponse().getStatus();
        if (w.getCause() instanceof JsonProcessingException j) {
            return json(j);
        }
        if (status >= 500) {
            Log.error("request failed", w);
        }
        return build(status, w.getMessage(), null);
    }

    /** A body Jackson could not read or bind, named by the property it stopped at. */
    private static Response.ResponseBuilder json(JsonProcessingException j) {
        Matcher twice = DUPLICATE.matcher(String.valueOf(j.getOriginalMessage()));
        if (twice.lookingAt()) {
            return build(400, "field '" + twice.group(1) + "' appears twice", twice.group(1));
        }
        if (j instanceof UnrecognizedPropertyException u) {
            return build(400, "unknown field '" + u.getPropertyName() + "'", u.getPropertyName());
        }
        String field = j instanceof JsonMappingException m ? field(m.getPath()) : null;
        if (j instanceof MismatchedInputException m) {
            if (field != null) {
                return build(400, field + " " + expected(m.getTargetType()), field);
            }
            if (m.getMessage() != null && m.getMessage().startsWith("No content to map")) {
                return build(400, "the request body is empty; expected a JSON object", null);
            }
            return build(400, "the request body must be a JSON object", null);
        }
        if (field != null) {
            return build(400, field + " is malformed: " + j.getOriginalMessage(), field);
        }
        return build(400, "the request body is not valid JSON: " + j.getOriginalMessage(), null);
    }

    private static String field(List<JsonMappingException.Reference> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return path.get(i).getFieldName();
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "must be a number";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        return "has the wrong type";
    }

    /**
     * One violation, as the order's checks have always named one field: a missing body first, then a missing value,
     * then by field name, so the same body always gets the same answer. A violation of the body itself names no field.
     */
    private static Response.ResponseBuilder violation(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream()
                .min(Comparator.comparing((ConstraintViolation<?> v) -> leaf(v).getKind() == ElementKind.PARAMETER ? 0 : 1)
                        .thenComparing(v -> v.getConstraintDescriptor().getAnnotation() instanceof NotNull ? 0 : 1)
                        .thenComparing(v -> String.valueOf(leaf(v).getName())))
                .orElse(null);
        if (first == null) {
            return build(400, e.getMessage(), null);
        }
        Path.Node leaf = leaf(first);
        return build(400, first.getMessage(), leaf.getKind() == ElementKind.PROPERTY ? leaf.getName() : null);
    }

    private static Path.Node leaf(ConstraintViolation<?> v) {
        Path.Node last = null;
        for (Iterator<Path.Node> it = v.getPropertyPath().iterator(); it.hasNext();) {
            last = it.next();
        }
        return last;
    }

    private static String detail(Throwable e, String fallback) {
        return e.getMessage() == null || e.getMessage().isBlank() ? fallback : e.getMessage();
    }

    private static Response.ResponseBuilder retryAfter(Response.ResponseBuilder b, Duration retryAfter) {
        return b.header("Retry-After", String.valueOf(Math.max(1, retryAfter.toSeconds())));
    }

    static Response.ResponseBuilder build(int status, String detail, String field) {
        Response.Status s = Response.Status.fromStatusCode(status);
        String title = s != null ? s.getReasonPhrase() : (status == 422 ? "Unprocessable Content" : "Error");
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, title, detail, field));
    }
}
