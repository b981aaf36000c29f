package io.parley.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How requests spell the constants of a choice: the constant's name in lower camel case
 * ({@code LATIN_HYPERCUBE} is {@code latinHypercube}), so a choice is named once, by its constant.
 */
public final class Spellings {

    private Spellings() {
    }

    /** {@code constant}'s name in lower camel case. */
    public static String of(Enum<?> constant) {
        String[] words = constant.name().toLowerCase().split("_");
        StringBuilder out = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return out.toString();
    }

    /** Every constant's spelling, in declaration order. */
    public static List<String> of(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Spellings::of).toList();
    }

    /** The constant spelt {@code spelling} (exactly, case included), if there is one. */
    public static <E extends Enum<E>> Optional<E> find(E[] constants, String spelling) {
        return Arrays.stream(constants).filter(c -> of(c).equals(spelling)).findFirst();
    }
}
