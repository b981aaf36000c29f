package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Every operation of openapi.yaml (path × method), read from the file, so that the tests that walk
 * them cannot leave out an operation added later: its roles ({@code x-parley-roles}), whether it is
 * public ({@code security: []}), its parameters and its first request example.
 */
record ContractOperations(JsonNode contract, List<Operation> all) {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    /** One operation. {@code roles} is empty for a public one. */
    record Operation(String method, String path, String id, boolean isPublic, Set<String> roles, JsonNode node,
                     List<JsonNode> parameters) {

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path + " (" + id + ")";
        }

        boolean hasPathParameters() {
            return path.contains("{");
        }

        /** A change of one stored plan: what a manager may do only to plans that name them. */
        boolean changesAStoredPlan() {
            return path.startsWith("/api/v1/plans/{id}") && roles.contains("manager") && !roles.contains("viewer");
        }
    }

    static ContractOperations read() {
        try {
            JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
            List<Operation> all = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (String method : METHODS) {
                    JsonNode op = path.getValue().get(method);
                    if (op == null) continue;
                    List<JsonNode> parameters = new ArrayList<>();
                    path.getValue().path("parameters").forEach(p -> parameters.add(resolve(contract, p)));
                    op.path("parameters").forEach(p -> parameters.add(resolve(contract, p)));
                    Set<String> roles = new TreeSet<>();
                    op.path("x-parley-roles").forEach(r -> roles.add(r.asText()));
                    boolean isPublic = op.has("security") && op.get("security").isEmpty();
                    all.add(new Operation(method, path.getKey(), op.path("operationId").asText(), isPublic, roles, op, parameters));
                }
            }
            return new ContractOperations(contract, List.copyOf(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode resolve(JsonNode contract, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : contract.at(ref.asText().substring(1));
    }

    /** The operation's first request example of its first media type, or null when it takes no body. */
    JsonNode requestExample(Operation op) {
        JsonNode content = op.node().path("requestBody").path("content");
        if (content.isMissingNode() || !content.fieldNames().hasNext()) return null;
        JsonNode media = content.get(content.fieldNames().next());
        if (media.has("example")) return media.get("example");
        JsonNode examples = media.path("examples");
        return examples.isMissingNode() ? null : resolve(contract, examples.elements().next()).get("value");
    }

    /** The first media type of the operation's first successful answer: what a client asks for. */
    static String answerType(Operation op) {
        for (Iterator<Map.Entry<String, JsonNode>> it = op.node().path("responses").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> r = it.next();
            if (r.getKey().startsWith("2") && r.getValue().has("content")) return r.getValue().get("content").fieldNames().next();
        }
        return "*/*";
    }
}
