package io.ptn.price.rest;

import io.ptn.price.service.PriceAnswer;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Serialises price answers (the hot path: {@code GET /api/v1/prices/{id}}) with {@link PriceAnswerJson} instead of
 * the reflective Jackson writer: one small byte array per answer, written straight to the response.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Produces(MediaType.APPLICATION_JSON)
public class PriceAnswerWriter implements ServerMessageBodyWriter<PriceAnswer> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return PriceAnswer.class.equals(type);
    }

    @Override
    public void writeResponse(PriceAnswer answer, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(PriceAnswerJson.bytes(answer));
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return PriceAnswer.class.equals(type);
    }

    @Override
    public void writeTo(PriceAnswer answer, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws java.io.IOException {
        out.write(PriceAnswerJson.bytes(answer));
    }
}
