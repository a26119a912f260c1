package io.ptn.price.health;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

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

/**
 * Ready when at least {@code price.readiness.min-fresh-fraction} of the enabled pairs whose market is open have a
 * streamed price within their staleness limit from any provider (UP when no such market is open). So one provider
 * down while another serves keeps the instance ready; the data says which provider is in which state
 * ({@code provider.<name>}) and how each stream is doing ({@code stream.<id>}). {@link FeedMetrics} publishes the
 * same {@link Snapshot} as gauges.
 */
@Readiness
@ApplicationScoped
public class PricesFreshReadiness implements HealthCheck {

    /** One provider as the check sees it; {@code rest} is null for providers without a REST side of their own. */
    public record ProviderView(String name, ProviderState state, int freshPairs, int streamsConnected, int streams,
                               long lastEventAgeMs, long reconnects, ProviderHealth rest) {
    }

    /** Everything the check decides on, at one instant. */
    public record Snapshot(boolean ready, int openPairs, int freshPairs, List<ProviderView> providers,
                           List<StreamStatus> streams) {
    }

    private final PairCatalog catalog;
    private final EventBuffer buffer;
    private final ProviderRegistry providers;
    private final FeedSupervisor supervisor;
    private final InstantSource clock;
    private final double minFraction;
    private final MarketCalendar calendar;

    public PricesFreshReadiness(PairCatalog catalog, EventBuffer buffer, ProviderRegistry providers,
                                FeedSupervisor supervisor, PriceConfig config, InstantSource clock, MarketCalendar calendar) {
        this.calendar = calendar;
        this.catalog = catalog;
        this.buffer = buffer;
        this.providers = providers;
        this.supervisor = supervisor;
        this.clock = clock;
        this.minFraction = config.readiness().minFreshFraction();
    }

    @Override
    public HealthCheckResponse call() {
        Snapshot s = snapshot();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("prices-fresh")
                .status(s.ready())
                .withData("openPairs", s.openPairs())
                .withData("freshPairs", s.freshPairs())
                .withData("minFreshFraction", String.valueOf(minFraction));
        for (ProviderView p : s.providers()) {
            b.withData("provider." + p.name(), providerData(p));
        }
        for (StreamStatus st : s.streams()) {
            b.withData("stream." + st.id(), "state=" + st.state()
                    + (st.standbyUntilMs() > 0 ? " until=" + Instant.ofEpochMilli(st.standbyUntilMs()) : "")
                    + " lastEventAgeMs=" + st.lastEventAgeMs()
                    + " reconnects=" + st.reconnects() + (st.lastError() == null ? "" : " lastError=" + st.lastError()));
        }
        return b.build();
    }

    public Snapshot snapshot() {
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
        List<StreamStatus> streams = supervisor.status();
        List<ProviderView> views = new ArrayList<>(enabled.size());
        for (int i = 0; i < enabled.size(); i++) {
            views.add(providerView(enabled.get(i), streams, freshBy[i]));
        }
        return new Snapshot(open == 0 || fraction >= minFraction, open, fresh, List.copyOf(views), streams);
    }

    /** A provider's overall state from its streams and its REST side (for providers that report one). */
    private static ProviderView providerView(PriceProvider p, List<StreamStatus> all, int freshPairs) {
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
        return new ProviderView(p.name(), state, freshPairs, connected, total, lastEventAge, reconnects, rest);
    }

    /** One line per provider: its overall state, its streams, its REST side. */
    private static String providerData(ProviderView p) {
        StringBuilder sb = new StringBuilder("state=").append(p.state())
                .append(" freshPairs=").append(p.freshPairs())
                .append(" streamsConnected=").append(p.streamsConnected()).append('/').append(p.streams())
                .append(" lastEventAgeMs=").append(p.lastEventAgeMs())
                .append(" reconnects=").append(p.reconnects());
        ProviderHealth rest = p.rest();
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
