package io.parley.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.TestCaller;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** CORS as an operator turns it on for an add-in served from another origin (application.properties). */
@QuarkusTest
@TestProfile(CorsApiTest.AddInOrigin.class)
class CorsApiTest {

    static final String ADD_IN = "https://addin.example.com";

    /** CORS on, for the add-in's origin only; the rest of the settings are application.properties'. */
    public static class AddInOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.enabled", "true", "quarkus.http.cors.origins", ADD_IN);
        }
    }

    @Test
    void aPreflightFromTheAllowedOriginMayPostJsonWithAKey() {
        Response r = preflight(ADD_IN);
        r.then().statusCode(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ADD_IN);
        assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(r.header("Access-Control-Allow-Headers").toLowerCase()).contains("authorization", "content-type");
        assertThat(r.header("Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void aPreflightFromAnyOtherOriginGetsNoAllowHeaders() {
        for (String origin : new String[] {"https://evil.example.com", "https://addin.example.com.evil.net", "null"}) {
            Response r = preflight(origin);
            assertThat(r.header("Access-Control-Allow-Origin")).as(origin).isNull();
            assertThat(r.header("Access-Control-Allow-Methods")).as(origin).isNull();
            assertThat(r.header("Access-Control-Allow-Headers")).as(origin).isNull();
        }
    }

    @Test
    void theAllowedOriginsAnswerExposesTheHeadersAClientReads() {
        Response r = given().header("Origin", ADD_IN).get("/api/v1/metrics");
        r.then().statusCode(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ADD_IN);
        assertThat(r.header("Access-Control-Expose-Headers")).contains("RateLimit", "RateLimit-Policy", "Retry-After", "ETag");
    }

    private static Response preflight(String origin) {
        return given().header(TestCaller.ANONYMOUS, "true").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/evaluate");
    }
}
