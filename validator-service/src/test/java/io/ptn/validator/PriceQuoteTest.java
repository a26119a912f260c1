package io.ptn.validator;

import java.time.InstantSource;
import io.ptn.domain.TradePair;
import io.ptn.validator.client.PriceCache;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceQuoteTest {

    private static PriceQuote at(long timestampMs, boolean stale) {
        return new PriceQuote(TradePair.BTCUSD, 65_000, 0, 0, timestampMs, "test", stale);
    }

    @Test
    void freshOnlyWithinTheMaxAge() {
        long now = 1_000_000;
        assertTrue(at(now - 30_000, false).freshAt(now, 30_000));
        assertFalse(at(now - 30_001, false).freshAt(now, 30_000));
    }

    @Test
    void neverFreshWhenThePriceServiceFlaggedItStale() {
        assertFalse(at(1_000_000, true).freshAt(1_000_000, 30_000));
    }

    @Test
    void aPriceFromTheFutureBeyondTheSkewAllowanceIsNotTrusted() {
        long now = 1_000_000;
        assertTrue(at(now + PriceQuote.MAX_FUTURE_MS, false).freshAt(now, 30_000));
        assertFalse(at(now + PriceQuote.MAX_FUTURE_MS + 1, false).freshAt(now, 30_000));
    }

    @Test
    void theCacheRefusesATickFromTheFutureSoRealTicksAreNotShadowed() {
        PriceCache cache = new PriceCache(InstantSource.system());
        long now = System.currentTimeMillis();
        cache.offer(at(now + 60_000, false));
        cache.offer(at(now, false));
        assertTrue(cache.fresh(TradePair.BTCUSD, now, 30_000) != null);
        Assertions.assertEquals(now, cache.get(TradePair.BTCUSD).timestampMs());
    }
}
