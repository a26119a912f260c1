package io.ptn.validator.rest;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a miner's {@code Authorization: Bearer <token>} for Quarkus Security; {@code service/MinerTokens} turns the
 * token into the miner's identity. No header: anonymous (refused by {@code @Authenticated} where it applies); any
 * other scheme or an empty token: a failed authentication. Authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}), so only authenticated endpoints look at the header, and every refusal
 * reaches {@link ValidatorProblemMapper} as an exception.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final String SCHEME = "bearer";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String authorization = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !SCHEME.equalsIgnoreCase(parts[0]) || parts[1].isBlank()) {
            return Uni.createFrom().failure(
                    new AuthenticationFailedException("the Authorization header must be 'Bearer <token>'"));
        }
        return identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(parts[1].trim(), SCHEME)));
    }

    /** A 401 without a WWW-Authenticate header, as the service has always answered. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }
}
