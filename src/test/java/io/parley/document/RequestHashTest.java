package io.parley.document;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** The canonical form a request is hashed in: what carries meaning changes the hash, what does not leaves it. */
class RequestHashTest {

    private static String hash(String json) {
        return RequestHash.of(Fixtures.json(json), Map.of());
    }

    @Test
    void memberOrderAndHowANumberIsWrittenDoNotChangeTheHash() {
        String a = hash("{\"levers\":[{\"path\":\"terms.paymentDays\",\"low\":30,\"high\":90}],\"swing\":0.1}");
        assertThat(hash("{\"swing\":1e-1,\"levers\":[{\"high\":90.0,\"low\":30,\"path\":\"terms.paymentDays\"}]}")).isEqualTo(a);
        assertThat(a).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void aDifferentValueAnotherLeverOrAnotherLeverOrderChangesTheHash() {
        String a = hash("{\"levers\":[{\"path\":\"a\"},{\"path\":\"b\"}],\"swing\":0.1}");
        assertThat(hash("{\"levers\":[{\"path\":\"a\"},{\"path\":\"b\"}],\"swing\":0.2}")).isNotEqualTo(a);
        assertThat(hash("{\"levers\":[{\"path\":\"b\"},{\"path\":\"a\"}],\"swing\":0.1}")).isNotEqualTo(a);
        assertThat(hash("{\"levers\":[{\"path\":\"a\"}],\"swing\":0.1}")).isNotEqualTo(a);
        // a number and the text of it are different requests (the second is refused, but must not collide)
        assertThat(hash("{\"levers\":[{\"path\":\"a\"},{\"path\":\"b\"}],\"swing\":\"0.1\"}")).isNotEqualTo(a);
    }

    @Test
    void aMemberPutInReplacesTheOneSentSoADefaultAndTheSameValueStatedHashAlike() {
        JsonNode left = Fixtures.json("{\"samples\":100}");
        JsonNode stated = Fixtures.json("{\"samples\":100,\"seed\":7}");
        Map<String, JsonNode> seven = Map.of("seed", IntNode.valueOf(7));
        assertThat(RequestHash.of(left, seven)).isEqualTo(RequestHash.of(stated, Map.of()))
                .isNotEqualTo(RequestHash.of(left, Map.of("seed", IntNode.valueOf(8))));
    }

    @Test
    void aSeedBeyondADoublesPrecisionKeepsEveryDigit() {
        // 2^53 + 1 and 2^53 are one double but two seeds
        assertThat(hash("{\"seed\":9007199254740993}")).isNotEqualTo(hash("{\"seed\":9007199254740992}"));
    }

    @Test
    void textIsQuotedExactlyAsJacksonWritesItSoNoHashChanges() {
        // the canonical form quoted keys and strings by a node's toString() (Jackson's serialiser) until
        // issue 17; it now escapes them directly, and every hash named before must stay the same
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random);
            // and it is hashed as the UTF-8 bytes the text of before gave by getBytes (a lone surrogate as '?')
            assertThat(RequestHash.canonical(TextNode.valueOf(text))).as("%s", text)
                    .isEqualTo(TextNode.valueOf(text).toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void keysAreQuotedExactlyAsJacksonWritesThem() {
        String key = "a\"b\\c\u0001\n\u2028é€😀\ud800";
        assertThat(RequestHash.canonical(Fixtures.MAPPER.createObjectNode().put(key, 1)))
                .isEqualTo(("{" + TextNode.valueOf(key) + ":1}").getBytes(StandardCharsets.UTF_8));
    }

    /** Up to 12 characters from every kind JSON escapes or passes: controls, quotes, Latin-1, the BMP, pairs and lone surrogates. */
    private static String randomText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(13);
        for (int k = 0; k < length; k++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20)); // a control character
                case 1 -> text.append("\"\\/'".charAt(random.nextInt(4)));
                case 2 -> text.append((char) random.nextInt(0x20, 0x7f));
                case 3 -> text.append((char) random.nextInt(0x7f, 0x800)); // DEL, Latin-1 and beyond
                case 4 -> text.append((char) random.nextInt(0x800, 0x10000)); // the BMP, lone surrogates included
                default -> text.appendCodePoint(random.nextInt(0x10000, 0x110000)); // a surrogate pair
            }
        }
        return text.toString();
    }
}
