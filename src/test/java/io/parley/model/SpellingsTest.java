package io.parley.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A constant is spelt in lower camel case, and found by exactly that spelling. */
class SpellingsTest {

    enum Choice { AUTO, LATIN_HYPERCUBE, TRUNCATED_NORMAL_TAIL }

    @Test
    void constantsAreSpeltInLowerCamelCase() {
        assertThat(Spellings.of(Choice.AUTO)).isEqualTo("auto");
        assertThat(Spellings.of(Choice.LATIN_HYPERCUBE)).isEqualTo("latinHypercube");
        assertThat(Spellings.of(Choice.values())).containsExactly("auto", "latinHypercube", "truncatedNormalTail");
    }

    @Test
    void aConstantIsFoundByItsExactSpellingOnly() {
        assertThat(Spellings.find(Choice.values(), "truncatedNormalTail")).contains(Choice.TRUNCATED_NORMAL_TAIL);
        assertThat(Spellings.find(Choice.values(), "LATIN_HYPERCUBE")).isEmpty();
        assertThat(Spellings.find(Choice.values(), "latinhypercube")).isEmpty();
        assertThat(Spellings.find(Choice.values(), null)).isEmpty();
    }
}
