package io.ptn.price.feed;

import io.ptn.price.FakeProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderRegistryTest {

    private final FakeProvider a = new FakeProvider("alpha");
    private final FakeProvider b = new FakeProvider("beta");

    @Test
    void picksEnabledProvidersByNameInConfiguredOrder() {
        ProviderRegistry r = new ProviderRegistry(List.of(" Beta", "alpha"), List.<PriceProvider>of(a, b));
        assertEquals(List.of(b, a), r.enabled());
    }

    @Test
    void unknownProviderFailsWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ProviderRegistry(List.of("alpha", "polygn"), List.<PriceProvider>of(a, b)));
        assertTrue(e.getMessage().contains("polygn") && e.getMessage().contains("price.providers"), e.getMessage());
    }

    @Test
    void noProviderFails() {
        assertThrows(IllegalStateException.class, () -> new ProviderRegistry(List.of(""), List.<PriceProvider>of(a)));
    }
}
