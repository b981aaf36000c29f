package io.parley.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A lever path as steps: dot-separated field names, each with an optional bracketed selector (an id,
 * an index or a map key), e.g. {@code terms.rebate.tiers[0].rate}. The syntax is parsed and printed
 * here and nowhere else; whether a path names a number of a scenario is {@link Levers}' question.
 *
 * @param steps at least one
 */
public record LeverPath(List<Step> steps) {

    /**
     * How a selector names a contract year: {@code products[widgets].volumeGrowth[year=3]} is the growth
     * rate in force during contract year 3. Written and read here only.
     */
    private static final String YEAR = "year=";

    /** One step of a path: a field name and an optional bracketed selector. */
    private static final Pattern STEP = Pattern.compile("([A-Za-z]+)(?:\\[([^\\[\\]]*)])?");

    /**
     * A field name and what picks an element of it.
     *
     * @param selector the text between the brackets; null without brackets, empty for {@code []}
     */
    public record Step(String name, String selector) {

        /** True when the selector names a contract year, {@code [year=…]}, well formed or not. */
        public boolean picksYear() {
            return selector != null && selector.startsWith(YEAR);
        }

        /**
         * The contract year (1-based) the selector {@code [year=N]} names; empty when N is not a whole
         * number. Only meaningful when {@link #picksYear()}.
         */
        public OptionalInt year() {
            String digits = selector.substring(YEAR.length());
            if (!digits.matches("[0-9]{1,9}")) return OptionalInt.empty();
            return OptionalInt.of(Integer.parseInt(digits));
        }

        @Override
        public String toString() {
            return selector == null ? name : name + "[" + selector + "]";
        }
    }

    public LeverPath {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) throw new IllegalArgumentException("a lever path has at least one step");
    }

    /**
     * Reads a path.
     *
     * @throws InvalidLeverPathException when {@code text} is missing or a step is not a field name with
     *                                   an optional [selector]
     */
    public static LeverPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidLeverPathException(text, "a lever path is required, e.g. terms.discounts[widgets]");
        }
        List<Step> steps = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            Matcher m = STEP.matcher(part);
            if (!m.matches()) {
                throw new InvalidLeverPathException(text, "'" + part + "' is not a field name with an optional [selector]");
            }
            steps.add(new Step(m.group(1), m.group(2)));
        }
        return new LeverPath(steps);
    }

    /** The path of plain fields, e.g. {@code of("terms", "paymentDays")}. */
    public static LeverPath of(String... fields) {
        List<Step> steps = new ArrayList<>();
        for (String field : fields) steps.add(new Step(field, null));
        return new LeverPath(steps);
    }

    /** This path with the field {@code name} after it. */
    public LeverPath then(String name) {
        List<Step> more = new ArrayList<>(steps);
        more.add(new Step(name, null));
        return new LeverPath(more);
    }

    /** This path for one contract year (1-based): {@code products[widgets].volumeGrowth} → {@code …volumeGrowth[year=3]}. */
    public LeverPath inYear(int year) {
        return select(YEAR + year);
    }

    /** This path without the selector of its last step: {@code …volumeGrowth[year=3]} → {@code …volumeGrowth}. */
    public LeverPath withoutLastSelector() {
        List<Step> steps = new ArrayList<>(this.steps);
        steps.set(steps.size() - 1, new Step(last().name(), null));
        return new LeverPath(steps);
    }

    /** True when {@code text} is a lever path that names a contract year anywhere, e.g. {@code …volumeGrowth[year=3]}. */
    public static boolean namesAYear(String text) {
        try {
            return parse(text).steps().stream().anyMatch(Step::picksYear);
        } catch (InvalidLeverPathException e) {
            return false;
        }
    }

    /** This path with its last step picking {@code selector}: {@code products} → {@code products[widgets]}. */
    public LeverPath select(Object selector) {
        List<Step> picked = new ArrayList<>(steps);
        picked.set(picked.size() - 1, new Step(last().name(), String.valueOf(selector)));
        return new LeverPath(picked);
    }

    /** {@code text} read as a service of the terms ({@code terms.services[id]}), if it is one. */
    public static Optional<LeverPath> serviceOfTerms(String text) {
        try {
            LeverPath path = parse(text);
            return path.isServiceOfTerms() ? Optional.of(path) : Optional.empty();
        } catch (InvalidLeverPathException e) {
            return Optional.empty();
        }
    }

    public boolean isServiceOfTerms() {
        return steps.size() == 2 && steps.get(0).equals(new Step("terms", null)) && steps.get(1).name().equals("services")
                && steps.get(1).selector() != null && !steps.get(1).selector().isEmpty();
    }

    private Step last() {
        return steps.get(steps.size() - 1);
    }

    /** The path as written in requests and answers. */
    @Override
    public String toString() {
        return steps.stream().map(Step::toString).collect(Collectors.joining("."));
    }
}
