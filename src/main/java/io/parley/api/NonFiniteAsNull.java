package io.parley.api;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.parley.model.JavaDoubleText;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Writes a double that is not a finite number (a figure that does not exist, such as a ratio over
 * zero revenue) as JSON null, in every typed answer: JSON has no NaN, and the contract says null.
 */
@Singleton
public class NonFiniteAsNull implements ObjectMapperCustomizer {

    /**
     * Each thread's room for a number's text: an answer writes hundreds of numbers, and a buffer each
     * allocated more than the rest of the answer. The generator copies the text before the next number.
     */
    private static final ThreadLocal<char[]> TEXT = ThreadLocal.withInitial(() -> new char[JavaDoubleText.MAX_LENGTH]);

    @Override
    public void customize(ObjectMapper mapper) {
        JsonSerializer<Double> number = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
                write(value, out);
            }
        };
        JsonSerializer<double[]> numbers = new JsonSerializer<>() {
            @Override
            public void serialize(double[] values, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeStartArray(values, values.length);
                for (double v : values) write(v, out);
                out.writeEndArray();
            }
        };
        mapper.registerModule(new SimpleModule("non-finite-as-null")
                .addSerializer(Double.class, number)
                .addSerializer(Double.TYPE, number)
                .addSerializer(double[].class, numbers));
    }

    /**
     * Writes a finite number as Jackson would ({@code Double.toString}'s text, most of it now worked out
     * without the JDK's slower digit generation: {@link JavaDoubleText}), anything else as null.
     */
    static void write(double value, JsonGenerator out) throws IOException {
        write(value, TEXT.get(), out);
    }

    /** As {@link #write(double, JsonGenerator)}, the text worked out in {@code text} ({@link JavaDoubleText#MAX_LENGTH} chars). */
    static void write(double value, char[] text, JsonGenerator out) throws IOException {
        if (Double.isFinite(value)) {
            out.writeNumber(text, 0, JavaDoubleText.write(value, text));
        } else {
            out.writeNull();
        }
    }
}
