package io.parley.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.TestCaller;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer of every operation in openapi.yaml carries {@code X-Request-Id}, as the contract
 * declares on each: the caller's id when it is a plain token, otherwise a new UUID (ops/RequestIds).
 * Operations are read from the contract, so one added later is covered without touching this test.
 */
@QuarkusTest
class RequestIdsApiTest {

    private static final ContractOperations CONTRACT = ContractOperations.read();
    private static final String HEADER = "X-Request-Id";
    /** What the service makes when the caller gave no usable id: a random UUID. */
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    @Test
    void everyOperationAnswersWithTheCallersIdOrANewOne() {
        List<String> wrong = new ArrayList<>();
        int i = 0;
        for (ContractOperations.Operation op : CONTRACT.all()) {
            String offered = "gw-" + op.id() + "." + i++;
            Response asCaller = call(op, given().header(HEADER, offered));
            if (!offered.equals(asCaller.header(HEADER))) {
                wrong.add(op + " (" + asCaller.statusCode() + ") answered " + HEADER + " " + asCaller.header(HEADER) + " for " + offered);
            }
            Response anonymous = call(op, given().header(TestCaller.ANONYMOUS, "yes"));
            String made = anonymous.header(HEADER);
            if (made == null || !UUID.matcher(made).matches()) {
                wrong.add(op + " (" + anonymous.statusCode() + ") without an id answered " + HEADER + " " + made);
            }
        }
        assertThat(wrong).as("answers without the request's id").isEmpty();
        assertThat(i).isEqualTo(CONTRACT.all().size()).isGreaterThan(40);
    }

    @Test
    void anIdThatIsNoPlainTokenIsReplacedByANewOne() {
        for (String unusable : List.of("two words", "quote\"d", "x".repeat(65), "")) {
            String answered = given().filter(Contract.RESPONSE_CONFORMS).header(HEADER, unusable)
                    .when().get("/api/v1/metrics").then().statusCode(200).extract().header(HEADER);
            assertThat(answered).as("for %s", unusable).matches(UUID).isNotEqualTo(unusable);
        }
    }

    @Test
    void theLongestPlainTokenIsKept() {
        String longest = "A-z_0.9:" + "x".repeat(56);
        assertThat(longest).hasSize(64);
        given().filter(Contract.CONFORMS).header(HEADER, longest).when().get("/api/v1/metrics")
                .then().statusCode(200).header(HEADER, longest);
    }

    @Test
    void twoRequestsWithoutAnIdGetDifferentOnes() {
        String first = given().when().get("/api/v1/metrics").then().extract().header(HEADER);
        String second = given().when().get("/api/v1/metrics").then().extract().header(HEADER);
        assertThat(first).matches(UUID).isNotEqualTo(second);
    }

    /** One call of the operation with its first request example and ids of nothing (a 404 is an answer too). */
    private Response call(ContractOperations.Operation op, RequestSpecification r) {
        r.filter(Contract.RESPONSE_CONFORMS).redirects().follow(false).accept(ContractOperations.answerType(op));
        for (JsonNode p : op.parameters()) {
            if (p.path("required").asBoolean() && p.path("in").asText().equals("query")) {
                String name = p.path("name").asText();
                r.queryParam(name, p.has("example") ? p.get("example").asText() : p.path("schema").path("example").asText());
            }
        }
        JsonNode body = CONTRACT.requestExample(op);
        if (body != null) r.contentType("application/json").body(body.toString());
        String path = op.path().replace("{metric}", "npv").replaceAll("\\{[A-Za-z]+\\}", "999999");
        return r.request(op.method().toUpperCase(), path);
    }
}
