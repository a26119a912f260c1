package io.ptn.validator.client;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** A 503 from {@code /q/health} still carries the checks (which one is DOWN and why): keep the body. */
class PriceHealthResponseMapper implements ResponseExceptionMapper<PriceHealthDownException> {

    @Override
    public PriceHealthDownException toThrowable(Response response) {
        return new PriceHealthDownException(response.readEntity(String.class));
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status == 503;
    }
}
