package io.ptn.validator.client;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** 404 becomes {@link UnknownPairException} (a value upstream); any other error status a {@link PriceServiceException}. */
class PriceServiceResponseMapper implements ResponseExceptionMapper<RuntimeException> {

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        if (status == 404) {
            return new UnknownPairException("price service: unknown trade pair");
        }
        return new PriceServiceException(status, "price service answered " + status);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
