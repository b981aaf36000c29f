package io.parley.document;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Text written straight to UTF-8: the bytes of each kind of character, as RFC 3629 and the JDK's getBytes give them. */
class Utf8TextTest {

    static byte[] utf8(String text) {
        return new Utf8Text(1).append(text).toBytes();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @Test
    void eachKindOfCharacterTakesItsBytes() {
        assertThat(utf8("a")).isEqualTo(bytes(0x61));
        assertThat(utf8("é")).isEqualTo(bytes(0xC3, 0xA9)); // U+00E9: two bytes
        assertThat(utf8("×")).isEqualTo(bytes(0xC3, 0x97)); // U+00D7, the example's multiplication sign
        assertThat(utf8("\u07FF")).isEqualTo(bytes(0xDF, 0xBF)); // the last of two bytes
        assertThat(utf8("\u0800")).isEqualTo(bytes(0xE0, 0xA0, 0x80)); // the first of three
        assertThat(utf8("€")).isEqualTo(bytes(0xE2, 0x82, 0xAC));
        assertThat(utf8("\uFFFF")).isEqualTo(bytes(0xEF, 0xBF, 0xBF));
        assertThat(utf8("😀")).isEqualTo(bytes(0xF0, 0x9F, 0x98, 0x80)); // U+1F600, a surrogate pair: four bytes
    }

    @Test
    void aSurrogateWithoutItsOtherHalfIsAQuestionMarkAsGetBytesWritesIt() {
        assertThat(utf8("a\uD800b")).isEqualTo(bytes(0x61, 0x3F, 0x62)); // a high one alone
        assertThat(utf8("a\uDC00b")).isEqualTo(bytes(0x61, 0x3F, 0x62)); // a low one alone
        assertThat(utf8("\uD800")).isEqualTo(bytes(0x3F)); // a high one at the end
        assertThat(utf8("\uDC00\uD800")).isEqualTo(bytes(0x3F, 0x3F)); // the halves in the wrong order
        assertThat(utf8("\uD83D\uD83D\uDE00")).isEqualTo(bytes(0x3F, 0xF0, 0x9F, 0x98, 0x80));
    }

    @Test
    void textGrowsPastItsFirstCapacityWithoutLosingBytes() {
        Utf8Text text = new Utf8Text(1);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append('{').append("×" + i);
            expected.append('{').append("×").append(i);
        }
        assertThat(text.toBytes()).isEqualTo(expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(text.length()).isEqualTo(text.toBytes().length);
    }
    @Test
    void textJsonWritesAsItIsIsAppendedAndAnythingElseLeavesTheTextAsItWas() {
        Utf8Text text = new Utf8Text(1).append("x");
        assertThat(text.appendIfJsonPlain("srp-trays ~!#$%&'()*+,./:;<=>?@[]^_`{|}")).isTrue();
        for (String escapedOrEncoded : new String[] {"a\"b", "a\\b", "tab\there", "\u001F", "\u007F", "é", "×", "😀"}) {
            assertThat(text.appendIfJsonPlain("ok " + escapedOrEncoded)).as(escapedOrEncoded).isFalse();
        }
        assertThat(text.appendIfJsonPlain("")).isTrue();
        assertThat(new String(text.toBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("xsrp-trays ~!#$%&'()*+,./:;<=>?@[]^_`{|}");
    }

    @Test
    void numbersAreTheTextOfNumbersPlainAndOfLongToString() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        io.parley.model.PlainDecimalWriter writer = new io.parley.model.PlainDecimalWriter();
        for (int i = 0; i < 20_000; i++) {
            double value = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // every magnitude, NaN and infinities too
                case 1 -> Math.round(random.nextDouble(-1e9, 1e9) * 100) / 100.0; // money-like
                default -> random.nextDouble();
            };
            Utf8Text text = new Utf8Text(1).append('[');
            text.appendPlain(value, writer).append(']');
            assertThat(new String(text.toBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                    .as("%s", value).isEqualTo("[" + io.parley.model.Numbers.plain(value) + "]");
            long whole = random.nextLong() >> random.nextInt(64);
            assertThat(new String(new Utf8Text(1).append(whole).toBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(whole));
        }
        assertThat(new String(new Utf8Text(1).append(Long.MIN_VALUE).toBytes(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(Long.toString(Long.MIN_VALUE));
    }
}
