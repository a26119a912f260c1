package io.ptn.price.feed;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the supervisor knows about one stream; {@code lastEventMs} is 0 before the first event. */
@RegisterForReflection
public record StreamStatus(String id, String provider, ProviderState state, long lastEventMs, long lastEventAgeMs,
                           long reconnects, int consecutiveFailures, long backoffMs, String lastError) {
}
