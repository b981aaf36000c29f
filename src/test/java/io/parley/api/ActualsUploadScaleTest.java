package io.parley.api;

import java.util.Arrays;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.parley.plan.Actual;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An actuals upload costs the store a fixed number of queries however many periods it carries, and
 * one insert per new period (an update per period uploaded again): counted by Hibernate's
 * statistics, not timed. A query per period made Hibernate flush and dirty-check everything loaded
 * before each one, so 20,000 periods took half a minute. Past the cap, a 422 names the rows and the limit.
 */
@QuarkusTest
class ActualsUploadScaleTest {

    @Inject
    EntityManagerFactory factory;

    @Test
    void queriesDoNotGrowWithThePeriodsAndStatementsGrowByOnePerPeriod() {
        Statistics statistics = factory.unwrap(SessionFactory.class).getStatistics();
        statistics.setStatisticsEnabled(true);
        long small = PlanActualsApiTest.planWithAgreedScenario();
        long large = PlanActualsApiTest.planWithAgreedScenario();

        long[] fifty = counted(statistics, small, 50);
        long[] fiveHundred = counted(statistics, large, 500);
        assertThat(fiveHundred[0]).as("queries for 500 periods equal those for 50").isEqualTo(fifty[0]);
        assertThat(fiveHundred[1] - fifty[1]).as("statements: one insert per added period").isEqualTo(450);

        long[] again = counted(statistics, large, 500);
        assertThat(again[0]).as("queries when every period is replaced").isEqualTo(fifty[0]);
        assertThat(statistics.getEntityUpdateCount()).as("every period uploaded again is updated").isGreaterThanOrEqualTo(500);
    }

    @Test
    void anUploadOverTheCapIsRefusedNamingTheRowsAndTheLimit() {
        long plan = PlanActualsApiTest.planWithAgreedScenario();
        StringBuilder csv = new StringBuilder("period,netRevenue,rebate,cogs,costToServe\n");
        for (int p = 1; p <= Actual.MAX_PER_UPLOAD + 1; p++) csv.append(p).append(",1,0,1,0\n");
        given().filter(Contract.CONFORMS).contentType("text/csv").accept(ContentType.JSON).body(csv.toString())
                .when().post("/api/v1/plans/" + plan + "/actuals")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("10001 requested; the limit is 10000"));
    }

    /** {queries, prepared statements} of one JSON upload of periods 1 … n. */
    private static long[] counted(Statistics statistics, long plan, int n) {
        StringBuilder body = new StringBuilder("{\"actuals\":[");
        for (int p = 1; p <= n; p++) {
            if (p > 1) body.append(',');
            body.append("{\"period\":").append(p).append(",\"netRevenue\":1000,\"rebate\":0,\"cogs\":600,\"costToServe\":10}");
        }
        body.append("]}");
        statistics.clear();
        PlanActualsApiTest.upload(plan, "application/json", body.toString());
        // the caller's key is looked up when the replica's cache of keys has forgotten it (parley.security.key-cache-ttl),
        // and its last use stamped once a minute: the caller's cost, on a clock, not the upload's; left out so the
        // counts are the upload's alone (an HQL query names the entity; a criteria query is recorded as its SQL)
        long keyLookups = Arrays.stream(statistics.getQueries())
                .filter(q -> q.contains("ApiKeyEntity") || q.startsWith("[CRITERIA]") && q.contains(" api_key "))
                .mapToLong(q -> statistics.getQueryStatistics(q).getExecutionCount()).sum();
        return new long[] {statistics.getQueryExecutionCount() - keyLookups, statistics.getPrepareStatementCount() - keyLookups};
    }
}
