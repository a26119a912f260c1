package io.ptn.price.feed.upstream;

import io.ptn.price.feed.ProviderState;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/**
 * What a real provider reports about its REST side and its streams, for the readiness check and operators.
 *
 * @param provider            provider name ({@code polygon}, {@code tiingo}, {@code coinbase})
 * @param restState           CONNECTED after a success, DEGRADED after failures, UNAUTHORIZED after 401/403,
 *                            STARTING before the first call
 * @param consecutiveFailures REST failures since the last success
 * @param lastError           kind and message of the last REST failure (never contains a key), or null
 * @param lastSuccessMs       epoch ms of the last successful REST answer, 0 if none
 * @param retryAfterUntilMs   no REST call is made before this epoch ms (Retry-After honoured), 0 if none
 * @param streams             state of each stream by id, as the stream itself sees it (e.g. STANDBY)
 */
@RegisterForReflection
public record ProviderHealth(
        String provider,
        ProviderState restState,
        int consecutiveFailures,
        String lastError,
        long lastSuccessMs,
        long retryAfterUntilMs,
        Map<String, ProviderState> streams) {
}
