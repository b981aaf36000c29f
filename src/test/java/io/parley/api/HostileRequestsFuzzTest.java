package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile variants of every JSON request the contract gives an example for: one field of the
 * example removed, nulled, given the wrong type or an extreme value. Whatever the variant, the
 * answer is never a 5xx, every 4xx is a problem document (a 422 names the pointer of each field at
 * fault) and no answer names an internal class. Seeded and bounded; run more with
 * {@code -Dparley.fuzz.cases=N} (and another {@code -Dparley.fuzz.seed=S}).
 */
@QuarkusTest
class HostileRequestsFuzzTest {

    static final int CASES = Integer.getInteger("parley.fuzz.cases", 40);
    static final long SEED = Long.getLong("parley.fuzz.seed", 20261203L);
    static final List<String> INTERNAL_NAMES = List.of("com.fasterxml", "java.", "io.parley.", "jakarta.", "Exception");
    static final int DEEP_NESTING = 5000;
    static final int HUGE_STRING = 100_000;

    /** A JSON operation of the contract and one example body of it. */
    record Example(String method, String path, JsonNode body) {
    }

    @Test
    void noHostileVariantOfAnExampleRequestAnswers5xxOrLeaksInternals() {
        List<Example> examples = examples();
        assertThat(examples).as("request examples in openapi.yaml").hasSizeGreaterThan(15);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Example example = examples.get(i % examples.size());
            JsonNode body = example.body().deepCopy();
            String mutation = mutate(body, random);
            Response response = given().contentType(ContentType.JSON).accept(ContentType.JSON)
                    .header("If-Match", "\"1\"").body(body.toString())
                    .when().request(example.method(), example.path());
            String answer = response.asString();
            String what = example.method() + " " + example.path() + " with " + mutation + " → " + response.statusCode()
                    + " " + answer.substring(0, Math.min(300, answer.length()));
            if (response.statusCode() >= 500) failures.add("5xx: " + what);
            if (response.statusCode() >= 400 && !"application/problem+json".equals(response.contentType())) {
                failures.add("not a problem: " + what);
            }
            if (response.statusCode() == 422) {
                List<String> pointers = response.jsonPath().getList("errors.pointer");
                if (pointers == null || pointers.isEmpty() || pointers.contains(null)) failures.add("no pointer: " + what);
            }
            for (String internal : INTERNAL_NAMES) {
                if (answer.contains(internal)) failures.add("names '" + internal + "': " + what);
            }
        }
        assertThat(failures).as("of %d hostile requests (seed %d)", CASES, SEED).isEmpty();
    }

    /** Every JSON request body example, with path parameters set to 1 (a plan that may or may not exist). */
    static List<Example> examples() {
        JsonNode spec;
        try {
            spec = new YAMLMapper().readTree(Path.of("openapi.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : spec.get("paths").properties()) {
            String concrete = path.getKey().replaceAll("\\{metric\\}", "npv").replaceAll("\\{[a-z]+\\}", "1");
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode named = operation.getValue().at("/requestBody/content/application~1json/examples");
                for (JsonNode example : named) {
                    if (example.hasNonNull("value")) {
                        examples.add(new Example(operation.getKey().toUpperCase(), concrete, example.get("value")));
                    }
                }
            }
        }
        return examples;
    }

    /** Changes one field (or element) of {@code body} in place; says what it did. */
    static String mutate(JsonNode body, Random random) {
        List<String> pointers = new ArrayList<>();
        collect(body, "", pointers);
        String pointer = pointers.get(random.nextInt(pointers.size()));
        int kind = random.nextInt(11);
        JsonNode value = switch (kind) {
            case 0 -> null;
            case 1 -> Fixtures.MAPPER.nullNode();
            case 2 -> Fixtures.MAPPER.getNodeFactory().textNode("x");
            case 3 -> Fixtures.MAPPER.getNodeFactory().numberNode(-1);
            case 4 -> Fixtures.MAPPER.getNodeFactory().rawValueNode(new RawValue("1e400"));
            case 5 -> Fixtures.MAPPER.getNodeFactory().numberNode(1e308);
            case 6 -> Fixtures.MAPPER.createObjectNode();
            case 7 -> Fixtures.MAPPER.createArrayNode().add(Fixtures.MAPPER.createObjectNode());
            case 8 -> Fixtures.MAPPER.getNodeFactory().textNode("ÿ".repeat(HUGE_STRING));
            case 9 -> Fixtures.MAPPER.getNodeFactory().rawValueNode(
                    new RawValue("[".repeat(DEEP_NESTING) + "]".repeat(DEEP_NESTING)));
            default -> Fixtures.MAPPER.getNodeFactory().numberNode(0.5);
        };
        String[] names = {"removed", "null", "\"x\"", "-1", "1e400", "1e308", "{}", "[{}]", "a huge string",
                "deep nesting", "0.5"};
        ContractFuzzTest.set(body, pointer, value);
        return pointer + " " + names[kind];
    }

    private static void collect(JsonNode node, String at, List<String> pointers) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                pointers.add(child);
                collect(e.getValue(), child, pointers);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                pointers.add(at + "/" + i);
                collect(node.get(i), at + "/" + i, pointers);
            }
        }
    }
}
