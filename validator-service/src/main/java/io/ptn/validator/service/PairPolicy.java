package io.ptn.validator.service;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.ptn.domain.TradePair;
import io.ptn.validator.OrderRefusedException;
import io.ptn.validator.config.ValidatorConfig;
import io.quarkus.logging.Log;

/** Which pairs miners may trade: known, tradable, not in the configured blocked set. */
@ApplicationScoped
public class PairPolicy {

    private final Set<TradePair> blocked;

    public PairPolicy(ValidatorConfig config) {
        this.blocked = parse(config.pairs().blocked().orElse(null));
        Log.infof("Blocked trade pairs: %s", blocked);
    }

    static Set<TradePair> parse(List<String> ids) {
        if (ids == null) {
            return EnumSet.copyOf(TradePair.DEFAULT_BLOCKED);
        }
        EnumSet<TradePair> set = EnumSet.noneOf(TradePair.class);
        for (String id : ids) {
            if (id.isBlank() || "NONE".equalsIgnoreCase(id.trim())) {
                continue;
            }
            set.add(TradePair.byId(id).orElseThrow(
                    () -> new IllegalStateException("validator.pairs.blocked: unknown trade pair " + id)));
        }
        return set;
    }

    /** The pair; unknown, blocked or never tradable pairs are refused. */
    public TradePair tradable(String id) {
        TradePair pair = TradePair.byId(id)
                .orElseThrow(() -> new UnknownTradePairException("unknown trade pair '" + id + "'"));
        if (!pair.tradable()) {
            throw new OrderRefusedException("trade pair " + pair.id() + " is priced but never tradable", "tradePair");
        }
        if (blocked.contains(pair)) {
            throw new OrderRefusedException("trade pair " + pair.id() + " is blocked for trading", "tradePair");
        }
        return pair;
    }

    public Set<TradePair> blocked() {
        return blocked;
    }
}
