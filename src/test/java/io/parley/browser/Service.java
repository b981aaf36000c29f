package io.parley.browser;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** The service's own answers, asked over REST, that what the browser shows is compared with. */
final class Service {

    private Service() {
    }

    static JsonNode post(String path, JsonNode body) {
        return post(path, body, 200);
    }

    static JsonNode post(String path, JsonNode body, int status) {
        return given().contentType(ContentType.JSON).body(body.toString())
                .post(path).then().statusCode(status).extract().as(JsonNode.class);
    }
}
