package io.parley.api;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quotas end to end, with a tiny budget and a clock that stands still. The scenario below has one
 * product and 3 years of 4 quarters, so one evaluation is 1 × 12 = 12 units of work; the budget is
 * 30 units a minute, which refills at 0.5 units a second. Every figure is worked out from those.
 */
@QuarkusTest
@TestProfile(QuotaApiTest.TinyBudget.class)
class QuotaApiTest {

    /** 30 units a minute for everyone, 120 for analysts; time moves only when a test moves it. */
    public static class TinyBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.parley.quotas.units-per-minute", "30",
                    "%test.parley.quotas.roles.analyst", "120");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }
    }

    /** 1 product × 3 years × 4 periods = 12 product-periods. */
    private static final String SCENARIO = """
            {"name": "one product", "currency": "EUR", "horizon": {"years": 3, "periodsPerYear": 4},
             "supplier": {"costOfCapital": 0.08},
             "products": [{"id": "widgets", "baseVolume": 12000, "listPrice": 45, "unitCost": 28}],
             "terms": {}}""";

    @Inject
    MovableClock clock;

    @Test
    void aCallerPastItsBudgetIsToldWhenToComeBackAndIsServedThen() {
        String key = newKey("quota-exhausted", "admin");
        Response first = evaluate(key);
        first.then().statusCode(200);
        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"compute\";q=30;w=60;qu=\"evaluation-product-periods\"");
        // 30 − 12 = 18 left; the 12 spent refill in 12 / 0.5 = 24 s
        assertThat(first.header("RateLimit")).isEqualTo("\"compute\";r=18;t=24");

        Response second = evaluate(key);
        second.then().statusCode(200);
        assertThat(second.header("RateLimit")).isEqualTo("\"compute\";r=6;t=48");

        Response refused = evaluate(key);
        refused.then().statusCode(429).contentType(Problem.MEDIA_TYPE)
                .body("type", org.hamcrest.Matchers.equalTo("urn:parley:problem:quota-exceeded"))
                .body("limit", org.hamcrest.Matchers.equalTo(30))
                .body("requested", org.hamcrest.Matchers.equalTo(12));
        // 6 left, 12 needed: the 6 missing refill in 6 / 0.5 = 12 s
        assertThat(refused.header("Retry-After")).isEqualTo("12");
        assertThat(refused.header("RateLimit")).isEqualTo("\"compute\";r=6;t=48");
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"compute\";q=30;w=60;qu=\"evaluation-product-periods\"");

        clock.advance(Duration.ofSeconds(11));
        evaluate(key).then().statusCode(429).header("Retry-After", "1");
        clock.advance(Duration.ofSeconds(1));
        Response again = evaluate(key);
        again.then().statusCode(200);
        assertThat(again.header("RateLimit")).isEqualTo("\"compute\";r=0;t=60");
    }

    @Test
    void eachCallerHasABudgetOfItsOwnSizedByItsRoles() {
        String spent = newKey("quota-spent", "admin");
        evaluate(spent);
        evaluate(spent);
        evaluate(spent).then().statusCode(429);
        // another caller of the same tenant is not affected; an analyst's budget is 120
        Response analyst = evaluate(newKey("quota-analyst", "analyst"));
        analyst.then().statusCode(200);
        assertThat(analyst.header("RateLimit-Policy")).startsWith("\"compute\";q=120;w=60;");
        assertThat(analyst.header("RateLimit")).isEqualTo("\"compute\";r=108;t=6");
    }

    @Test
    void aRequestLargerThanTheWholeBudgetIsA422NotA429() {
        String key = newKey("quota-too-large", "admin");
        // a baseline and two variants: 3 evaluations × 12 = 36 units, over the whole budget of 30
        String compare = "{\"baseline\": " + SCENARIO + ", \"variants\": ["
                + "{\"name\": \"a\", \"set\": {\"products[widgets].listPrice\": 44}},"
                + "{\"name\": \"b\", \"set\": {\"products[widgets].listPrice\": 43}}]}";
        Response r = given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(compare)
                .post("/api/v1/compare");
        r.then().statusCode(422).body("type", org.hamcrest.Matchers.equalTo("urn:parley:problem:limit-exceeded"))
                .body("limit", org.hamcrest.Matchers.equalTo(30)).body("requested", org.hamcrest.Matchers.equalTo(36));
        assertThat(r.header("Retry-After")).isNull();
        // nothing was taken: the whole budget is still there
        assertThat(r.header("RateLimit")).isEqualTo("\"compute\";r=30;t=0");
    }

    @Test
    void operationsThatComputeNothingAreNotCharged() {
        Response r = given().get("/api/v1/metrics");
        r.then().statusCode(200);
        assertThat(r.header("RateLimit")).isNull();
        assertThat(r.header("RateLimit-Policy")).isNull();
    }

    private static Response evaluate(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(SCENARIO)
                .post("/api/v1/evaluate");
    }

    /** A new API key of the test tenant with {@code role}: a caller with a budget of its own. */
    static String newKey(String name, String role) {
        String body = Fixtures.MAPPER.createObjectNode().put("name", name).set("roles",
                Fixtures.MAPPER.createArrayNode().add(role)).toString();
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/keys").then().statusCode(201)
                .extract().path("secret");
    }
}
