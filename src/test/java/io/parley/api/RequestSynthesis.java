package io.parley.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a request schema of openapi.yaml as a fuzzer needs it: the schema in effect at a place
 * ({@code $ref} followed, {@code allOf} merged, the {@code oneOf}/{@code anyOf} branch that fits the
 * value there chosen), a valid value synthesised from a schema (its example, enum, default, or
 * built from its type, required properties and bounds), and every field a body can hold, present in
 * the base body or not (a field the base leaves out is filled in with a synthesised value first).
 */
final class RequestSynthesis {

    /** Synthesised values stop nesting here: deep enough for every schema of the contract, bounded for a cyclic one. */
    static final int MAX_DEPTH = 8;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode contract;

    RequestSynthesis(JsonNode contract) {
        this.contract = contract;
    }

    /**
     * A field of a request body a mutation aims at: its JSON pointer, its schema, and the body it is
     * in (the base body, or a copy of it with the field and the objects around it filled in).
     */
    record Target(String pointer, JsonNode schema, JsonNode body, boolean present) {
    }

    /** The schema in effect: references followed, {@code allOf} merged, the branch that fits {@code value} chosen. */
    JsonNode effective(JsonNode schema, JsonNode value) {
        JsonNode s = resolve(schema);
        if (s.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            ObjectNode properties = merged.putObject("properties");
            ArrayNode required = merged.putArray("required");
            s.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("allOf")) merged.set(e.getKey(), e.getValue());
            });
            if (s.has("properties")) properties.setAll((ObjectNode) s.get("properties"));
            if (s.has("required")) required.addAll((ArrayNode) s.get("required"));
            for (JsonNode part : s.get("allOf")) {
                JsonNode p = effective(part, value);
                p.fields().forEachRemaining(e -> {
                    switch (e.getKey()) {
                        case "properties" -> properties.setAll((ObjectNode) e.getValue());
                        case "required" -> required.addAll((ArrayNode) e.getValue());
                        default -> {
                            if (!merged.has(e.getKey())) merged.set(e.getKey(), e.getValue());
                        }
                    }
                });
            }
            return merged;
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (s.has(choice)) return effective(bestBranch(s.get(choice), value), value);
        }
        return s;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema == null ? NODES.objectNode() : schema;
        for (int hops = 0; s.has("$ref") && hops < 20; hops++) {
            s = contract.at(s.get("$ref").asText().substring(1));
        }
        return s;
    }

    /** The branch whose type and properties fit the value best (the first for a value yet to be made). */
    private JsonNode bestBranch(JsonNode branches, JsonNode value) {
        JsonNode best = branches.get(0);
        int bestScore = Integer.MIN_VALUE;
        for (JsonNode branch : branches) {
            JsonNode b = resolve(branch);
            int score = 0;
            if (value != null && !value.isMissingNode()) {
                String type = b.path("type").asText("");
                if (type.equals(typeOf(value))) score += 10;
                if (value.isObject()) {
                    JsonNode properties = effective(b, null).path("properties");
                    for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                        score += properties.has(names.next()) ? 1 : -1;
                    }
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = branch;
            }
        }
        return best;
    }

    private static String typeOf(JsonNode value) {
        if (value.isObject()) return "object";
        if (value.isArray()) return "array";
        if (value.isTextual()) return "string";
        if (value.isIntegralNumber()) return "integer";
        if (value.isNumber()) return "number";
        if (value.isBoolean()) return "boolean";
        return "null";
    }

    /** A value the schema accepts, as a client would write it. */
    JsonNode synthesise(JsonNode schema) {
        return synthesise(schema, 0);
    }

    private JsonNode synthesise(JsonNode schema, int depth) {
        JsonNode s = effective(schema, null);
        if (s.has("example")) return s.get("example").deepCopy();
        if (s.has("examples") && s.get("examples").isArray() && !s.get("examples").isEmpty()) {
            return s.get("examples").get(0).deepCopy();
        }
        if (s.has("const")) return s.get("const").deepCopy();
        if (s.has("enum")) return s.get("enum").get(0).deepCopy();
        if (s.has("default")) return s.get("default").deepCopy();
        String type = s.path("type").isArray() ? s.get("type").get(0).asText() : s.path("type").asText("");
        if (type.isEmpty()) type = s.has("properties") ? "object" : s.has("items") ? "array" : "string";
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth >= MAX_DEPTH) return object;
                for (JsonNode name : s.path("required")) {
                    object.set(name.asText(), synthesise(s.path("properties").get(name.asText()), depth + 1));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth >= MAX_DEPTH) return array;
                int n = Math.max(1, s.path("minItems").asInt(1));
                for (int i = 0; i < n; i++) array.add(synthesise(s.get("items"), depth + 1));
                return array;
            }
            case "integer" -> {
                long lo = s.has("minimum") ? (long) Math.ceil(s.get("minimum").asDouble()) : 1;
                long hi = s.has("maximum") ? (long) Math.floor(s.get("maximum").asDouble()) : Long.MAX_VALUE;
                return NODES.numberNode(Math.min(Math.max(lo, 1), hi));
            }
            case "number" -> {
                double lo = s.has("minimum") ? s.get("minimum").asDouble() : 0;
                double hi = s.has("maximum") ? s.get("maximum").asDouble() : lo + 1;
                return NODES.numberNode(lo + (hi - lo) / 2);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.textNode(text(s));
            }
        }
    }

    private static String text(JsonNode s) {
        String format = s.path("format").asText("");
        String text = switch (format) {
            case "date" -> "2026-01-01";
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "uuid" -> "3f1c9a2e-5b7d-4c1e-9f0a-6d2b8e4c7a11";
            case "uri", "url" -> "https://example.com/parley-callback";
            case "email" -> "dana@example.com";
            default -> "text";
        };
        int min = s.path("minLength").asInt(0);
        StringBuilder b = new StringBuilder(text);
        while (b.length() < min) b.append('x');
        return b.toString();
    }

    /** Every field the body can hold (present or left out by it), nested objects and the first item of arrays included. */
    List<Target> targets(JsonNode body, JsonNode schema) {
        List<Target> targets = new ArrayList<>();
        walk(body, body, schema, "", targets, 0);
        return targets;
    }

    private void walk(JsonNode root, JsonNode node, JsonNode schema, String at, List<Target> out, int depth) {
        if (depth > MAX_DEPTH) return;
        JsonNode s = effective(schema, node);
        if (node.isObject()) {
            JsonNode properties = s.path("properties");
            JsonNode additional = s.path("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode child = properties.has(e.getKey()) ? properties.get(e.getKey())
                        : additional.isObject() ? additional : NODES.objectNode();
                String pointer = at + "/" + escape(e.getKey());
                out.add(new Target(pointer, child, root, true));
                walk(root, e.getValue(), child, pointer, out, depth + 1);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (node.has(e.getKey())) continue;
                // a field the base body leaves out: fill it in (on a copy), then aim at it and inside it
                JsonNode filled = root.deepCopy();
                JsonNode value = synthesise(e.getValue(), depth);
                ((ObjectNode) filled.at(at)).set(e.getKey(), value);
                String pointer = at + "/" + escape(e.getKey());
                out.add(new Target(pointer, e.getValue(), filled, false));
                walk(filled, filled.at(pointer), e.getValue(), pointer, out, depth + 1);
            }
        } else if (node.isArray()) {
            JsonNode items = s.path("items");
            if (node.isEmpty()) {
                JsonNode filled = root.deepCopy();
                ((ArrayNode) filled.at(at)).add(synthesise(items, depth));
                out.add(new Target(at + "/0", items, filled, false));
                walk(filled, filled.at(at + "/0"), items, at + "/0", out, depth + 1);
            } else {
                out.add(new Target(at + "/0", items, root, true));
                walk(root, node.get(0), items, at + "/0", out, depth + 1);
            }
        }
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
