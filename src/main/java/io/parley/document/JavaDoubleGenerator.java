package io.parley.document;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;

import io.parley.model.JavaDoubleText;

/**
 * A generator that writes each finite double as {@link JavaDoubleText} writes it: the text Jackson
 * writes ({@code Double.toString}'s), without the JDK's slower digit generation, which was most of
 * hashing a scenario's canonical form. Not finite, a double goes to Jackson as before. Not
 * thread-safe: one per document written.
 */
final class JavaDoubleGenerator extends JsonGeneratorDelegate {

    private final char[] text = new char[JavaDoubleText.MAX_LENGTH];

    JavaDoubleGenerator(JsonGenerator generator) {
        super(generator);
    }

    @Override
    public void writeNumber(double value) throws IOException {
        if (Double.isFinite(value)) {
            delegate.writeNumber(text, 0, JavaDoubleText.write(value, text));
        } else {
            delegate.writeNumber(value);
        }
    }
}
