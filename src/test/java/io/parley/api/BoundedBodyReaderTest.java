package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A body is read whole and exactly, whether its length is declared or not, and never past the limit. */
class BoundedBodyReaderTest {

    private static final long LIMIT = 100;

    /** {@code size} bytes, each its own index mod 251 (a prime, so no run lines up with a buffer size). */
    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (i % 251);
        return b;
    }

    /** Gives at most three bytes per read, as a network stream gives what has arrived so far. */
    private static InputStream trickling(byte[] body) {
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    @Test
    void aDeclaredBodyIsReadWholeEvenWhenItArrivesInPieces() throws IOException {
        byte[] body = bytes(LIMIT_AS_INT);
        assertThat(BoundedBodyReader.read(trickling(body), body.length, LIMIT)).isEqualTo(body);
    }

    @Test
    void aBodyWithoutADeclaredLengthIsReadWhole() throws IOException {
        byte[] body = "{\"name\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(BoundedBodyReader.read(trickling(body), -1, LIMIT)).isEqualTo(body);
        assertThat(BoundedBodyReader.read(new ByteArrayInputStream(new byte[0]), -1, LIMIT)).isEmpty();
        assertThat(BoundedBodyReader.read(new ByteArrayInputStream(new byte[0]), 0, LIMIT)).isEmpty();
    }

    @Test
    void aBodyThatEndsBeforeItsDeclaredLengthIsWhatArrived() throws IOException {
        byte[] body = bytes(40);
        assertThat(BoundedBodyReader.read(trickling(body), 60, LIMIT)).isEqualTo(body);
    }

    @Test
    void bytesPastTheDeclaredLengthAreKeptAndCountAgainstTheLimit() throws IOException {
        byte[] body = bytes(70);
        assertThat(BoundedBodyReader.read(trickling(body), 50, LIMIT)).isEqualTo(body);
        byte[] tooLong = bytes(LIMIT_AS_INT + 1);
        assertThatThrownBy(() -> BoundedBodyReader.read(trickling(tooLong), 50, LIMIT)).isInstanceOf(IOException.class);
    }

    @Test
    void oneByteOverTheLimitIsRefusedWithoutADeclaredLength() {
        byte[] body = bytes(LIMIT_AS_INT + 1);
        assertThatThrownBy(() -> BoundedBodyReader.read(trickling(body), -1, LIMIT)).isInstanceOf(IOException.class);
    }

    private static final int LIMIT_AS_INT = (int) LIMIT;
}
