package io.ptn.price.health;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.config.PriceConfig;
import io.ptn.price.feed.EventBuffer;
import io.ptn.price.feed.FeedSupervisor;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.ProviderRegistry;
import io.ptn.price.feed.ProviderState;
import io.ptn.price.feed.StreamStatus;
import io.ptn.price.feed.upstream.ProviderHealth;
import io.ptn.price.feed.upstream.ReportsHealth;
import io.ptn.price.service.PairCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.InstantSource;
import java.time.Instant;
import java.util.List;

/**
 * Ready when at least {@code price.readiness.min-fresh-fraction} of the enabled pairs whose market is open have a
 * streamed price within their staleness limit from any provider (UP when no such market is open). So one provider
 * down while another serves keeps the instance ready; the data says which provider is in which state
 * ({@code provider.<name>}) and how each stream is doing ({@code stream.<id>}).
 */
@Readiness
@ApplicationScoped
public class PricesFreshReadiness implements HealthCheck {

    private final PairCatalog catalog;
    private final EventBuffer buffer;
    private final ProviderRegistry providers;
    private final FeedSupervisor supervisor;
    private final double minFraction;
    private final MarketCalendar calendar = new MarketCalendar();

    private final InstantSource clock;

    public PricesFreshReadiness(PairCatalog catalog, EventBuffer buffer, ProviderRegistry providers,
                                FeedSupervisor supervisor, PriceConfig config, InstantSource clock) {
        this.clock = clock;
        this.catalog = catalog;
        this.buffer = buffer;
        this.providers = providers;
        this.supervisor = supervisor;
        this.minFraction = config.readiness().minFreshFraction();
    }

    @Override
    public HealthCheckResponse call() {
        long now = clock.millis();
        List<PriceProvider> enabled = providers.enabled();
        int[] freshBy = new int[enabled.size()];
        int open = 0;
        int fresh = 0;
        for (TradePair pair : catalog.enabled()) {
            if (!calendar.isOpen(pair, now)) {
                continue;
            }
            open++;
            long limit = catalog.stalenessLimitMs(pair);
            boolean any = false;
            for (int i = 0; i < enabled.size(); i++) {
                PriceSource s = buffer.latest(enabled.get(i).name(), pair);
                if (s != null && now - s.endMs() <= limit) {
                    freshBy[i]++;
                    any = true;
                }
            }
            if (any) {
                fresh++;
            }
        }
        double fraction = open == 0 ? 1.0 : (double) fresh / open;
        HealthCheckResponseBuilder b = HealthCheckResponse.named("prices-fresh")
                .status(open == 0 || fraction >= minFraction)
                .withData("openPairs", open)
                .withData("freshPairs", fresh)
                .withData("minFreshFraction", String.valueOf(minFraction));
        List<StreamStatus> streams = supervisor.status();
        for (int i = 0; i < enabled.size(); i++) {
            PriceProvider p = enabled.get(i);
            b.withData("provider." + p.name(), providerData(p, streams, freshBy[i]));
        }
        for (StreamStatus s : streams) {
            b.withData("stream." + s.id(), "state=" + s.state()
                    + (s.standbyUntilMs() > 0 ? " until=" + Instant.ofEpochMilli(s.standbyUntilMs()) : "")
                    + " lastEventAgeMs=" + s.lastEventAgeMs()
                    + " reconnects=" + s.reconnects() + (s.lastError() == null ? "" : " lastError=" + s.lastError()));
        }
        return b.build();
    }

    /** One line per provider: its overall state, its streams, its REST side (for providers that report one). */
    private static String providerData(PriceProvider p, List<StreamStatus> all, int freshPairs) {
        int total = 0;
        int connected = 0;
        boolean standby = true;
        boolean unauthorized = false;
        boolean starting = false;
        long lastEventAge = -1;
        long reconnects = 0;
        for (StreamStatus s : all) {
            if (!s.provider().equals(p.name())) {
                continue;
            }
            total++;
            connected += s.state() == ProviderState.CONNECTED ? 1 : 0;
            standby &= s.state() == ProviderState.STANDBY;
            unauthorized |= s.state() == ProviderState.UNAUTHORIZED;
            starting |= s.state() == ProviderState.STARTING;
            if (s.lastEventAgeMs() >= 0 && (lastEventAge < 0 || s.lastEventAgeMs() < lastEventAge)) {
                lastEventAge = s.lastEventAgeMs();
            }
            reconnects += s.reconnects();
        }
        ProviderHealth rest = p instanceof ReportsHealth r ? r.health() : null;
        ProviderState state;
        if (connected > 0 || (total == 0 && rest != null && rest.restState() == ProviderState.CONNECTED)) {
            state = ProviderState.CONNECTED;
        } else if (total > 0 && standby) {
            state = ProviderState.STANDBY;
        } else if (unauthorized || (rest != null && rest.restState() == ProviderState.UNAUTHORIZED)) {
            state = ProviderState.UNAUTHORIZED;
        } else if (starting) {
            state = ProviderState.STARTING;
        } else {
            state = ProviderState.DEGRADED;
        }
        StringBuilder sb = new StringBuilder("state=").append(state)
                .append(" freshPairs=").append(freshPairs)
                .append(" streamsConnected=").append(connected).append('/').append(total)
                .append(" lastEventAgeMs=").append(lastEventAge)
                .append(" reconnects=").append(reconnects);
        if (rest != null) {
            sb.append(" rest=").append(rest.restState())
                    .append(" restFailures=").append(rest.consecutiveFailures());
            if (rest.retryAfterUntilMs() > 0) {
                sb.append(" retryAfterUntil=").append(Instant.ofEpochMilli(rest.retryAfterUntilMs()));
            }
            if (rest.lastError() != null) {
                sb.append(" restLastError=").append(rest.lastError());
            }
        }
        return sb.toString();
    }
}
