package io.ptn.validator.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ptn.domain.PriceSource;
import io.ptn.domain.TradePair;
import io.ptn.validator.PriceQuote;

/** The validator reads the best source of a price service answer (sources as trading-domain PriceSource writes them). */
class PriceAnswerDtoTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private PriceQuote read(String sourcesJson) throws Exception {
        String answer = "{\"tradePair\":\"EURUSD\",\"price\":1.085,\"timestampMs\":1780000000000,\"ageMs\":12,"
                + "\"stale\":false,\"stalenessLimitMs\":30000,\"marketOpen\":true,\"bid\":1.0849,\"ask\":1.0851,"
                + "\"sources\":" + sourcesJson + "}";
        return LivePriceClient.toQuote(TradePair.EURUSD, mapper.readValue(answer, PriceAnswerDto.class));
    }

    @Test
    void theFirstSourceBecomesTheQuotesBestSource() throws Exception {
        PriceSource candle = new PriceSource("polygon_rest", 1_000, 1.0850, 1.0852, 1.0853, 1.0849, null,
                1_779_999_999_000L, false, 1_000, 1.0849, 1.0851);
        PriceSource other = PriceSource.tick("tiingo_ws", 1.0860, 1_779_999_990_000L, true, 0, 0);
        PriceQuote q = read(mapper.writeValueAsString(List.of(candle, other)));
        assertEquals(candle, q.best());
        assertEquals("polygon_rest", q.source());
        assertEquals(1.085, q.price());
        assertEquals(1.0849, q.bid());
    }

    @Test
    void anAnswerWithoutCompleteSourcesIsAStreamedPointAtItsPrice() throws Exception {
        PriceQuote q = read("[{\"source\":\"old_service\"}]");
        assertEquals(PriceSource.tick("old_service", 1.085, 1_780_000_000_000L, true, 1.0849, 1.0851), q.best());
        assertEquals(PriceSource.tick("unknown", 1.085, 1_780_000_000_000L, true, 1.0849, 1.0851), read("[]").best());
    }
}
