package io.ptn.price.rest;

import io.ptn.domain.TradePair;
import io.ptn.price.service.PairCatalog;

/** Strict parsing of query and path parameters into values or 4xx problems. */
final class Params {

    /** 2000-01-01T00:00:00Z. */
    static final long MIN_TIME_MS = 946_684_800_000L;
    static final long MAX_AHEAD_MS = 86_400_000L;

    private Params() {
    }

    static long time(String raw, String field, long now) {
        if (raw == null || raw.isBlank()) {
            return now;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(field + " must be an epoch-millisecond timestamp", field);
        }
        if (v < MIN_TIME_MS || v > now + MAX_AHEAD_MS) {
            throw ProblemException.badRequest(field + " must be between 2000-01-01 and now + 1 day (epoch ms)", field);
        }
        return v;
    }

    /** A pair from a path: 404 when unknown or not enabled on this instance. */
    static TradePair pair(String raw, PairCatalog catalog) {
        TradePair pair = TradePair.byId(raw).orElseThrow(() -> ProblemException.notFound("unknown trade pair", "id"));
        if (!catalog.isEnabled(pair)) {
            throw ProblemException.notFound("trade pair not enabled", "id");
        }
        return pair;
    }
}
