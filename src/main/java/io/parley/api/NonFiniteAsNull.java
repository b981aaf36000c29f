package io.parley.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes NaN and infinities as null, the model's "no figure", where Jackson would write the strings
 * "NaN" and "Infinity". Used by the answers written as records until one such serializer is registered
 * with the shared mapper for every resource.
 */
final class NonFiniteAsNull {

    static final SimpleModule MODULE = new SimpleModule("non-finite doubles as null")
            .addSerializer(Double.class, new One())
            .addSerializer(double.class, new One())
            .addSerializer(double[].class, new Many());

    private NonFiniteAsNull() {
    }

    private static void write(double v, JsonGenerator out) throws IOException {
        if (Double.isFinite(v)) out.writeNumber(v);
        else out.writeNull();
    }

    private static final class One extends StdSerializer<Double> {
        One() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator out, SerializerProvider provider) throws IOException {
            write(v, out);
        }
    }

    private static final class Many extends StdSerializer<double[]> {
        Many() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartArray(values, values.length);
            for (double v : values) write(v, out);
            out.writeEndArray();
        }
    }
}
