package io.parley.api;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.document.JsonInput;
import io.parley.jobs.Job;
import io.parley.jobs.Jobs;
import io.parley.jobs.Operation;
import io.parley.model.InvalidInputException;
import io.parley.model.Violation;

/** A job's submission as its body gives it, read with every problem at once; and its query parameters written back. */
final class JobSubmissions {

    private static final Set<String> FIELDS = Set.of("operation", "request", "accept", "formats", "parameters", "shards", "callbackUrl");
    /** The longest query string of parameters a job keeps (its column). */
    private static final int MAX_PARAMETERS_CHARS = 4000;

    private JobSubmissions() {
    }

    /** The job a body asks for, its formats completed from the operation's; refused with every problem found. */
    static Jobs.Submission read(JsonNode root, Jobs jobs) {
        JsonInput in = new JsonInput(new ArrayList<>());
        if (!in.object(root, "", "a job", FIELDS)) throw new InvalidInputException(in.violations());
        String operationId = in.requiredText(root, "", "operation");
        Optional<Operation> operation = Optional.ofNullable(operationId).flatMap(Operation::byId);
        if (operationId != null && operation.isEmpty()) {
            in.fail("/operation", "unknown operation; a job runs one of " + String.join(", ", Operation.ids()), operationId);
        }
        JsonNode request = in.required(root, "", "request");
        if (request != null && !request.isObject()) in.fail("/request", "must be the operation's request body, an object", JsonInput.describe(request));
        int shards = in.optionalInteger(root, "", "shards", 1, 1);
        List<String> named = texts(in, root, "formats");
        String asked = in.optionalText(root, "", "accept", null);
        String parameters = parameters(in, root);
        Optional<String> callback = Optional.ofNullable(in.optionalText(root, "", "callbackUrl", null));
        if (!in.violations().isEmpty()) throw new InvalidInputException(in.violations());
        Operation op = operation.get();
        // absent: the first of the formats named, else the endpoint's first that this many shards can take
        String accept = asked != null ? asked : !named.isEmpty() ? named.get(0) : op.mediaTypes().stream().filter(m -> shards == 1 || op.shardsAs(m))
                    .findFirst().orElse(op.mediaTypes().get(0));
        List<String> formats = new ArrayList<>();
        formats.add(accept);
        if (named.isEmpty()) {
            String first = accept;
            op.mediaTypes().stream().filter(m -> !m.equals(first) && (shards == 1 || op.shardsAs(m))).forEach(formats::add);
        } else {
            if (!named.contains(accept)) {
                throw new InvalidInputException(List.of(new Violation("/accept",
                        "must be one of the formats the job keeps (formats)", accept)));
            }
            named.stream().filter(m -> !m.equals(accept)).forEach(formats::add);
        }
        jobs.check(op, accept, formats, shards, callback);
        return new Jobs.Submission(op, formats, parameters, request.toString(), shards, callback);
    }

    /** A list of texts, none when absent. */
    private static List<String> texts(JsonInput in, JsonNode root, String field) {
        JsonNode list = in.optional(root, field);
        if (list == null) return List.of();
        if (!list.isArray()) {
            in.fail("/" + field, "must be a list of media types", JsonInput.describe(list));
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isTextual()) texts.add(list.get(i).asText());
            else in.fail("/" + field + "/" + i, "must be a media type", JsonInput.describe(list.get(i)));
        }
        return texts;
    }

    /**
     * The endpoint's query parameters as the query string its calls carry: each a text, number or
     * true/false, in the order given; shard and shards are the job's own {@code shards}.
     */
    private static String parameters(JsonInput in, JsonNode root) {
        JsonNode given = in.optional(root, "parameters");
        if (given == null) return "";
        if (!given.isObject()) {
            in.fail("/parameters", "must be an object of the endpoint's query parameters", JsonInput.describe(given));
            return "";
        }
        StringBuilder query = new StringBuilder();
        given.fields().forEachRemaining(e -> {
            String at = "/parameters/" + e.getKey();
            if (e.getKey().equals("shard") || e.getKey().equals("shards")) {
                in.fail(at, "a job is split by its own shards, not by a parameter", JsonInput.describe(e.getValue()));
            } else if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                in.fail(at, "must be a text, a number or true/false, as the query parameter would be", JsonInput.describe(e.getValue()));
            } else {
                if (query.length() > 0) query.append('&');
                query.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(e.getValue().asText(), StandardCharsets.UTF_8));
            }
        });
        if (query.length() > MAX_PARAMETERS_CHARS) {
            in.fail("/parameters", "must be at most " + MAX_PARAMETERS_CHARS + " characters as a query string", query.length());
        }
        return query.toString();
    }

    /** The job's query parameters as it was given them. */
    static Map<String, String> parameters(Job job) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (job.parameters().isEmpty()) return parameters;
        for (String pair : job.parameters().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
