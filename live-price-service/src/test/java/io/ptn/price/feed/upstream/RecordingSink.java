package io.ptn.price.feed.upstream;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.price.feed.StreamSink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink that records what a stream reports, for assertions. */
public final class RecordingSink implements StreamSink {

    public record Event(TradePair pair, PriceSource source) {
    }

    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final List<String> malformed = new CopyOnWriteArrayList<>();
    public final List<String> closed = new CopyOnWriteArrayList<>();
    public final List<String> unauthorized = new CopyOnWriteArrayList<>();
    public final List<String> standby = new CopyOnWriteArrayList<>();
    public final List<Long> standbyUntil = new CopyOnWriteArrayList<>();
    public final AtomicInteger connected = new AtomicInteger();

    @Override
    public void onEvent(TradePair pair, PriceSource source) {
        events.add(new Event(pair, source));
    }

    @Override
    public void onMalformed(String reason) {
        malformed.add(reason);
    }

    @Override
    public void onConnected() {
        connected.incrementAndGet();
    }

    @Override
    public void onClosed(String reason, Throwable cause) {
        closed.add(reason);
    }

    @Override
    public void onUnauthorized(String reason) {
        unauthorized.add(reason);
    }

    @Override
    public void onStandby(long untilMs, String reason) {
        standbyUntil.add(untilMs);
        standby.add(reason);
    }

    public List<Event> eventsFor(TradePair pair) {
        return events.stream().filter(e -> e.pair() == pair).toList();
    }
}
