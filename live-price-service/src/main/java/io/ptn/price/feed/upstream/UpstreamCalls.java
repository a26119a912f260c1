package io.ptn.price.feed.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.net.ConnectException;
import java.time.temporal.ChronoUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Fault tolerance around every upstream REST request, one guarded method per provider so that each has its own
 * circuit breaker and bulkhead. A request is a supplier of the REST client's {@code Uni}, so a retry sends it again.
 *
 * <ul>
 *   <li>{@code @Timeout}: no single attempt outlasts the price path's whole REST budget (10 s); the per-request
 *       timeouts are tighter (the REST client's connect/read timeouts and the caller's budget, see {@link UpstreamRest}).
 *   <li>{@code @Retry}: GETs only, so any attempt is safe to repeat. 5xx and refused connections are retried after
 *       200 ± 100 ms; a 429 or 503 whose {@code Retry-After} is at most 1 s is retried after that wait. A longer
 *       {@code Retry-After} is not waited for here: the 429 goes back to the caller, whose {@link RestGuard} then
 *       makes no call until it has passed. Timeouts (the budget is spent), other 4xx and unreadable answers are not
 *       retried.
 *   <li>{@code @CircuitBreaker}: after half of 20 attempts failed, the provider's REST side fails fast for 5 s.
 *   <li>{@code @Bulkhead}: 8 requests in flight per provider (the connection pool the hand-written client had), 64
 *       waiting.
 * </ul>
 * A 404 (no data for that ticker) is an answer, not a failure: it becomes {@link #NOT_FOUND} before the breaker
 * sees it.
 */
@ApplicationScoped
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = UpstreamCalls.DELAY_MS, jitter = UpstreamCalls.JITTER_MS)
@RetryWhen(exception = UpstreamCalls.Transient.class)
@CustomBackoff(UpstreamCalls.RetryAfter.class)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2)
@Bulkhead(value = 8, waitingTaskQueue = 64)
public class UpstreamCalls {

    static final long DELAY_MS = 200;
    static final long JITTER_MS = 100;
    /** The longest Retry-After waited for inside one call. */
    static final long MAX_RETRY_AFTER_MS = 1_000;
    /** The answer that stands for a 404; compared by identity, never handed to a parser. */
    private static final JsonNode NOT_FOUND = JsonNodeFactory.instance.textNode("404");

    @CircuitBreakerName("polygon-rest")
    public Uni<JsonNode> polygon(Supplier<Uni<JsonNode>> request) {
        return attempt(request);
    }

    @CircuitBreakerName("tiingo-rest")
    public Uni<JsonNode> tiingo(Supplier<Uni<JsonNode>> request) {
        return attempt(request);
    }

    @CircuitBreakerName("coinbase-rest")
    public Uni<JsonNode> coinbase(Supplier<Uni<JsonNode>> request) {
        return attempt(request);
    }

    private static Uni<JsonNode> attempt(Supplier<Uni<JsonNode>> request) {
        return request.get().onFailure(e -> e instanceof UpstreamStatusException s && s.notFound())
                .recoverWithItem(NOT_FOUND);
    }

    /** True for the answer that stands for a 404. */
    public static boolean notFound(JsonNode answer) {
        return answer == NOT_FOUND;
    }

    /** Which failures are worth one more attempt within the same call. */
    public static final class Transient implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable t) {
            if (t instanceof UpstreamStatusException s) {
                long after = s.retryAfterSecondsMs();
                if (s.status() == 429) {
                    return after >= 0 && after <= MAX_RETRY_AFTER_MS;
                }
                return s.status() >= 500 && (!s.hasRetryAfter() || (after >= 0 && after <= MAX_RETRY_AFTER_MS));
            }
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof ConnectException) {
                    return true; // refused: nothing was sent
                }
            }
            return false;
        }
    }

    /** The upstream's Retry-After when it gave one (never undercut by the jitter), else the fixed delay. */
    public static final class RetryAfter implements CustomBackoffStrategy {
        private long delayMs = DELAY_MS;

        @Override
        public void init(long initialDelayMs) {
            delayMs = initialDelayMs;
        }

        @Override
        public long nextDelayInMillis(Throwable cause) {
            if (cause instanceof UpstreamStatusException s && s.retryAfterSecondsMs() >= 0) {
                return s.retryAfterSecondsMs() + JITTER_MS;
            }
            return delayMs;
        }
    }
}
