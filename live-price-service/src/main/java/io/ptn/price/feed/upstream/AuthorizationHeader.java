package io.ptn.price.feed.upstream;

import io.ptn.price.feed.ProviderException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Puts a provider's key in the {@code Authorization} header ({@code Bearer <key>} for Polygon, {@code Token <key>}
 * for Tiingo), never in the URL. {@link UpstreamRest} reads the key before each request, so a missing key fails
 * there as UNAUTHORIZED and no request is sent without one.
 */
public final class AuthorizationHeader implements ClientHeadersFactory {

    private final String scheme;
    private final ApiKey key;

    public AuthorizationHeader(String scheme, ApiKey key) {
        this.scheme = scheme;
        this.key = key;
    }

    /** The key, or UNAUTHORIZED when none can be read. */
    ApiKey key() {
        return key;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
                                                 MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        try {
            headers.putSingle(HttpHeaders.AUTHORIZATION, scheme + " " + key.get());
        } catch (ProviderException e) {
            // not reached: the key was read before the request was made
        }
        return headers;
    }

    @Override
    public String toString() {
        return "AuthorizationHeader[" + scheme + ", " + key + "]";
    }
}
