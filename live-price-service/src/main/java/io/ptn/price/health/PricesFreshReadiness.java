package io.ptn.price.health;

import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.config.PriceConfig;
import io.ptn.price.feed.EventBuffer;
import io.ptn.price.feed.FeedSupervisor;
import io.ptn.price.feed.PriceProvider;
import io.ptn.price.feed.ProviderRegistry;
import io.ptn.price.feed.StreamStatus;
import io.ptn.price.service.PairCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when at least {@code price.readiness.min-fresh-fraction} of the enabled pairs whose market is open have a
 * streamed price within their staleness limit (UP when no such market is open).
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

    public PricesFreshReadiness(PairCatalog catalog, EventBuffer buffer, ProviderRegistry providers,
                                FeedSupervisor supervisor, PriceConfig config) {
        this.catalog = catalog;
        this.buffer = buffer;
        this.providers = providers;
        this.supervisor = supervisor;
        this.minFraction = config.readiness().minFreshFraction();
    }

    @Override
    public HealthCheckResponse call() {
        long now = System.currentTimeMillis();
        int open = 0;
        int fresh = 0;
        for (TradePair pair : catalog.enabled()) {
            if (!calendar.isOpen(pair, now)) {
                continue;
            }
            open++;
            long limit = catalog.stalenessLimitMs(pair);
            for (PriceProvider p : providers.enabled()) {
                PriceSource s = buffer.latest(p.name(), pair);
                if (s != null && now - s.endMs() <= limit) {
                    fresh++;
                    break;
                }
            }
        }
        double fraction = open == 0 ? 1.0 : (double) fresh / open;
        HealthCheckResponseBuilder b = HealthCheckResponse.named("prices-fresh")
                .status(open == 0 || fraction >= minFraction)
                .withData("openPairs", open)
                .withData("freshPairs", fresh)
                .withData("minFreshFraction", String.valueOf(minFraction));
        for (StreamStatus s : supervisor.status()) {
            b.withData("stream." + s.id(), "state=" + s.state() + " lastEventAgeMs=" + s.lastEventAgeMs()
                    + " reconnects=" + s.reconnects() + (s.lastError() == null ? "" : " lastError=" + s.lastError()));
        }
        return b.build();
    }
}
