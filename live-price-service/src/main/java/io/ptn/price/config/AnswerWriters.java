package io.ptn.price.config;

import java.io.IOException;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.ptn.domain.PriceSource;
import io.ptn.price.service.PriceAnswer;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Writes {@link PriceAnswer} and {@link PriceSource} field by field, as Jackson's bean serializer writes them (same
 * names, order and nulls; AnswerWritersTest compares the bytes). Reading each component by reflection and
 * boxing it was most of the bean serializer's share of a 20-pair batch answer (docs/benchmarks.md). Quarkus's
 * generated serializers would do the same but drop the null {@code high}/{@code low}/{@code vwap} the contract shows.
 * Doubles go through whatever the mapper writes a {@code Double} with (the text table in this service).
 */
@Singleton
public class AnswerWriters implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("answer-writers");
        module.addSerializer(PriceAnswer.class, new Answer());
        module.addSerializer(PriceSource.class, new Source());
        mapper.registerModule(module);
    }

    /** How the mapper writes a double, found once when the serializer is resolved. */
    private abstract static class WithDoubles<T> extends StdSerializer<T> implements ResolvableSerializer {

        private JsonSerializer<Object> doubles;
        private DoubleTexts.Writer texts;

        WithDoubles(Class<T> type) {
            super(type);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            doubles = provider.findValueSerializer(Double.class);
            Object found = doubles;
            texts = found instanceof DoubleTexts.Writer w ? w : null;
        }

        final void number(double d, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (texts != null) {
                texts.write(d, gen);
            } else {
                doubles.serialize(d, gen, provider);
            }
        }

        final void nullable(Double d, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (d == null) {
                gen.writeNull();
            } else {
                number(d, gen, provider);
            }
        }

        static void string(String s, JsonGenerator gen) throws IOException {
            if (s == null) {
                gen.writeNull();
            } else {
                gen.writeString(s);
            }
        }
    }

    static final class Answer extends WithDoubles<PriceAnswer> {

        private static final SerializedString TRADE_PAIR = new SerializedString("tradePair");
        private static final SerializedString PRICE = new SerializedString("price");
        private static final SerializedString TIMESTAMP_MS = new SerializedString("timestampMs");
        private static final SerializedString AGE_MS = new SerializedString("ageMs");
        private static final SerializedString STALE = new SerializedString("stale");
        private static final SerializedString STALENESS_LIMIT_MS = new SerializedString("stalenessLimitMs");
        private static final SerializedString MARKET_OPEN = new SerializedString("marketOpen");
        private static final SerializedString BID = new SerializedString("bid");
        private static final SerializedString ASK = new SerializedString("ask");
        private static final SerializedString SOURCES = new SerializedString("sources");

        private final Source source = new Source();

        Answer() {
            super(PriceAnswer.class);
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            super.resolve(provider);
            source.resolve(provider);
        }

        @Override
        public void serialize(PriceAnswer a, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(a);
            gen.writeFieldName(TRADE_PAIR);
            string(a.tradePair(), gen);
            gen.writeFieldName(PRICE);
            number(a.price(), gen, provider);
            gen.writeFieldName(TIMESTAMP_MS);
            gen.writeNumber(a.timestampMs());
            gen.writeFieldName(AGE_MS);
            gen.writeNumber(a.ageMs());
            gen.writeFieldName(STALE);
            gen.writeBoolean(a.stale());
            gen.writeFieldName(STALENESS_LIMIT_MS);
            gen.writeNumber(a.stalenessLimitMs());
            gen.writeFieldName(MARKET_OPEN);
            gen.writeBoolean(a.marketOpen());
            gen.writeFieldName(BID);
            number(a.bid(), gen, provider);
            gen.writeFieldName(ASK);
            number(a.ask(), gen, provider);
            gen.writeFieldName(SOURCES);
            List<PriceSource> sources = a.sources();
            if (sources == null) {
                gen.writeNull();
            } else {
                gen.writeStartArray(sources, sources.size());
                for (PriceSource s : sources) {
                    if (s == null) {
                        gen.writeNull();
                    } else {
                        source.serialize(s, gen, provider);
                    }
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
        }
    }

    static final class Source extends WithDoubles<PriceSource> {

        private static final SerializedString SOURCE = new SerializedString("source");
        private static final SerializedString TIMESPAN_MS = new SerializedString("timespanMs");
        private static final SerializedString OPEN = new SerializedString("open");
        private static final SerializedString CLOSE = new SerializedString("close");
        private static final SerializedString HIGH = new SerializedString("high");
        private static final SerializedString LOW = new SerializedString("low");
        private static final SerializedString VWAP = new SerializedString("vwap");
        private static final SerializedString START_MS = new SerializedString("startMs");
        private static final SerializedString WEBSOCKET = new SerializedString("websocket");
        private static final SerializedString LAG_MS = new SerializedString("lagMs");
        private static final SerializedString BID = new SerializedString("bid");
        private static final SerializedString ASK = new SerializedString("ask");

        Source() {
            super(PriceSource.class);
        }

        @Override
        public void serialize(PriceSource s, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(s);
            gen.writeFieldName(SOURCE);
            string(s.source(), gen);
            gen.writeFieldName(TIMESPAN_MS);
            gen.writeNumber(s.timespanMs());
            gen.writeFieldName(OPEN);
            number(s.open(), gen, provider);
            gen.writeFieldName(CLOSE);
            number(s.close(), gen, provider);
            gen.writeFieldName(HIGH);
            nullable(s.high(), gen, provider);
            gen.writeFieldName(LOW);
            nullable(s.low(), gen, provider);
            gen.writeFieldName(VWAP);
            nullable(s.vwap(), gen, provider);
            gen.writeFieldName(START_MS);
            gen.writeNumber(s.startMs());
            gen.writeFieldName(WEBSOCKET);
            gen.writeBoolean(s.websocket());
            gen.writeFieldName(LAG_MS);
            gen.writeNumber(s.lagMs());
            gen.writeFieldName(BID);
            number(s.bid(), gen, provider);
            gen.writeFieldName(ASK);
            number(s.ask(), gen, provider);
            gen.writeEndObject();
        }
    }
}
