package io.ptn.validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.domain.TradePair;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The network's slippage figures: crypto estimates per order-size bucket and the fitted equities coefficients,
 * read from {@value #ESTIMATES} and {@value #EQUITY_MODEL} (copies of PTN's files; see slippage/PROVENANCE.md).
 * Immutable once read.
 */
public final class SlippageTables {

    static final String ESTIMATES = "slippage/slippage_estimates.json";
    static final String EQUITY_MODEL = "slippage/equity_model_parameters.json";

    /** Notional range {@code [low, high)} in USD and the estimated slippage (before PTN's 3x). */
    public record Bucket(long low, long high, double slippage) {
    }

    /** One fitted equities model: intercept + c1 * spread/price + c2 * annualized vol + c3 * order shares/ADV. */
    @RegisterForReflection
    public record EquityCoefficients(
            @JsonProperty("intercept") double intercept,
            @JsonProperty("spread/price") double spreadOverPrice,
            @JsonProperty("annualized_vol") double annualizedVolatility,
            @JsonProperty("order_size/adv") @JsonAlias({"buy_order_size/adv", "sell_order_size/adv"}) double sizeOverAdv) {
    }

    /** Shape of the estimates file: pair id + "C" -> "long"/"short" -> "(low, high)" -> slippage, in file order. */
    @RegisterForReflection
    record EstimatesFile(Map<String, Map<String, Map<String, Double>>> crypto) {
    }

    /** Shape of the equities file: pair id -> "buy"/"sell" -> size label ("1k_10k", ...) -> coefficients. */
    @RegisterForReflection
    record EquityModelFile(Map<String, Map<String, Map<String, EquityCoefficients>>> equity) {
    }

    /** Key "BTCUSDC/long" (the file's pair key and side) -> buckets in file order. */
    private final Map<String, List<Bucket>> crypto;
    private final Map<String, Map<String, Map<String, EquityCoefficients>>> equity;

    private SlippageTables(EstimatesFile estimates, EquityModelFile equityModel) {
        if (estimates == null || estimates.crypto() == null || equityModel == null || equityModel.equity() == null) {
            throw new IllegalStateException("slippage tables without their 'crypto' or 'equity' section");
        }
        Map<String, List<Bucket>> buckets = new HashMap<>();
        estimates.crypto().forEach((pair, sides) -> sides.forEach((side, ranges) -> {
            List<Bucket> list = new ArrayList<>(ranges.size());
            ranges.forEach((range, slippage) -> list.add(bucket(range, slippage))); // Jackson keeps file order
            buckets.put(pair + "/" + side, List.copyOf(list));
        }));
        this.crypto = Map.copyOf(buckets);
        this.equity = equityModel.equity();
    }

    /** The tables shipped with the validator, read once on first use. */
    public static SlippageTables bundled() {
        return Bundled.TABLES;
    }

    private static final class Bundled {
        static final SlippageTables TABLES = readResources();

        private static SlippageTables readResources() {
            ClassLoader loader = SlippageTables.class.getClassLoader();
            try (InputStream estimates = loader.getResourceAsStream(ESTIMATES);
                    InputStream equities = loader.getResourceAsStream(EQUITY_MODEL)) {
                if (estimates == null || equities == null) {
                    throw new IllegalStateException("slippage tables missing from the classpath: " + ESTIMATES + ", "
                            + EQUITY_MODEL);
                }
                return read(estimates, equities);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static SlippageTables read(InputStream estimates, InputStream equityModel) throws IOException {
        ObjectMapper mapper = new ObjectMapper(); // fails on unknown fields: a changed file layout is an error
        return new SlippageTables(mapper.readValue(estimates, EstimatesFile.class),
                mapper.readValue(equityModel, EquityModelFile.class));
    }

    /** The crypto buckets of a pair and side in file order; empty when the file has none (PTN then fails). */
    public List<Bucket> cryptoBuckets(TradePair pair, boolean isLong) {
        // the file keys pairs by their USDC market, e.g. BTCUSDC
        return crypto.getOrDefault(pair.id() + "C/" + (isLong ? "long" : "short"), List.of());
    }

    /** Coefficients of a pair, side and size label; null when the file has none. */
    public EquityCoefficients equity(TradePair pair, boolean buy, String sizeLabel) {
        Map<String, Map<String, EquityCoefficients>> sides = equity.get(pair.id());
        Map<String, EquityCoefficients> bySize = sides == null ? null : sides.get(buy ? "buy" : "sell");
        return bySize == null ? null : bySize.get(sizeLabel);
    }

    /** Parses a key such as "(10000, 50000)". */
    private static Bucket bucket(String range, Double slippage) {
        String inner = range.trim();
        if (!inner.startsWith("(") || !inner.endsWith(")") || slippage == null) {
            throw new IllegalStateException("unreadable slippage bucket " + range);
        }
        String[] bounds = inner.substring(1, inner.length() - 1).split(",");
        if (bounds.length != 2) {
            throw new IllegalStateException("unreadable slippage bucket " + range);
        }
        return new Bucket(Long.parseLong(bounds[0].trim()), Long.parseLong(bounds[1].trim()), slippage);
    }
}
