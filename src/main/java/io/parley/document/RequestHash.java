package io.parley.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.model.Numbers;

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
        StringBuilder canonical = new StringBuilder();
        write(whole, canonical);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The canonical text of a JSON value: keys sorted, numbers as plain decimals, strings JSON-quoted. */
    static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) out.append(',');
                out.append(NODES.textNode(keys.get(i))).append(':');
                write(node.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(',');
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            out.append(node.longValue());
        } else if (node.isNumber()) {
            out.append(Numbers.plain(node.doubleValue())); // a whole number as one, like the integral branch
        } else {
            out.append(node); // a string (quoted and escaped as JSON) or a boolean
        }
    }
}
