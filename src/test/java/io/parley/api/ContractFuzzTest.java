package io.parley.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import io.parley.Fixtures;
import io.parley.TestCaller;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile variants of every request of every operation in openapi.yaml, generated from the
 * contract: the base request of an operation is its example or, without one, a request synthesised
 * from its schema ({@link RequestSynthesis}); every field the schema lets the body hold (nested
 * objects and the items of arrays, present in the base or filled in) is then removed, nulled, given
 * each wrong JSON type, an extreme number (±1e308, 1e400, -0, an integer past 64 bits, NaN), an empty
 * or huge string, or gets an unknown sibling; every path, query and header parameter the operation
 * declares gets wrong types, huge and hostile text; the body is sent under other media types.
 *
 * <p>Whatever the variant, the answer is never a 5xx (a 503 only with {@code Retry-After} and a
 * problem); it is a status the contract declares for the operation; every 4xx is an RFC 9457 problem
 * ({@code application/problem+json}, a {@code urn:parley:problem:} type, the status repeated); a 400
 * or 422 lists {@code errors} each with a pointer (the JSON pointer of the field, {@code ""} for a
 * body that cannot be read, {@code ?name} for a query parameter, {@code {name}} for a path parameter,
 * a header's name for a header); the statuses that concern no field (401, 403, 404, 405, 406, 409,
 * 412, 413, 414, 415, 428, 431) carry a detail instead; and no answer names a Java class or package.
 *
 * <p>Seeded and bounded: every operation gets its base request and an equal share of
 * {@value #DEFAULT_CASES} cases; {@code -Dfuzz.cases=N} runs N (every generated case when N is past
 * their number), {@code -Dfuzz.seed=S} another draw.
 */
@QuarkusTest
class ContractFuzzTest {

    static final int DEFAULT_CASES = 1000;
    static final int CASES = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
    static final long SEED = Long.getLong("fuzz.seed", 20261203L);

    /** Text no answer may contain: the names of Java packages and classes behind the service. */
    static final List<String> INTERNAL_NAMES = List.of("io.parley", "com.fasterxml", "java.lang", "java.util", "java.io",
            "java.math", "java.time", "jakarta.", "javax.", "org.hibernate", "org.jboss", "org.mariadb", "io.quarkus",
            "io.vertx", "io.smallrye", "io.agroal", "Exception", "\tat ");
    /** Statuses whose problem concerns a field, so it names it in {@code errors[].pointer}. */
    static final Set<Integer> FIELD_STATUSES = Set.of(400, 422);
    /** Statuses whose problem concerns no one field (who calls, what exists, which media type, the size or state). */
    static final Set<Integer> WHOLE_REQUEST_STATUSES = Set.of(401, 403, 404, 405, 406, 409, 412, 413, 414, 415, 428, 431);

    static final int HUGE_STRING = 100_000;
    /** Long enough to be hostile, short enough to stay under the URI limit (a longer one is the 414 test's). */
    static final int LONG_PARAMETER = 2_000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A hostile value for a field, by name; null removes the field. */
    record Hostile(String name, JsonNode value) {
    }

    static final List<Hostile> HOSTILE_VALUES = List.of(
            new Hostile("missing", null),
            new Hostile("null", NODES.nullNode()),
            new Hostile("a string", NODES.textNode("x")),
            new Hostile("an empty string", NODES.textNode("")),
            new Hostile("a huge string", NODES.textNode("ÿ".repeat(HUGE_STRING))),
            new Hostile("true", NODES.booleanNode(true)),
            new Hostile("an integer", NODES.numberNode(7)),
            new Hostile("an object", NODES.objectNode()),
            new Hostile("an array", NODES.arrayNode()),
            new Hostile("an array of an object", NODES.arrayNode().add(NODES.objectNode())),
            new Hostile("1e308", NODES.numberNode(1e308)),
            new Hostile("-1e308", NODES.numberNode(-1e308)),
            new Hostile("1e400", NODES.rawValueNode(new RawValue("1e400"))),
            new Hostile("-1e400", NODES.rawValueNode(new RawValue("-1e400"))),
            new Hostile("-0", NODES.rawValueNode(new RawValue("-0"))),
            new Hostile("-0.0", NODES.rawValueNode(new RawValue("-0.0"))),
            new Hostile("an integer past 64 bits", NODES.rawValueNode(new RawValue("123456789012345678901234567890"))),
            new Hostile("Long.MAX_VALUE", NODES.numberNode(Long.MAX_VALUE)),
            new Hostile("-1", NODES.numberNode(-1)),
            new Hostile("0", NODES.numberNode(0)),
            new Hostile("NaN", NODES.rawValueNode(new RawValue("NaN"))),
            new Hostile("\"NaN\"", NODES.textNode("NaN")),
            new Hostile("\"Infinity\"", NODES.textNode("Infinity")),
            new Hostile("5e-324", NODES.numberNode(Double.MIN_VALUE)),
            new Hostile("SQL text", NODES.textNode("1;DROP TABLE plan")));

    /** Path and query parameter values: wrong types, out of range, huge and hostile text. */
    static final List<String> HOSTILE_PARAMETERS = List.of("abc", "0", "-1", "01", "+5", "1.5", "1e400", "NaN",
            "99999999999999999999", "9223372036854775808", "", " ", "1;DROP TABLE plan", "'\"<>",
            "%00", "../../etc/passwd", "x".repeat(LONG_PARAMETER), "ÿ\u2028");

    /** Header values for declared headers (If-Match, Idempotency-Key, X-Request-Id). */
    static final List<String> HOSTILE_HEADERS = List.of("", "*", "\"r0\"", "W/\"r99999999999999999999\"", "abc",
            "x".repeat(LONG_PARAMETER), "1;DROP TABLE plan", "\"", "ÿ");

    /** Content-Type variants for a request with a body; null sends none. */
    static final List<String> CONTENT_TYPES = Arrays.asList(null, "text/plain", "application/xml",
            "application/json; charset=bogus", "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "a/b/c", "application/json, text/csv", "text/csv", "*/*");

    /** Accept variants. */
    static final List<String> ACCEPTS = List.of("application/xml", "text/html", "image/png", "*/*", "garbage",
            "application/json;q=0", "text/csv", "application/x-ndjson", "text/plain");

    /** A key id no key has: a fuzzed revocation must not revoke the key the suite calls with. */
    static final String NO_KEY = Long.toString(Long.MAX_VALUE - 11);

    @TestHTTPResource("/")
    URI root;

    /** One HTTP request of a case: everything sent, and what it varies. */
    record Call(String method, String path, Map<String, String> query, Map<String, String> headers, String body,
                String what) {
    }

    /** One operation of the contract, ready to vary. */
    record Operation(ContractOperations.Operation op, Map<String, String> pathValues, String mediaType, String body,
                     JsonNode json, List<RequestSynthesis.Target> targets) {

        /** The request as the base: valid path values, required query parameters and headers, the base body. */
        Call base(String what) {
            Map<String, String> query = new LinkedHashMap<>();
            Map<String, String> headers = new LinkedHashMap<>();
            for (JsonNode p : op.parameters()) {
                if (!p.path("required").asBoolean(false)) continue;
                String example = p.has("example") ? p.get("example").asText()
                        : p.path("schema").has("example") ? p.path("schema").get("example").asText() : "1";
                if (p.path("in").asText().equals("query")) query.put(p.get("name").asText(), example);
                if (p.path("in").asText().equals("header")) headers.put(p.get("name").asText(), example);
            }
            if (headers.containsKey("If-Match")) headers.put("If-Match", "*");
            if (mediaType != null) headers.put("Content-Type", mediaType);
            headers.put("Accept", acceptOf(op));
            return new Call(op.method().toUpperCase(Locale.ROOT), op.path(), query, headers, body, what);
        }
    }

    static String acceptOf(ContractOperations.Operation op) {
        String type = ContractOperations.answerType(op);
        return type.equals("*/*") ? "application/json" : type + ", application/problem+json";
    }

    @Test
    void noHostileVariantOfAnyOperationAnswers5xxOrAnUnnamedProblem() throws Exception {
        ContractOperations contract = ContractOperations.read();
        RequestSynthesis synthesis = new RequestSynthesis(contract.contract());
        Map<String, String> pathValues = existingResources();
        resources.putAll(pathValues);
        List<Operation> operations = new ArrayList<>();
        for (ContractOperations.Operation op : contract.all()) {
            operations.addAll(operations(contract, synthesis, op, pathValues));
        }
        Set<String> covered = new TreeSet<>();
        operations.forEach(o -> covered.add(o.op().method() + " " + o.op().path()));
        assertThat(covered).as("every operation of openapi.yaml is fuzzed").hasSize(contract.all().size());

        Random random = new Random(SEED);
        List<List<Call>> perOperation = new ArrayList<>();
        long generated = 0;
        for (Operation o : operations) {
            List<Call> calls = cases(o);
            generated += calls.size();
            Collections.shuffle(calls, random);
            calls.add(0, o.base("the base request"));
            perOperation.add(calls);
        }
        // round robin: every operation its base request first, then one case of each in turn
        List<Call> chosen = new ArrayList<>();
        for (int round = 0; chosen.size() < CASES; round++) {
            boolean any = false;
            for (List<Call> calls : perOperation) {
                if (round < calls.size() && chosen.size() < CASES) {
                    chosen.add(calls.get(round));
                    any = true;
                }
            }
            if (!any) break;
        }

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).build();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        TreeMap<Long, String> slowest = new TreeMap<>();
        for (Call call : chosen) {
            HttpResponse<String> response;
            long started = System.nanoTime();
            try {
                response = client.send(request(call), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                failures.add("no answer (" + e + "): " + describe(call));
                continue;
            }
            slowest.put((System.nanoTime() - started) / 1_000_000, abbreviate(describe(call)));
            if (slowest.size() > 5) slowest.pollFirstEntry();
            byStatus.merge(response.statusCode(), 1, Integer::sum);
            check(call, contract, response, failures::add);
        }
        System.out.printf("contract fuzz: %d of %d generated cases over %d operations (seed %d), by status %s%n",
                chosen.size(), generated + perOperation.size(), operations.size(), SEED, byStatus);
        slowest.descendingMap().forEach((ms, call) -> System.out.printf("  slowest: %d ms %s%n", ms, call));
        assertThat(failures).as("of %d hostile requests (seed %d)", chosen.size(), SEED).isEmpty();
    }

    /** A plan with an agreed scenario, one of its revisions and a link, so that paths name things that exist. */
    static Map<String, String> existingResources() {
        long plan = PlanActualsApiTest.planWithAgreedScenario();
        JsonNode scenarios = Fixtures.json(given().accept(ContentType.JSON).get("/api/v1/plans/" + plan + "/scenarios")
                .then().statusCode(200).extract().asString());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("id", Long.toString(plan));
        values.put("sid", scenarios.findValue("id").asText());
        values.put("number", "1");
        values.put("period", "1");
        values.put("metric", "npv");
        values.put("linkId", "1");
        return values;
    }

    /** The operation once per media type of its body (JSON and CSV for actuals), or once without a body. */
    static List<Operation> operations(ContractOperations contract, RequestSynthesis synthesis,
                                      ContractOperations.Operation op, Map<String, String> pathValues) {
        Map<String, String> values = new LinkedHashMap<>(pathValues);
        if (op.path().startsWith("/api/v1/jobs/")) values.put("id", "job-4b1f7c52-9d0e-4a8b-8f3e-6c2d1a9e7b05");
        JsonNode content = op.node().path("requestBody").path("content");
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> media = it.next();
            JsonNode example = example(contract, media.getValue());
            JsonNode schema = media.getValue().path("schema");
            if (media.getKey().contains("json")) {
                JsonNode json = example != null ? example : synthesis.synthesise(schema);
                out.add(new Operation(op, values, media.getKey(), json.toString(), json, synthesis.targets(json, schema)));
            } else {
                String text = example != null ? example.asText() : "";
                out.add(new Operation(op, values, media.getKey(), text, null, List.of()));
            }
        }
        if (out.isEmpty()) out.add(new Operation(op, values, null, null, null, List.of()));
        return out;
    }

    static JsonNode example(ContractOperations contract, JsonNode media) {
        if (media.has("example")) return media.get("example");
        JsonNode examples = media.path("examples");
        if (examples.isMissingNode() || !examples.elements().hasNext()) return null;
        return ContractOperations.resolve(contract.contract(), examples.elements().next()).get("value");
    }

    /** Every case of an operation: each field × each hostile value, each parameter × each hostile text, each media type. */
    static List<Call> cases(Operation o) {
        List<Call> calls = new ArrayList<>();
        for (RequestSynthesis.Target t : o.targets()) {
            for (Hostile h : HOSTILE_VALUES) {
                if (h.value() == null && !t.present()) continue;
                JsonNode body = t.body().deepCopy();
                set(body, t.pointer(), h.value());
                Call base = o.base(t.pointer() + " " + h.name() + (t.present() ? "" : " (a field the base leaves out)"));
                calls.add(withBody(base, write(body)));
            }
            // an unknown field beside it
            JsonNode body = t.body().deepCopy();
            String parent = t.pointer().substring(0, t.pointer().lastIndexOf('/'));
            if (body.at(parent).isObject()) {
                ((ObjectNode) body.at(parent)).put("zzUnknownField", 1);
                calls.add(withBody(o.base(parent + "/zzUnknownField added"), write(body)));
            }
        }
        if (o.json() != null) {
            for (String whole : List.of("", "null", "[]", "\"x\"", "1e400", "{", "{\"a\":1,\"a\":2}", "{} {}",
                    "[".repeat(5000) + "]".repeat(5000), "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}")) {
                calls.add(withBody(o.base("the whole body " + abbreviate(whole)), whole));
            }
        }
        if ("text/csv".equals(o.mediaType())) calls.addAll(csvCases(o));
        for (JsonNode p : o.op().parameters()) {
            String name = p.get("name").asText();
            String in = p.get("in").asText();
            List<String> values = in.equals("header") ? HOSTILE_HEADERS : HOSTILE_PARAMETERS;
            for (String v : values) {
                if (in.equals("path") && v.isEmpty()) continue; // an empty segment is another path, not a value
                Call base = o.base(in + " parameter " + name + " = " + abbreviate(v));
                switch (in) {
                    case "path" -> calls.add(new Call(base.method(), base.path().replace("{" + name + "}", "\u0000" + v + "\u0000"),
                            base.query(), base.headers(), base.body(), base.what()));
                    case "query" -> {
                        Map<String, String> query = new LinkedHashMap<>(base.query());
                        query.put(name, v);
                        calls.add(new Call(base.method(), base.path(), query, base.headers(), base.body(), base.what()));
                    }
                    case "header" -> {
                        if (!v.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) continue; // no client sends it so
                        Map<String, String> headers = new LinkedHashMap<>(base.headers());
                        headers.put(name, v);
                        calls.add(new Call(base.method(), base.path(), base.query(), headers, base.body(), base.what()));
                    }
                    default -> { }
                }
            }
            if (in.equals("header") && !p.path("required").asBoolean(false)) continue;
            if (in.equals("header")) {
                Call base = o.base("header " + name + " missing");
                Map<String, String> headers = new LinkedHashMap<>(base.headers());
                headers.remove(name);
                calls.add(new Call(base.method(), base.path(), base.query(), headers, base.body(), base.what()));
            }
        }
        Call base = o.base("an unknown query parameter");
        Map<String, String> query = new LinkedHashMap<>(base.query());
        query.put("zzUnknown", "1");
        calls.add(new Call(base.method(), base.path(), query, base.headers(), base.body(), base.what()));
        if (o.body() != null) {
            for (String type : CONTENT_TYPES) {
                Call b = o.base("Content-Type " + type);
                Map<String, String> headers = new LinkedHashMap<>(b.headers());
                if (type == null) headers.remove("Content-Type");
                else headers.put("Content-Type", type);
                calls.add(new Call(b.method(), b.path(), b.query(), headers, b.body(), b.what()));
            }
        }
        for (String accept : ACCEPTS) {
            Call b = o.base("Accept " + accept);
            Map<String, String> headers = new LinkedHashMap<>(b.headers());
            headers.put("Accept", accept);
            calls.add(new Call(b.method(), b.path(), b.query(), headers, b.body(), b.what()));
        }
        return calls;
    }

    /** A CSV body's own hostile variants: each cell of its first row replaced, the header broken, rows past the limit. */
    static List<Call> csvCases(Operation o) {
        List<Call> calls = new ArrayList<>();
        String[] lines = o.body().split("\n");
        if (lines.length < 2) return calls;
        String[] cells = lines[1].split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            for (String v : List.of("", "abc", "1e400", "-1e400", "NaN", "Infinity", "-0", "99999999999999999999",
                    "-1", "0", "\"", "1;DROP TABLE plan", "x".repeat(HUGE_STRING), "1,5", "6.500")) {
                String[] row = cells.clone();
                row[i] = v;
                calls.add(withBody(o.base("CSV column " + i + " = " + abbreviate(v)), lines[0] + "\n" + String.join(",", row) + "\n"));
            }
        }
        for (String header : List.of("", "period", "nonsense,columns", "period,period", "volume:", "sep=;")) {
            calls.add(withBody(o.base("CSV header " + abbreviate(header)), header + "\n" + lines[1] + "\n"));
        }
        calls.add(withBody(o.base("CSV with only a header"), lines[0] + "\n"));
        calls.add(withBody(o.base("CSV with a ragged row"), lines[0] + "\n" + lines[1] + ",1,2,3\n"));
        return calls;
    }

    static Call withBody(Call call, String body) {
        return new Call(call.method(), call.path(), call.query(), call.headers(), body, call.what());
    }

    /** Puts (or, for null, removes) the value at the pointer of the body. */
    static void set(JsonNode body, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = body.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            if (value == null) object.remove(key);
            else object.set(key, value);
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(key);
            if (value == null) array.remove(index);
            else array.set(index, value);
        }
    }

    static String write(JsonNode body) {
        try {
            return Fixtures.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpRequest request(Call call) {
        StringBuilder path = new StringBuilder();
        String template = call.path();
        // path parameters: the valid ones as they are, a hostile one (between NULs) percent-encoded
        String[] parts = template.split("\u0000", -1);
        for (int i = 0; i < parts.length; i++) {
            path.append(i % 2 == 1 ? encodePath(parts[i]) : parts[i]);
        }
        String concrete = path.toString();
        for (Map.Entry<String, String> e : Map.of("{id}", "id", "{sid}", "sid", "{number}", "number", "{period}", "period",
                "{metric}", "metric", "{linkId}", "linkId").entrySet()) {
            concrete = concrete.replace(e.getKey(), pathValue(call, e.getValue()));
        }
        StringBuilder query = new StringBuilder();
        call.query().forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        URI uri = root.resolve(concrete.substring(1) + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + TestCaller.ADMIN_KEY);
        call.headers().forEach(b::header);
        b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        return b.build();
    }

    private final Map<String, String> resources = new LinkedHashMap<>();

    private String pathValue(Call call, String name) {
        if (name.equals("id") && call.path().startsWith("/api/v1/jobs/")) return "job-4b1f7c52-9d0e-4a8b-8f3e-6c2d1a9e7b05";
        if (name.equals("id") && call.path().startsWith("/api/v1/keys/")) return NO_KEY;
        return resources.get(name);
    }

    static String encodePath(String v) {
        // keep ';' as sent (a matrix parameter is itself hostile); encode the rest so the URI is valid
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20").replace("%3B", ";");
    }

    /** Checks one answer against the rules; adds a line per rule broken. */
    static void check(Call call, ContractOperations contract, HttpResponse<String> response, Consumer<String> failures) {
        int status = response.statusCode();
        String body = response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String what = describe(call) + " → " + status + " " + abbreviate(body);
        if (status >= 500) {
            boolean admitted503 = status == 503 && response.headers().firstValue("Retry-After").isPresent()
                    && contentType.startsWith(Problem.MEDIA_TYPE);
            if (!admitted503) failures.accept("5xx: " + what);
        }
        ContractOperations.Operation op = contract.all().stream()
                .filter(o -> o.path().equals(templateOf(call)) && o.method().equalsIgnoreCase(call.method()))
                .findFirst().orElseThrow();
        if (!op.node().path("responses").has(Integer.toString(status)) && status != 503) {
            failures.accept("a status the contract does not declare for " + op + ": " + what);
        }
        for (String internal : INTERNAL_NAMES) {
            if (body.contains(internal)) failures.accept("names '" + internal.trim() + "': " + what);
        }
        if (status < 400) return;
        if (!contentType.startsWith(Problem.MEDIA_TYPE)) {
            failures.accept("not a problem document: " + what);
            return;
        }
        JsonNode problem;
        try {
            problem = Fixtures.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            failures.accept("a problem that is not JSON: " + what);
            return;
        }
        if (!problem.path("type").asText().startsWith("urn:parley:problem:")) failures.accept("no problem type: " + what);
        if (problem.path("status").asInt() != status) failures.accept("the problem's status differs: " + what);
        if (FIELD_STATUSES.contains(status)) {
            JsonNode errors = problem.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                failures.accept("a " + status + " that names no field: " + what);
            } else {
                for (JsonNode e : errors) {
                    if (!e.path("pointer").isTextual()) failures.accept("an error without a pointer: " + what);
                    if (e.path("message").asText("").isBlank()) failures.accept("an error without a message: " + what);
                }
            }
        } else if (WHOLE_REQUEST_STATUSES.contains(status) || status == 503) {
            if (problem.path("detail").asText("").isBlank()) failures.accept("a " + status + " without a detail: " + what);
        } else {
            failures.accept("a status the fuzz test has no rule for: " + what);
        }
    }

    private static String templateOf(Call call) {
        // the call's path is the template with (at most) one hostile path value between NULs
        return call.path().replaceAll("\u0000[^\u0000]*\u0000", "{" + "PARAM" + "}")
                .replace("{PARAM}", hostileParameterName(call));
    }

    private static String hostileParameterName(Call call) {
        String w = call.what();
        if (!w.startsWith("path parameter ")) return "";
        return "{" + w.substring("path parameter ".length(), w.indexOf(' ', "path parameter ".length())) + "}";
    }

    static String describe(Call call) {
        return call.method() + " " + call.path().replace('\u0000', '|') + " with " + call.what()
                + (call.headers().containsKey("Content-Type") ? " [" + call.headers().get("Content-Type") + "]" : "")
                + (call.body() == null ? "" : " body " + abbreviate(call.body()));
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }
}
