package io.ptn.price.feed.simulated;

import io.ptn.domain.TradePair;

/**
 * A deterministic random walk: the mid price of a pair at tick {@code k} is a pure function of (seed, pair, k), a
 * sum of value-noise octaves whose amplitudes grow with the square root of their length (Brownian-like scaling).
 * Being a function rather than a stored path, every replica with the same seed streams the same ticks, and REST
 * answers for any past time are exactly the ticks the stream sent.
 */
public final class RandomWalk {

    private static final int OCTAVES = 12;
    private static final double SECONDS_PER_YEAR = 365.25 * 24 * 3600;

    private final long seed;
    private final long periodMs;
    private final double[] sigmaPerTick = new double[TradePair.values().length];

    public RandomWalk(long seed, int ticksPerSecond) {
        this.seed = seed;
        this.periodMs = Math.max(1, 1000 / Math.max(1, ticksPerSecond));
        for (TradePair p : TradePair.values()) {
            double annual = switch (p.category()) {
                case CRYPTO -> 0.60;
                case FOREX -> p == TradePair.XAUUSD || p == TradePair.XAGUSD ? 0.18 : 0.08;
                case EQUITIES -> 0.30;
                case INDICES -> p == TradePair.VIX ? 0.90 : 0.18;
            };
            sigmaPerTick[p.ordinal()] = annual * Math.sqrt(periodMs / 1000.0 / SECONDS_PER_YEAR);
        }
    }

    public long periodMs() {
        return periodMs;
    }

    public double mid(TradePair pair, long k) {
        double sigma = sigmaPerTick[pair.ordinal()];
        double x = 0;
        long length = 1;
        for (int o = 0; o < OCTAVES; o++, length *= 4) {
            long knot = Math.floorDiv(k, length);
            double frac = (double) (k - knot * length) / length;
            double a = unit(pair.ordinal(), o, knot);
            double b = unit(pair.ordinal(), o, knot + 1);
            // sqrt(3) scales a uniform [-1,1] knot to unit variance
            x += (a + (b - a) * frac) * 1.7320508 * sigma * Math.sqrt(length);
        }
        return pair.referencePrice() * Math.exp(x);
    }

    /** Bid/ask spread in basis points: crypto 1-5, forex 0.5-2, equities and indices 1-3. */
    public double spreadBp(TradePair pair, long k) {
        double u = (unit(pair.ordinal(), 63, k) + 1) / 2;
        return switch (pair.category()) {
            case CRYPTO -> 1 + 4 * u;
            case FOREX -> 0.5 + 1.5 * u;
            case EQUITIES, INDICES -> 1 + 2 * u;
        };
    }

    public double bid(TradePair pair, long k) {
        return mid(pair, k) * (1 - spreadBp(pair, k) / 20_000);
    }

    public double ask(TradePair pair, long k) {
        return mid(pair, k) * (1 + spreadBp(pair, k) / 20_000);
    }

    /** Uniform in [-1, 1] from a SplitMix64 hash of its inputs. */
    private double unit(int pair, int octave, long knot) {
        long z = seed * 0x9E3779B97F4A7C15L + pair * 0xBF58476D1CE4E5B9L + octave * 0x94D049BB133111EBL + knot;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return ((z >>> 11) * 0x1.0p-53) * 2 - 1;
    }
}
