package io.parley.document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.model.PlainDecimalWriter;
import io.parley.model.Sha256;

/**
 * The hash that names a whole request: its scenario in normalised form (every default explicit),
 * its levers, distributions and options, and the seed and sampling method a random run used, so
 * two answers share a hash only when the same request produced them.
 *
 * <p>The canonical form is the request's JSON with object members in key order (member order
 * carries no meaning), numbers written once each way ({@code 1}, {@code 1.0} and {@code 1e0} are
 * one number) and the scenario replaced by its normalised form; arrays keep their order, which
 * does carry meaning (the order of levers is the order of the answer's rows).
 */
public final class RequestHash {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RequestHash() {
    }

    /**
     * {@code sha256:} of the canonical form of {@code request} with the members of {@code replaced}
     * put in (the normalised scenario in place of the one sent, the seed used in place of a default).
     */
    public static String of(JsonNode request, Map<String, JsonNode> replaced) {
        ObjectNode whole = NODES.objectNode();
        if (request != null && request.isObject()) {
            request.fields().forEachRemaining(e -> whole.set(e.getKey(), e.getValue()));
        }
        replaced.forEach(whole::set);
        Utf8Text canonical = new Utf8Text(CAPACITY);
        write(whole, canonical, new PlainDecimalWriter());
        return Sha256.named(canonical.array(), canonical.length());
    }

    /** Bytes set aside for a canonical form at first: a small evaluate's is about 2.5 KB. */
    private static final int CAPACITY = 4096;

    /** The canonical form of {@code node} in UTF-8, the bytes that are hashed. */
    static byte[] canonical(JsonNode node) {
        Utf8Text canonical = new Utf8Text(CAPACITY);
        write(node, canonical, new PlainDecimalWriter());
        return canonical.toBytes();
    }

    /**
     * The canonical text of a JSON value: keys sorted, numbers as plain decimals ({@code Numbers.plain}'s
     * text, written by {@code numbers} without a String each), strings JSON-quoted.
     */
    private static void write(JsonNode node, Utf8Text out, PlainDecimalWriter numbers) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) out.append(',');
                quoted(keys.get(i), out);
                out.append(':');
                write(node.get(keys.get(i)), out, numbers);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(',');
                write(node.get(i), out, numbers);
            }
            out.append(']');
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            out.append(node.longValue());
        } else if (node.isNumber()) {
            out.appendPlain(node.doubleValue(), numbers); // a whole number as one, like the integral branch
        } else if (node.isTextual()) {
            quoted(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else {
            out.append(node.toString()); // no other kind comes from a parsed body
        }
    }

    /**
     * {@code text} as a JSON string, escaped as Jackson writes one: the text a node's {@code toString()}
     * gives, without a serialiser run per key and value (half the allocation of a small evaluate).
     */
    private static void quoted(String text, Utf8Text out) {
        out.append('"');
        if (!out.appendIfJsonPlain(text)) {
            StringBuilder escaped = new StringBuilder(text.length() + 16);
            JsonStringEncoder.getInstance().quoteAsString(text, escaped);
            out.append(escaped);
        }
        out.append('"');
    }
}
