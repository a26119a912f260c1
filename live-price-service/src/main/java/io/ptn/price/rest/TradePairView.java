package io.ptn.price.rest;

import io.ptn.domain.TradePair;
import io.ptn.price.service.PairCatalog;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record TradePairView(String id, String symbol, String category, double feeRate, double minLeverage,
                            double maxLeverage, boolean tradable, boolean blocked, boolean enabled) {

    static TradePairView of(TradePair p, PairCatalog catalog) {
        return new TradePairView(p.id(), p.symbol(), p.category().name(), p.feeRate(), p.minLeverage(), p.maxLeverage(),
                p.tradable(), catalog.isBlocked(p), catalog.isEnabled(p));
    }
}
