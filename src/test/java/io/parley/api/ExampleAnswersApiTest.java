package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's answer examples are real answers to its request examples (issue 11): every JSON
 * answer example that names its request by hash ({@code provenance.requestHash}) is paired with the
 * request example of the same name, that request is sent, and the hash the service gives it is the
 * example's. A placeholder hash, or an answer example whose request changed without it, fails here.
 * The figures of a seeded run (Monte Carlo, Sobol) must be the example's to the last digit. Each
 * answer is also written under target/example-answers/ (operation and example name), so an example
 * can be refreshed from what the service really says.
 */
@QuarkusTest
class ExampleAnswersApiTest {

    private static final Path ANSWERS = Path.of("target", "example-answers");

    /** A request example and the answer example of the same name (or "the same request with ?query"). */
    record Pair(String path, String query, String name, JsonNode request, JsonNode answer) {
    }

    /** Operations whose answer is fixed by the request and its seed, figures and all. */
    static final List<String> SEEDED = List.of("/analyses/monte-carlo", "/analyses/sobol");

    /** How an answer example names the query its request adds to the operation's only request example. */
    static final String SAME_REQUEST_WITH = "The same request with ?";

    @Test
    void everyAnswerExampleCarriesTheHashOfItsRequestExample() throws IOException {
        List<Pair> pairs = pairs(contract());
        assertThat(pairs).as("answer examples with a requestHash").hasSizeGreaterThanOrEqualTo(10);
        Files.createDirectories(ANSWERS);
        List<String> wrong = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (Pair p : pairs) {
            Response r = given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                    .body(p.request().toString()).post(p.path() + p.query());
            String file = p.path().substring("/api/v1/".length()).replace('/', '-') + "-" + p.name() + ".json";
            String label = p.path() + p.query() + " " + p.name();
            Files.writeString(ANSWERS.resolve(file), r.asString());
            assertThat(r.statusCode()).as(label + ": " + r.asString()).isEqualTo(200);
            String expected = p.answer().at("/provenance/requestHash").asText();
            String actual = r.jsonPath().getString("provenance.requestHash");
            assertThat(r.getHeader("Parley-Request-Hash")).as(label).isEqualTo(actual);
            if (!expected.equals(actual)) wrong.add(label + ": example " + expected + ", answer " + actual);
            // a seeded run gives the same figures to the last digit: the example is the answer itself
            if (SEEDED.stream().anyMatch(p.path()::endsWith)
                    && !Fixtures.json(r.asString()).get("metrics").equals(p.answer().get("metrics"))) {
                stale.add(label + " (the answer is in " + ANSWERS.resolve(file) + ")");
            }
        }
        assertThat(wrong).as("answer examples whose requestHash is not their request's").isEmpty();
        assertThat(stale).as("seeded answer examples whose figures are not what the service answers").isEmpty();
    }

    /** Operations whose raw answers (CSV, NDJSON) are fixed by the request and its seed, row by row. */
    static final List<String> RAW = List.of("/api/v1/analyses/monte-carlo");

    /**
     * The raw-sample answer examples (CSV and NDJSON) of a seeded stream are the service's answers to
     * their request examples, byte for byte but for the YAML's line ends (CSV lines end with CRLF).
     */
    @Test
    void everyRawSampleExampleIsTheServicesAnswerToItsRequest() throws IOException {
        JsonNode contract = contract();
        Files.createDirectories(ANSWERS);
        List<String> stale = new ArrayList<>();
        int checked = 0;
        for (String path : RAW) {
            JsonNode post = contract.get("paths").get(path).get("post");
            JsonNode requests = post.at("/requestBody/content/application~1json/examples");
            for (String media : List.of("text/csv", "application/x-ndjson")) {
                JsonNode answers = post.at("/responses/200/content/" + media.replace("/", "~1") + "/examples");
                for (Iterator<Map.Entry<String, JsonNode>> e = answers.fields(); e.hasNext(); ) {
                    Map.Entry<String, JsonNode> example = e.next();
                    String name = example.getKey();
                    String query = "";
                    JsonNode request = requests.get(name);
                    String summary = example.getValue().path("summary").asText();
                    if (request == null && summary.startsWith(SAME_REQUEST_WITH)) {
                        query = "?" + summary.substring(SAME_REQUEST_WITH.length()).split("\\s")[0];
                        request = requests.get("rawSamples");
                    }
                    assertThat(request).as(path + " " + media + " " + name + ": no request example").isNotNull();
                    String body = given().contentType(ContentType.JSON).accept(media)
                            .body(resolve(contract, request).get("value").toString()).post(path + query).asString();
                    String file = path.substring("/api/v1/".length()).replace('/', '-') + "-" + name
                            + (media.equals("text/csv") ? ".csv" : ".ndjson");
                    Files.writeString(ANSWERS.resolve(file), body);
                    String want = example.getValue().get("value").asText();
                    if (media.equals("text/csv")) want = want.replace("\n", "\r\n");
                    if (!want.equals(body)) stale.add(path + query + " " + media + " " + name + " (the answer is in "
                            + ANSWERS.resolve(file) + ")");
                    checked++;
                }
            }
        }
        assertThat(checked).as("raw examples checked").isGreaterThanOrEqualTo(6);
        assertThat(stale).as("raw answer examples that are not what the service answers").isEmpty();
    }

    static JsonNode contract() {
        try {
            return new YAMLMapper().readTree(Files.readString(Path.of("openapi.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every POST operation's JSON answer example with a requestHash, with its request example; one without a request fails. */
    static List<Pair> pairs(JsonNode contract) {
        List<Pair> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = contract.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            JsonNode post = path.getValue().get("post");
            if (post == null || path.getKey().contains("{")) continue;   // plan operations need a stored plan
            JsonNode answers = post.at("/responses/200/content/application~1json/examples");
            JsonNode requests = post.at("/requestBody/content/application~1json/examples");
            for (Iterator<Map.Entry<String, JsonNode>> e = answers.fields(); e.hasNext(); ) {
                Map.Entry<String, JsonNode> example = e.next();
                JsonNode answer = resolve(contract, example.getValue()).get("value");
                if (answer == null || answer.at("/provenance/requestHash").isMissingNode()) continue;
                JsonNode request = requests.get(example.getKey());
                String query = "";
                String summary = example.getValue().path("summary").asText();
                if (request == null && summary.startsWith(SAME_REQUEST_WITH) && requests.size() == 1) {
                    query = "?" + summary.substring(SAME_REQUEST_WITH.length()).split("\\s")[0];
                    request = requests.elements().next();
                }
                assertThat(request).as(path.getKey() + ": no request example named " + example.getKey()).isNotNull();
                out.add(new Pair(path.getKey(), query, example.getKey(), resolve(contract, request).get("value"), answer));
            }
        }
        return out;
    }

    private static JsonNode resolve(JsonNode contract, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : contract.at(ref.asText().substring(1));
    }
}
