package io.parley.document;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;

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
}
