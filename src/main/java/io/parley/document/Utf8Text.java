package io.parley.document;

import java.util.Arrays;

import io.parley.model.PlainDecimalWriter;

/**
 * Text built straight into UTF-8 bytes, the bytes {@code String.getBytes(UTF_8)} would give for the
 * same characters: a canonical form is hashed as UTF-8, and built as a {@code String} first it went
 * UTF-16 at its first character past Latin-1 (the example's {@code ×}), was copied once more by
 * {@code toString()} and encoded once more by {@code getBytes}.
 */
final class Utf8Text {

    /** What {@code String.getBytes(UTF_8)} writes for a surrogate without its other half. */
    private static final byte UNPAIRED_SURROGATE = '?';

    private byte[] bytes;
    private int length;

    Utf8Text(int capacity) {
        bytes = new byte[capacity];
    }

    Utf8Text append(char c) {
        if (c < 0x80) {
            room(1);
            bytes[length++] = (byte) c;
            return this;
        }
        return append(String.valueOf(c));
    }

    Utf8Text append(CharSequence text) {
        int n = text.length();
        room(3 * n); // at most 3 bytes a char: a pair's 4 bytes stand for its 2 chars
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                bytes[length++] = (byte) (0xF0 | codePoint >> 18);
                bytes[length++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                bytes[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                bytes[length++] = UNPAIRED_SURROGATE;
            }
        }
        return this;
    }

    /**
     * Appends {@code text} if it is all printable ASCII but for quote and backslash, which JSON writes as
     * they are (most keys and ids), in one pass that checks and copies; otherwise appends nothing.
     *
     * @return whether it was appended
     */
    boolean appendIfJsonPlain(String text) {
        int n = text.length();
        room(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false; // length not moved: nothing appended
            bytes[length + i] = (byte) c;
        }
        length += n;
        return true;
    }

    /** Appends {@code Numbers.plain(value)}, written by {@code writer} straight into the bytes. */
    Utf8Text appendPlain(double value, PlainDecimalWriter writer) {
        room(PlainDecimalWriter.MAX_LENGTH);
        length = writer.write(value, bytes, length);
        return this;
    }

    /** Appends {@code Long.toString(value)}. */
    Utf8Text append(long value) {
        room(PlainDecimalWriter.MAX_LENGTH);
        length = PlainDecimalWriter.write(value, bytes, length);
        return this;
    }

    /** The bytes written so far (a copy). */
    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** The array the bytes are in; the first {@link #length()} of it are written. */
    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    private void room(int more) {
        if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
    }
}
