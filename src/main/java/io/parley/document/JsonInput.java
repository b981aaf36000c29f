package io.parley.document;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.model.JsonPointer;
import io.parley.model.Violation;

/**
 * Reads fields out of a JSON tree while collecting every problem (unknown field, missing field,
 * wrong type) with its JSON pointer, instead of stopping at the first. A broken field reads as a
 * placeholder so that reading can go on and find the rest.
 */
public final class JsonInput {

    private final List<Violation> violations;

    public JsonInput(List<Violation> violations) {
        this.violations = violations;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** True when {@code node} is an object; otherwise records the problem. Unknown fields are reported. */
    public boolean object(JsonNode node, String at, String what, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            fail(at, what + " must be a JSON object, got " + describe(node), null);
            return false;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fail(JsonPointer.child(at, name), "unknown field '" + name + "' in " + what
                        + suggestion(name, allowed) + "; expected one of " + listed(allowed), null);
            }
        }
        return true;
    }

    /**
     * A field that may be absent or null; null when so, or when it is the wrong type (recorded). An
     * empty list is absent too: generated clients send {@code []} for every list they were not given.
     */
    public JsonNode optional(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() || node.isArray() && node.isEmpty() ? null : node;
    }

    /**
     * Whether one of the fields that tell the forms of a request element apart is there: present, not
     * null, and not an empty list or map (what generated clients send for the fields they were not given).
     */
    public static boolean given(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && !node.isNull() && !(node.isContainerNode() && node.isEmpty());
    }

    /** A required field; an empty list is there (and refused where it is read, saying what it lacks). */
    public JsonNode required(JsonNode parent, String at, String field) {
        JsonNode node = parent.get(field);
        if (node != null && node.isNull()) node = null;
        if (node == null) {
            fail(JsonPointer.child(at, field), "is required", null);
        }
        return node;
    }

    /** {@code field} of {@code parent} read by {@code read}; {@code missing} when it is absent (reported). */
    private <T> T requiredField(JsonNode parent, String at, String field, T missing, BiFunction<JsonNode, String, T> read) {
        JsonNode node = required(parent, at, field);
        return node == null ? missing : read.apply(node, JsonPointer.child(at, field));
    }

    /** {@code field} of {@code parent} read by {@code read}; {@code absent} when it is absent or null. */
    private <T> T optionalField(JsonNode parent, String at, String field, T absent, BiFunction<JsonNode, String, T> read) {
        JsonNode node = optional(parent, field);
        return node == null ? absent : read.apply(node, JsonPointer.child(at, field));
    }

    public String requiredText(JsonNode parent, String at, String field) {
        return requiredField(parent, at, field, null, this::text);
    }

    public String optionalText(JsonNode parent, String at, String field, String absent) {
        return optionalField(parent, at, field, absent, this::text);
    }

    /** An optional ISO-8601 instant such as 2027-01-31T00:00:00Z; empty when absent or malformed (recorded). */
    public Optional<Instant> optionalInstant(JsonNode parent, String at, String field) {
        String text = optionalText(parent, at, field, null);
        if (text == null) return Optional.empty();
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            fail(JsonPointer.child(at, field), "must be an instant such as 2027-01-31T00:00:00Z", text);
            return Optional.empty();
        }
    }

    /** Whether {@code node} is there and of the kind wanted; when not, the problem is recorded. */
    private boolean present(JsonNode node, String at, Predicate<JsonNode> kind, String mustBe) {
        if (absent(node)) {
            fail(at, "is required", null);
            return false;
        }
        if (!kind.test(node)) {
            fail(at, "must be " + mustBe + ", got " + describe(node), scalar(node));
            return false;
        }
        return true;
    }

    /** A string; null (reported) when it is absent, null or another type. */
    public String text(JsonNode node, String at) {
        return present(node, at, JsonNode::isTextual, "a string") ? node.textValue() : null;
    }

    /** A required number; NaN (reported) when missing or not a number. */
    public double requiredNumber(JsonNode parent, String at, String field) {
        return requiredField(parent, at, field, Double.NaN, this::number);
    }

    public double optionalNumber(JsonNode parent, String at, String field, double absent) {
        return optionalField(parent, at, field, absent, this::number);
    }

    /** A number; NaN (reported) when it is absent, null or another type. */
    public double number(JsonNode node, String at) {
        if (!present(node, at, JsonNode::isNumber, "a number")) return Double.NaN;
        double value = node.doubleValue();
        if (Double.isInfinite(value)) {
            // 1e400 is valid JSON but no double: read on, it would pass "≥ 0" checks as Infinity
            fail(at, node.asText() + " is beyond the range of a number (about ±1.8e308)", null);
            return Double.NaN;
        }
        return value;
    }

    /** An optional true/false; {@code absent} when missing (or null), reported when it is anything else. */
    public boolean optionalBoolean(JsonNode parent, String at, String field, boolean absent) {
        return optionalField(parent, at, field, absent,
                (node, pointer) -> present(node, pointer, JsonNode::isBoolean, "true or false") ? node.booleanValue() : absent);
    }

    /** A whole number (5 and 5.0 alike); {@code broken} (reported) when it is not one. */
    public int integer(JsonNode node, String at, int broken) {
        double value = number(node, at);
        if (Double.isNaN(value)) return broken;
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            fail(at, node.asText() + " is not a whole number", node.numberValue());
            return broken;
        }
        return (int) value;
    }

    public int requiredInteger(JsonNode parent, String at, String field, int broken) {
        return requiredField(parent, at, field, broken, (node, pointer) -> integer(node, pointer, broken));
    }

    public int optionalInteger(JsonNode parent, String at, String field, int absent, int broken) {
        return optionalField(parent, at, field, absent, (node, pointer) -> integer(node, pointer, broken));
    }

    /** An element read from a parent that lacks it: {@code get} gives null, {@code path} a missing node. */
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** The elements of an array field, or an empty list (with the problem recorded) when it is not an array. */
    public List<JsonNode> array(JsonNode node, String at) {
        if (node == null) return List.of();
        if (!node.isArray()) {
            fail(at, "must be a JSON array, got " + describe(node), null);
            return List.of();
        }
        List<JsonNode> items = new ArrayList<>(node.size());
        node.forEach(items::add);
        return items;
    }

    public Iterable<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        return node.properties();
    }

    public void fail(String pointer, String message, Object value) {
        violations.add(new Violation(pointer, message, value));
    }

    /** A short description of what was found, for messages: {@code string "0.06"}, {@code null}, {@code array}. */
    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        if (node.isNull()) return "null";
        if (node.isTextual()) return "string \"" + abbreviate(node.textValue()) + "\"";
        if (node.isBoolean()) return "boolean " + node.asText();
        if (node.isNumber()) return "number " + node.asText();
        if (node.isArray()) return "an array";
        return "an object";
    }

    private static Object scalar(JsonNode node) {
        if (node == null) return null;
        if (node.isTextual()) return abbreviate(node.textValue());
        if (node.isNumber()) return node.numberValue();
        if (node.isBoolean()) return node.booleanValue();
        return null;
    }

    /** The names, comma-separated, in the same order on every run (see {@link #inStableOrder}). */
    public static String listed(Set<String> names) {
        return String.join(", ", inStableOrder(names));
    }

    /**
     * A caller's ordered set keeps its order (a scenario's fields read as the contract lists them); any other set,
     * such as {@code Set.of}, whose iteration order changes from one JVM to the next, is sorted, so the same bad
     * request gets the same message and the same suggestion after a restart.
     */
    public static Collection<String> inStableOrder(Set<String> names) {
        return names instanceof LinkedHashSet || names instanceof SortedSet ? names : new TreeSet<>(names);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "…";
    }

    /** "did you mean 'discounts'?" for a field name a couple of keystrokes away from a valid one. */
    public static String suggestion(String name, Set<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : inStableOrder(allowed)) {
            int d = distance(name.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
