package io.ptn.price.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ptn.domain.MarketCalendar;
import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.FakeProvider.FakeStream;
import io.ptn.price.FakeProvider;
import io.ptn.price.TestConfigs;

class FeedSupervisorTest {

    private final FakeProvider provider = new FakeProvider("fake");
    private final FakeStream a = new FakeStream("fake:a", "fake", EnumSet.of(TradePair.BTCUSD));
    private final FakeStream b = new FakeStream("fake:b", "fake", EnumSet.of(TradePair.ETHUSD));
    private final EventBuffer buffer = new EventBuffer(300_000, 64);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FeedSupervisor supervisor;
    private ScheduledExecutorService pusher;

    private FeedSupervisor start(Map<String, String> overrides) {
        provider.streams.add(a);
        provider.streams.add(b);
        supervisor = new FeedSupervisor(new ProviderRegistry(List.of("fake"), List.<PriceProvider>of(provider)), buffer,
                new TickBroadcaster(), registry, TestConfigs.config(overrides),
                InstantSource.system(), new MarketCalendar());
        supervisor.onStart(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.sink != null && b.sink != null);
        return supervisor;
    }

    @AfterEach
    void stop() {
        if (pusher != null) {
            pusher.shutdownNow();
        }
        if (supervisor != null) {
            supervisor.shutdown();
        }
    }

    private StreamStatus status(String id) {
        return supervisor.status().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private double rejected(String reason) {
        Counter c = registry.find("price.events.rejected").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private static PriceSource tick(long t, double p, double bid, double ask) {
        return PriceSource.tick("fake_ws", p, t, true, bid, ask);
    }

    @Test
    void invalidEventsAreDroppedAndCountedValidOnesReachTheBuffer() {
        start(Map.of());
        long now = System.currentTimeMillis();
        StreamSink sink = a.sink;
        sink.onEvent(TradePair.BTCUSD, tick(now, Double.NaN, 0, 0));
        sink.onEvent(TradePair.BTCUSD, tick(now, Double.POSITIVE_INFINITY, 0, 0));
        sink.onEvent(TradePair.BTCUSD, tick(now, 0, 0, 0));
        sink.onEvent(TradePair.BTCUSD, tick(now, -5, 0, 0));
        sink.onEvent(TradePair.BTCUSD, tick(now, 100, 101, 99));
        sink.onEvent(TradePair.BTCUSD, tick(now, 100, -1, 99));
        sink.onEvent(TradePair.BTCUSD, tick(now + 60_000, 100, 0, 0));
        sink.onEvent(TradePair.BTCUSD, tick(now - 400_000, 100, 0, 0));
        sink.onEvent(TradePair.ETHUSD, tick(now, 100, 0, 0));
        sink.onMalformed("garbage");
        assertNull(buffer.latest("fake", TradePair.BTCUSD));
        assertNull(buffer.latest("fake", TradePair.ETHUSD));
        assertEquals(4, rejected("bad_price"));
        assertEquals(1, rejected("crossed_quote"));
        assertEquals(1, rejected("bad_quote"));
        assertEquals(1, rejected("future"));
        assertEquals(1, rejected("too_old"));
        assertEquals(1, rejected("unexpected_pair"));
        assertEquals(1, rejected("malformed"));

        sink.onEvent(TradePair.BTCUSD, tick(now, 100, 99.9, 100.1));
        sink.onEvent(TradePair.BTCUSD, tick(now, 101, 0, 0)); // same time: the first one stays
        assertEquals(100, buffer.latest("fake", TradePair.BTCUSD).open());
        assertEquals(1, rejected("duplicate_time"));
        assertEquals(1, registry.find("price.ticks").tag("provider", "fake").counter().count());
        assertTrue(status("fake:a").lastEventMs() > 0);
    }

    @Test
    void aBarEndingInTheFutureIsRejected() {
        start(Map.of());
        long now = System.currentTimeMillis();
        // starts now but ends in an hour: its end is the timestamp the SSE tick would carry
        a.sink.onEvent(TradePair.BTCUSD, new PriceSource("fake_ws", 3_600_000, 100, 100, null, null, null, now, true, 0, 0, 0));
        assertNull(buffer.latest("fake", TradePair.BTCUSD));
        assertEquals(1, rejected("future"));
    }

    @Test
    void closedStreamIsRestartedWithGrowingBackoffOthersUntouched() {
        start(Map.of("price.supervisor.backoff-initial", "20ms", "price.supervisor.backoff-multiplier", "1.5"));
        assertEquals(20, status("fake:a").backoffMs());
        a.sink.onClosed("bye", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.starts.get() == 2);
        assertEquals(30, status("fake:a").backoffMs());
        a.sink.onClosed("bye again", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.starts.get() == 3);
        assertEquals(45, status("fake:a").backoffMs());
        assertEquals(2, status("fake:a").reconnects());
        assertEquals(2, status("fake:a").consecutiveFailures());
        assertEquals(1, b.starts.get(), "the other stream is never restarted");

        a.sink.onEvent(TradePair.BTCUSD, tick(System.currentTimeMillis(), 100, 0, 0));
        assertEquals(ProviderState.CONNECTED, status("fake:a").state());
        assertEquals(20, status("fake:a").backoffMs(), "an event resets the backoff");
        assertEquals(0, status("fake:a").consecutiveFailures());
    }

    @Test
    void backoffIsCappedAtTheMaximum() {
        start(Map.of("price.supervisor.backoff-initial", "10ms", "price.supervisor.backoff-max", "40ms",
                "price.supervisor.backoff-multiplier", "3"));
        for (int i = 1; i <= 3; i++) {
            a.sink.onClosed("bye", null);
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> a.starts.get() == expected);
        }
        assertEquals(40, status("fake:a").backoffMs());
    }

    @Test
    void unauthorizedIsRetriedOnlyAtTheSlowCap() {
        start(Map.of("price.supervisor.backoff-initial", "10ms", "price.supervisor.backoff-max", "60000ms"));
        a.sink.onUnauthorized("bad key");
        await().atMost(Duration.ofSeconds(2)).until(() -> status("fake:a").state() == ProviderState.UNAUTHORIZED);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> a.starts.get() == 1);
        assertTrue(a.stops.get() >= 1);
    }

    @Test
    void standbyWaitsUntilTheNamedTimeAndIsNotWatchdogged() {
        start(Map.of("price.supervisor.backoff-initial", "10ms", "price.supervisor.backoff-max", "20ms",
                "price.supervisor.watchdog", "300ms", "price.supervisor.heartbeat-interval", "20ms"));
        pusher = Executors.newSingleThreadScheduledExecutor();
        pusher.scheduleAtFixedRate(() -> b.sink.onEvent(TradePair.ETHUSD,
                tick(System.currentTimeMillis(), 3000, 0, 0)), 0, 50, TimeUnit.MILLISECONDS);
        a.sink.onEvent(TradePair.BTCUSD, tick(System.currentTimeMillis(), 100, 0, 0));
        long until = System.currentTimeMillis() + 2_500;
        a.sink.onStandby(until, "another replica holds the key");
        await().atMost(Duration.ofSeconds(2)).until(() -> status("fake:a").state() == ProviderState.STANDBY);
        assertEquals(until, status("fake:a").standbyUntilMs());
        assertTrue(status("fake:a").lastError().contains("another replica"), status("fake:a").lastError());
        // far past the backoff cap and the watchdog limit, with no event: still no restart while standing by
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3)).until(() ->
                a.starts.get() == 1 && status("fake:a").state() == ProviderState.STANDBY);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.starts.get() == 2);
        assertTrue(System.currentTimeMillis() >= until);
        assertEquals(0, status("fake:a").standbyUntilMs());
        assertEquals(1, b.starts.get(), "the other stream is untouched");
    }

    @Test
    void watchdogRestartsOnlyTheSilentStream() {
        start(Map.of("price.supervisor.watchdog", "400ms", "price.supervisor.heartbeat-interval", "50ms",
                "price.supervisor.backoff-initial", "10ms"));
        pusher = Executors.newSingleThreadScheduledExecutor();
        pusher.scheduleAtFixedRate(() -> b.sink.onEvent(TradePair.ETHUSD,
                tick(System.currentTimeMillis(), 3000, 0, 0)), 0, 50, TimeUnit.MILLISECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.starts.get() >= 2);
        assertEquals(1, b.starts.get());
        assertTrue(status("fake:a").lastError().contains("no event"), status("fake:a").lastError());
    }

    @Test
    void heartbeatAdvancesAndShutdownStopsStreams() {
        start(Map.of("price.supervisor.heartbeat-interval", "50ms"));
        long first = supervisor.heartbeatMs();
        await().atMost(Duration.ofSeconds(2)).until(() -> supervisor.heartbeatMs() > first);
        supervisor.shutdown();
        assertTrue(a.stops.get() >= 1 && b.stops.get() >= 1);
        assertEquals(ProviderState.STOPPED, status("fake:a").state());
    }
}
