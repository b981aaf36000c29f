package io.parley.model;

/**
 * One broken rule in an input: where (a JSON pointer, RFC 6901), what the value was, and the rule.
 *
 * @param pointer JSON pointer to the offending field, e.g. {@code /terms/discounts/widgetz}
 * @param message names the value and the rule, e.g. {@code no product with id 'widgetz'}
 * @param value   the offending value (a Number, String, Boolean) or null when there is none to show
 */
public record Violation(String pointer, String message, Object value) {

    public static Violation of(String pointer, String message) {
        return new Violation(pointer, message, null);
    }

    public Violation under(String prefix) {
        return new Violation(prefix + pointer, message, value);
    }

    @Override
    public String toString() {
        return pointer + ": " + message;
    }
}
