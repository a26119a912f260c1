package io.ptn.price.config;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Each double's decimal text is made once and then reused. A price is written into every answer until the pair's
 * next tick, thousands of times, and Schubfach's digit generation was 16 % of the CPU of a 20-pair batch answer
 * (docs/benchmarks.md). The text is the one Jackson writes for that double ({@link NumberOutput#toString(double,
 * boolean)} with the fast writer on, which {@code FastDoubles} turns on); without the fast writer, and for NaN and
 * the infinities, Jackson writes the value itself.
 */
@Singleton
public class DoubleTexts implements ObjectMapperCustomizer {

    /** Slots in the table; a batch of 64 pairs holds about 200 distinct doubles. */
    static final int SLOTS = 4096;

    @Override
    public void customize(ObjectMapper mapper) {
        Writer writer = new Writer(SLOTS);
        SimpleModule module = new SimpleModule("double-texts");
        module.addSerializer(Double.class, writer);
        module.addSerializer(double.class, writer);
        mapper.registerModule(module);
    }

    /**
     * A direct-mapped table: a slot holds the last double written into it. Threads race on the slots; an
     * {@link Entry} is immutable (final fields), so a reader sees either a whole entry or none.
     */
    static final class Writer extends StdScalarSerializer<Double> {

        private static final JsonGenerator.Feature NUMBERS_AS_STRINGS = JsonWriteFeature.WRITE_NUMBERS_AS_STRINGS.mappedFeature();

        private final Entry[] slots;
        private final int mask;

        Writer(int slots) {
            super(Double.class);
            if (Integer.bitCount(slots) != 1) {
                throw new IllegalArgumentException("slots must be a power of two: " + slots);
            }
            this.slots = new Entry[slots];
            this.mask = slots - 1;
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            write(value, gen);
        }

        /** As {@link #serialize}, without boxing, for serializers that hold this writer. */
        void write(double d, JsonGenerator gen) throws IOException {
            if (!Double.isFinite(d) || !gen.isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)) {
                gen.writeNumber(d);
                return;
            }
            Entry e = entry(d);
            // the answers' generator writes UTF-8: copy the encoded bytes (re-encoding the text char by char was
            // 10 % of a batch answer's CPU); other generators, and numbers written as strings, take the text
            if (gen instanceof UTF8JsonGenerator && !gen.isEnabled(NUMBERS_AS_STRINGS)) {
                gen.writeRawValue(e.utf8());
            } else {
                gen.writeNumber(e.text());
            }
        }

        String text(double d) {
            return entry(d).text();
        }

        private Entry entry(double d) {
            long bits = Double.doubleToRawLongBits(d);
            // Fibonacci hashing: round prices have all-zero low bits, so the product's upper half picks the slot
            int i = (int) ((bits * 0x9E3779B97F4A7C15L) >>> 32) & mask;
            Entry e = slots[i];
            if (e != null && e.bits() == bits) {
                return e;
            }
            String text = NumberOutput.toString(d, true);
            e = new Entry(bits, text, new SerializedString(text));
            slots[i] = e;
            return e;
        }
    }

    /**
     * Threads share entries without locks: the fields are final, and {@code utf8}'s lazily cached bytes are made
     * here, before the constructor ends, so they are published with the entry.
     */
    private record Entry(long bits, String text, SerializedString utf8) {
        Entry {
            utf8.asUnquotedUTF8();
        }
    }
}
