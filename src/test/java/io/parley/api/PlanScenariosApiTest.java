package io.parley.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

/**
 * The negotiation scenarios kept with a plan, end to end, every call checked against openapi.yaml. Each
 * test works on a plan of its own (an account name no other test uses).
 */
@QuarkusTest
class PlanScenariosApiTest {

    static final String PLANS = PlansApiTest.PLANS;
    static final String RENEWAL = "packaging-retailer-renewal.json";
    static final String SPOT = "single-year-spot.json";
    static final String TRAYS = "terms.discounts[srp-trays]";
    /** The same override as a query parameter value, brackets percent-encoded as a spreadsheet must send them. */
    static final String TRAYS_AT_8 = "terms.discounts%5Bsrp-trays%5D:0.08";

    // ---------------------------------------------------------------- helpers

    static long newPlan(String label) {
        return PlansApiTest.created(PlansApiTest.plan(PlansApiTest.account(label), "Dana Reyes"));
    }

    static String scenarios(long plan) {
        return PLANS + "/" + plan + "/scenarios";
    }

    static ObjectNode example(String file) {
        return (ObjectNode) Fixtures.json(Fixtures.exampleText(file));
    }

    static ObjectNode stored(String name, Boolean agreed, JsonNode scenario) {
        ObjectNode body = Fixtures.MAPPER.createObjectNode().put("name", name);
        if (agreed != null) body.put("agreed", agreed);
        body.set("scenario", scenario);
        return body;
    }

    static Response add(Filter filter, long plan, ObjectNode body) {
        return PlansApiTest.json(filter, body).when().post(scenarios(plan));
    }

    /** Stores the scenario and answers the stored scenario. */
    static JsonNode added(long plan, String name, Boolean agreed, JsonNode scenario) {
        Response r = add(Contract.CONFORMS, plan, stored(name, agreed, scenario));
        r.then().statusCode(201).contentType(ContentType.JSON);
        JsonNode made = Fixtures.json(r.asString());
        r.then().header("Location", endsWith(scenarios(plan) + "/" + made.get("id").asLong()));
        return made;
    }

    static Response evaluate(Filter filter, String path, ObjectNode body) {
        return given().filter(filter).contentType(ContentType.JSON).accept(ContentType.JSON).body(body.toString())
                .when().post(path);
    }

    static ObjectNode set(String path, double value) {
        ObjectNode body = Fixtures.MAPPER.createObjectNode();
        body.putObject("set").put(path, value);
        return body;
    }

    /** GET of a metric as text; {@code query} is the raw query string (already encoded) or null. */
    static Response metric(Filter filter, String path, String query) {
        return given().filter(filter).urlEncodingEnabled(false).accept(ContentType.TEXT)
                .when().get(query == null ? path : path + "?" + query);
    }

    static String metricText(String path, String query) {
        Response r = metric(Contract.CONFORMS, path, query);
        r.then().statusCode(200).contentType(startsWith("text/plain"))
                .header("Parley-Model-Version", "v1").header("Parley-Scenario-Hash", startsWith("sha256:"));
        return r.asString();
    }

    static List<Boolean> agreedMarks(long plan) {
        List<Boolean> out = new ArrayList<>();
        PlansApiTest.ok(scenarios(plan)).get("scenarios").forEach(s -> out.add(s.get("agreed").asBoolean()));
        return out;
    }

    // ---------------------------------------------------------------- store, list, read

    @Test
    void aStoredScenarioHashesAsEvaluateDoesAndReadsBack() {
        long plan = newPlan("ScenarioStore");
        ObjectNode scenario = example(RENEWAL);
        JsonNode made = added(plan, "Proposal B", null, scenario);
        assertThat(made.get("planId").asLong()).isEqualTo(plan);
        assertThat(made.get("name").asText()).isEqualTo("Proposal B");
        assertThat(made.get("agreed").asBoolean()).isFalse();

        Response evaluated = Api.post("/api/v1/evaluate", "application/json", scenario);
        evaluated.then().statusCode(200);
        assertThat(made.get("scenarioHash").asText()).isEqualTo(evaluated.header("Parley-Scenario-Hash"));

        // the stored (normalised) scenario evaluates to the same hash too
        Response again = Api.post("/api/v1/evaluate", "application/json", (ObjectNode) made.get("scenario"));
        assertThat(again.header("Parley-Scenario-Hash")).isEqualTo(made.get("scenarioHash").asText());

        long sid = made.get("id").asLong();
        assertThat(PlansApiTest.ok(scenarios(plan) + "/" + sid)).isEqualTo(made);
        JsonNode list = PlansApiTest.ok(scenarios(plan));
        assertThat(list.get("planId").asLong()).isEqualTo(plan);
        assertThat(list.get("scenarios")).hasSize(1);
        ObjectNode head = ((ObjectNode) made.deepCopy()).without("scenario");
        assertThat(list.get("scenarios").get(0)).isEqualTo(head);
    }

    @Test
    void agreeingMovesTheOnlyAgreedMark() {
        long plan = newPlan("ScenarioAgree");
        JsonNode a = added(plan, "A", true, example(RENEWAL));
        JsonNode b = added(plan, "B", null, example(SPOT));
        JsonNode c = added(plan, "C", false, example(RENEWAL));
        assertThat(a.get("agreed").asBoolean()).isTrue();
        assertThat(agreedMarks(plan)).containsExactly(true, false, false);

        Response r = given().filter(Contract.CONFORMS).accept(ContentType.JSON)
                .when().post(scenarios(plan) + "/" + b.get("id").asLong() + "/agree");
        r.then().statusCode(200).contentType(ContentType.JSON);
        assertThat(Fixtures.json(r.asString()).get("agreed").asBoolean()).isTrue();
        assertThat(agreedMarks(plan)).containsExactly(false, true, false);

        // storing one as agreed takes the mark too
        added(plan, "D", true, example(SPOT));
        assertThat(agreedMarks(plan)).containsExactly(false, false, false, true);

        given().filter(Contract.CONFORMS).accept(ContentType.JSON)
                .when().post(scenarios(plan) + "/" + c.get("id").asLong() + "/agree").then().statusCode(200);
        given().filter(Contract.CONFORMS).accept(ContentType.JSON)
                .when().post(scenarios(plan) + "/" + c.get("id").asLong() + "/agree").then().statusCode(200);
        assertThat(agreedMarks(plan)).containsExactly(false, false, true, false);
    }

    // ---------------------------------------------------------------- evaluate

    @Test
    void evaluatingWithSetEqualsEvaluatingTheChangedScenarioAndTheCompareVariant() {
        long plan = newPlan("ScenarioEvaluate");
        ObjectNode scenario = example(RENEWAL);
        String path = scenarios(plan) + "/" + added(plan, "Proposal B", null, scenario).get("id").asLong();

        JsonNode plain = Api.ok(path + "/evaluate", Fixtures.MAPPER.createObjectNode());
        assertThat(plain).isEqualTo(Api.ok("/api/v1/evaluate", scenario));

        JsonNode changedHere = Api.ok(path + "/evaluate", set(TRAYS, 0.08));
        ObjectNode changed = scenario.deepCopy();
        ((ObjectNode) changed.get("terms").get("discounts")).put("srp-trays", 0.08);
        assertThat(changedHere).isEqualTo(Api.ok("/api/v1/evaluate", changed));
        assertThat(changedHere.get("summary").get("npv").asDouble())
                .isNotEqualTo(plain.get("summary").get("npv").asDouble());

        ObjectNode compare = Fixtures.MAPPER.createObjectNode();
        compare.set("baseline", scenario);
        ObjectNode variant = compare.putArray("variants").addObject().put("name", "trays at 8%");
        variant.putObject("set").put(TRAYS, 0.08);
        Response r = Api.post("/api/v1/compare", "application/json", compare);
        r.then().statusCode(200);
        JsonNode compared = Fixtures.json(r.asString()).get("variants").get(0);
        assertThat(changedHere.get("summary")).isEqualTo(compared.get("summary"));
        assertThat(changedHere.get("provenance").get("scenarioHash")).isEqualTo(compared.get("scenarioHash"));

        // with detail=periods, as evaluate answers it
        Response periods = given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .queryParam("detail", "periods").body(set(TRAYS, 0.08).toString()).when().post(path + "/evaluate");
        periods.then().statusCode(200);
        Response periodsThere = given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .queryParam("detail", "periods").body(changed.toString()).when().post("/api/v1/evaluate");
        assertThat(Fixtures.json(periods.asString())).isEqualTo(Fixtures.json(periodsThere.asString()));
        assertThat(Fixtures.json(periods.asString()).get("periods")).isNotEmpty();
    }

    // ---------------------------------------------------------------- metric as text

    @Test
    void theTextMetricIsTheJsonFigureWithAndWithoutSet() {
        long plan = newPlan("ScenarioMetric");
        ObjectNode scenario = example(RENEWAL);
        String path = scenarios(plan) + "/" + added(plan, "Proposal B", null, scenario).get("id").asLong();

        JsonNode plain = Api.ok(path + "/evaluate", Fixtures.MAPPER.createObjectNode());
        String npv = metricText(path + "/metrics/npv", null);
        assertThat(Double.parseDouble(npv)).isEqualTo(plain.get("summary").get("npv").asDouble());
        assertThat(npv).doesNotContain("E").doesNotContain(",");

        JsonNode changed = Api.ok(path + "/evaluate", set(TRAYS, 0.08));
        Response r = metric(Contract.CONFORMS, path + "/metrics/npv", "set=" + TRAYS_AT_8);
        r.then().statusCode(200).header("Parley-Scenario-Hash", changed.get("provenance").get("scenarioHash").asText());
        assertThat(Double.parseDouble(r.asString())).isEqualTo(changed.get("summary").get("npv").asDouble());

        // two overrides at once
        ObjectNode two = set(TRAYS, 0.08);
        ((ObjectNode) two.get("set")).put("terms.paymentDays", 45);
        JsonNode both = Api.ok(path + "/evaluate", two);
        String text = metricText(path + "/metrics/npv", "set=" + TRAYS_AT_8 + "&set=terms.paymentDays:45");
        assertThat(Double.parseDouble(text)).isEqualTo(both.get("summary").get("npv").asDouble());

        String payback = metricText(path + "/metrics/paybackPeriod", null);
        assertThat(payback).matches("[0-9]+");
        assertThat(Long.parseLong(payback)).isEqualTo(plain.get("summary").get("paybackPeriod").asLong());
    }

    @Test
    void aNullMetricIsAnEmptyBody() {
        long plan = newPlan("ScenarioNullMetric");
        ObjectNode scenario = example(SPOT);
        String path = scenarios(plan) + "/" + added(plan, "Spot", null, scenario).get("id").asLong();
        assertThat(Api.ok("/api/v1/evaluate", scenario).get("summary").get("revenueCagr").isNull()).isTrue();
        // Not through the contract filter: OpenAPI 3.0 cannot mark a response body optional, and the
        // validator reports any empty body of a response with content as missing. Checked here instead.
        Response r = given().urlEncodingEnabled(false).accept(ContentType.TEXT).when().get(path + "/metrics/revenueCagr");
        r.then().statusCode(200).contentType(startsWith("text/plain"))
                .header("Parley-Model-Version", "v1").header("Parley-Scenario-Hash", startsWith("sha256:"));
        assertThat(r.asString()).isEmpty();
    }

    // ---------------------------------------------------------------- stored under earlier rules

    @Inject
    AgroalDataSource database;

    /**
     * Overwrites a stored scenario's document in the database, as if it had been stored under
     * rules the model has tightened since: no endpoint stores a document that breaks them.
     */
    void storedUnderEarlierRules(long scenarioId, JsonNode document) throws SQLException {
        try (Connection c = database.getConnection();
             PreparedStatement update = c.prepareStatement("UPDATE plan_scenario SET document = ? WHERE id = ?")) {
            update.setString(1, document.toString());
            update.setLong(2, scenarioId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    static List<String> pointers(JsonNode errors) {
        List<String> out = new ArrayList<>();
        errors.forEach(e -> out.add(e.get("pointer").asText()));
        return out;
    }

    @Test
    void aStoredScenarioThatNoLongerValidatesIsListedAsInvalidAnd409WhereverItIsUsed() throws SQLException {
        long plan = PlansApiTest.created(PlansApiTest.plan(PlansApiTest.account("ScenarioOutdated"), "Dana Reyes")
                .put("agreementStart", "2026-01-01"));
        JsonNode fine = added(plan, "Still fine", null, example(SPOT));
        JsonNode outdated = added(plan, "Stored under earlier rules", true, example(RENEWAL));
        long sid = outdated.get("id").asLong();
        ObjectNode document = outdated.get("scenario").deepCopy();
        document.put("currency", "EURO");
        ((ObjectNode) document.get("products").get(0)).put("listPrice", -1);
        storedUnderEarlierRules(sid, document);
        List<String> broken = List.of("/scenario/currency", "/scenario/products/0/listPrice");

        // the list still answers, and marks it
        JsonNode list = PlansApiTest.ok(scenarios(plan)).get("scenarios");
        assertThat(list).hasSize(2);
        assertThat(list.get(0)).isEqualTo(((ObjectNode) fine.deepCopy()).without("scenario"));
        assertThat(list.get(0).get("valid").asBoolean()).isTrue();
        JsonNode marked = list.get(1);
        assertThat(marked.get("id").asLong()).isEqualTo(sid);
        assertThat(marked.get("valid").asBoolean()).isFalse();
        assertThat(marked.has("scenarioHash")).isFalse();
        assertThat(pointers(marked.get("violations"))).containsExactlyElementsOf(broken);
        assertThat(marked.get("violations").get(0).get("value").asText()).isEqualTo("EURO");

        // using it is a 409 that names every rule it breaks, the same way the list does
        String path = scenarios(plan) + "/" + sid;
        String type = "urn:parley:problem:stored-scenario-invalid";
        List<Response> uses = List.of(PlansApiTest.get(path),
                evaluate(Contract.CONFORMS, path + "/evaluate", Fixtures.MAPPER.createObjectNode()),
                metric(Contract.CONFORMS, path + "/metrics/npv", null),
                PlansApiTest.get(PLANS + "/" + plan + "/variance"));
        for (Response r : uses) {
            JsonNode p = PlansApiTest.problem(r, 409, type);
            assertThat(p.get("errors")).isEqualTo(marked.get("violations"));
            assertThat(p.get("detail").asText()).contains("scenario " + sid + " of plan " + plan)
                    .contains("no longer satisfies the model").contains("/scenario/currency");
        }

        // the overview still answers; only the targets to date wait for a valid agreed scenario
        JsonNode overview = PlansApiTest.ok(PLANS + "/" + plan + "/overview?asOf=2026-07-01");
        assertThat(overview.get("targetsToDate").get("years")).isEmpty();
        assertThat(overview.get("targetsToDate").get("note").asText()).isEqualTo(TargetsJson.AGREED_INVALID);

        // it cannot become the agreed one again, and agreeing it changes no mark
        PlansApiTest.ok(scenarios(plan) + "/" + fine.get("id").asLong()); // still readable whole
        given().filter(Contract.CONFORMS).accept(ContentType.JSON)
                .when().post(scenarios(plan) + "/" + fine.get("id").asLong() + "/agree").then().statusCode(200);
        PlansApiTest.problem(given().filter(Contract.CONFORMS).accept(ContentType.JSON).when().post(path + "/agree"),
                409, type);
        assertThat(agreedMarks(plan)).containsExactly(true, false);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void unknownPlansScenariosAndMetricsAre404() {
        long plan = newPlan("Scenario404");
        long sid = added(plan, "Proposal B", null, example(RENEWAL)).get("id").asLong();
        long other = newPlan("Scenario404-other");
        String none = "urn:parley:problem:not-found";

        PlansApiTest.problem(PlansApiTest.get(PLANS + "/999999999/scenarios"), 404, none);
        PlansApiTest.problem(add(Contract.CONFORMS, 999_999_999, stored("x", null, example(RENEWAL))), 404, none);
        PlansApiTest.problem(PlansApiTest.get(scenarios(plan) + "/999999999"), 404, none);
        // a scenario of another plan is not found under this one
        PlansApiTest.problem(PlansApiTest.get(scenarios(other) + "/" + sid), 404, none);
        PlansApiTest.problem(given().filter(Contract.CONFORMS).accept(ContentType.JSON)
                .when().post(scenarios(plan) + "/999999999/agree"), 404, none);
        PlansApiTest.problem(evaluate(Contract.CONFORMS, scenarios(plan) + "/999999999/evaluate",
                Fixtures.MAPPER.createObjectNode()), 404, none);
        PlansApiTest.problem(metric(Contract.CONFORMS, scenarios(plan) + "/999999999/metrics/npv", null), 404, none);
        PlansApiTest.problem(metric(Contract.RESPONSE_CONFORMS, scenarios(plan) + "/" + sid + "/metrics/nvp", null),
                404, none);
    }

    @Test
    void aScenarioIdThatIsNotAWholeNumberFromOneIs400OnEveryScenarioPath() {
        long plan = newPlan("ScenarioBadId");
        String rule = "a scenario id is a whole number ≥ 1";
        for (String bad : PlansApiTest.MALFORMED_IDS) {
            String path = scenarios(plan) + "/" + bad;
            PlansApiTest.badPathParameter(PlansApiTest.getAnyway(path), "sid", bad, rule);
            PlansApiTest.badPathParameter(given().filter(Contract.RESPONSE_CONFORMS).accept(ContentType.JSON)
                    .when().post(path + "/agree"), "sid", bad, rule);
            PlansApiTest.badPathParameter(evaluate(Contract.RESPONSE_CONFORMS, path + "/evaluate",
                    Fixtures.MAPPER.createObjectNode()), "sid", bad, rule);
            PlansApiTest.badPathParameter(given().filter(Contract.RESPONSE_CONFORMS).accept(ContentType.TEXT)
                    .when().get(path + "/metrics/npv"), "sid", bad, rule);
        }
        // the plan id is read first
        PlansApiTest.badPathParameter(PlansApiTest.getAnyway(PLANS + "/12x/scenarios/zz"), "id", "12x",
                "a plan id is a whole number ≥ 1");
        PlansApiTest.badPathParameter(add(Contract.RESPONSE_CONFORMS, 0, stored("x", null, example(RENEWAL))),
                "id", "0", "a plan id is a whole number ≥ 1");
    }

    @Test
    void anInvalidScenarioIs422UnderScenarioAndStoresNothing() {
        long plan = newPlan("Scenario422");
        ObjectNode bad = example(RENEWAL);
        bad.put("currency", "EURO");
        JsonNode p = PlansApiTest.problem(add(Contract.RESPONSE_CONFORMS, plan, stored("Bad", null, bad)),
                422, "urn:parley:problem:validation");
        assertThat(p.get("errors")).hasSize(1);
        assertThat(p.get("errors").get(0).get("pointer").asText()).isEqualTo("/scenario/currency");

        ObjectNode missing = Fixtures.MAPPER.createObjectNode().put("name", "No scenario");
        JsonNode q = PlansApiTest.problem(add(Contract.RESPONSE_CONFORMS, plan, missing), 422, "urn:parley:problem:validation");
        assertThat(q.get("errors").get(0).get("pointer").asText()).isEqualTo("/scenario");

        assertThat(PlansApiTest.ok(scenarios(plan)).get("scenarios")).isEmpty();
    }

    @Test
    void anUnknownLeverPathIs422OnBothEndpoints() {
        long plan = newPlan("ScenarioLever");
        String path = scenarios(plan) + "/" + added(plan, "Proposal B", null, example(RENEWAL)).get("id").asLong();

        JsonNode p = PlansApiTest.problem(evaluate(Contract.CONFORMS, path + "/evaluate", set("terms.discounts[srp-tray]", 0.08)),
                422, "urn:parley:problem:validation");
        assertThat(p.get("errors")).hasSize(1);
        assertThat(p.get("errors").get(0).get("pointer").asText()).isEqualTo("/set/terms.discounts[srp-tray]");

        JsonNode q = PlansApiTest.problem(metric(Contract.CONFORMS, path + "/metrics/npv",
                "set=terms.discounts%5Bsrp-tray%5D:0.08"), 422, "urn:parley:problem:validation");
        assertThat(q.get("errors")).hasSize(1);
        assertThat(q.get("errors").get(0).get("pointer").asText()).isEqualTo("?set/terms.discounts[srp-tray]");
    }

    @Test
    void aMalformedSetParameterIs400() {
        long plan = newPlan("ScenarioBadSet");
        String path = scenarios(plan) + "/" + added(plan, "Proposal B", null, example(RENEWAL)).get("id").asLong();
        for (String query : List.of("set=terms.paymentDays", "set=terms.paymentDays:soon", "set=:45")) {
            JsonNode p = PlansApiTest.problem(metric(Contract.RESPONSE_CONFORMS, path + "/metrics/npv", query),
                    400, "urn:parley:problem:bad-request");
            assertThat(p.get("errors").get(0).get("pointer").asText()).as(query).isEqualTo("?set");
        }
    }
}
