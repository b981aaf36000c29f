package io.parley.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/** Calls to the running service shared by the API tests, every one checked against openapi.yaml. */
final class Api {

    private Api() {
    }

    static Response post(String path, String accept, ObjectNode body) {
        return given().filter(Contract.CONFORMS)
                .contentType(ContentType.JSON).accept(accept).body(body.toString())
                .when().post(path);
    }

    /** A 200 JSON answer that says what produced it, the same in its headers and its body. */
    static JsonNode ok(String path, ObjectNode body) {
        Response r = post(path, "application/json", body);
        r.then().statusCode(200).contentType(ContentType.JSON)
                .header("Parley-Model-Version", "v1")
                .header("Parley-Scenario-Hash", startsWith("sha256:"));
        JsonNode json = Fixtures.json(r.asString());
        assertThat(json.get("provenance").get("scenarioHash").asText()).isEqualTo(r.header("Parley-Scenario-Hash"));
        return json;
    }
}
