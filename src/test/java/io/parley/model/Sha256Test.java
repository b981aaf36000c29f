package io.parley.model;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's one SHA-256 against the test vectors of FIPS 180-4 (NIST's "SHA256.pdf" examples). */
class Sha256Test {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void hexIsTheDigestOfTheStandardsVectors() {
        assertThat(Sha256.hex(bytes("abc"))).isEqualTo(ABC);
        assertThat(Sha256.hex()).isEqualTo(EMPTY);
        assertThat(Sha256.hex(new byte[0])).isEqualTo(EMPTY);
    }

    @Test
    void partsAreHashedOneAfterTheOther() {
        // an idempotency key's fingerprint is operation, line break, body: one digest of the three in a row
        assertThat(Sha256.hex(bytes("a"), bytes("b"), bytes("c"))).isEqualTo(ABC);
        assertThat(Sha256.hex(bytes("POST /x"), new byte[] {'\n'}, bytes("{}")))
                .isEqualTo(Sha256.hex(bytes("POST /x\n{}")));
    }

    @Test
    void aNameIsTheHexWithItsPrefix() {
        assertThat(Sha256.named(bytes("abc"))).isEqualTo("sha256:" + ABC);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
