package io.parley.api;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A goal seek is admitted at its worst case (17,154 evaluations) but charged what it evaluated. The
 * scenario has 1 product × 3 years × 4 quarters = 12 product-periods, so the worst case is
 * 17,154 × 12 = 205,848 units; the budget is 300,000 a minute and the clock stands still. Were the
 * worst case kept, 300,000 − 205,848 = 94,152 would be left and a second seek refused (429).
 */
@QuarkusTest
@TestProfile(SettledQuotaApiTest.SeekBudget.class)
class SettledQuotaApiTest {

    public static class SeekBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.parley.quotas.units-per-minute", "300000");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }
    }

    private static final String SEEK = """
            {"scenario": {"name": "one product", "currency": "EUR", "horizon": {"years": 3, "periodsPerYear": 4},
               "supplier": {"costOfCapital": 0.08},
               "products": [{"id": "widgets", "baseVolume": 12000, "listPrice": 45, "unitCost": 28}],
               "terms": {}},
             "lever": "terms.discounts[widgets]", "metric": "npv", "target": 0, "lower": 0, "upper": 0.9}""";

    @Test
    void aGoalSeekIsChargedTheEvaluationsItMadeNotItsWorstCase() {
        String key = QuotaApiTest.newKey("seek-settled", "analyst");
        Response first = seek(key);
        first.then().statusCode(200);
        // at admission the worst case was taken: 300,000 − 205,848
        assertThat(first.header("RateLimit")).startsWith("\"compute\";r=94152;");
        int evaluated = first.path("evaluations");
        assertThat(evaluated).isPositive().isLessThan(17_154);

        Response second = seek(key);
        second.then().statusCode(200);
        // the first was settled at 12 units an evaluation; the second took its worst case again
        long left = 300_000 - 12L * evaluated - 205_848;
        assertThat(second.header("RateLimit")).startsWith("\"compute\";r=" + left + ";");
    }

    private static Response seek(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(SEEK)
                .post("/api/v1/analyses/goal-seek");
    }
}
