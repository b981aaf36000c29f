package io.parley.api;

import java.util.Iterator;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The optimiser end to end, every call checked against openapi.yaml. Each answer is checked against
 * facts established independently of the optimiser: the deal it reports is what {@code evaluate}
 * says of the scenario with the chosen terms written into its JSON, the conditions hold there, a
 * shadow price predicts what a re-optimisation with a moved bound gives, and every point of the
 * frontier is what a single optimisation at its level gives.
 */
@QuarkusTest
class OptimizeApiTest {

    static final String FILE = "it-services-msa.json";
    static final String PROBLEM = "application/problem+json";
    static final String DEMAND = "what procurement demands";

    /** Where each decision of these tests lives in the scenario's JSON, found without the lever-path code. */
    static final Map<String, String> POINTERS = Map.of(
            "terms.discounts[app-support]", "/terms/discounts/app-support",
            "terms.discounts[cloud-ops]", "/terms/discounts/cloud-ops",
            "terms.paymentDays", "/terms/paymentDays");

    // ---------------------------------------------------------------- helpers

    static ObjectNode scenario(String file) {
        return (ObjectNode) Fixtures.json(Fixtures.exampleText(file));
    }

    /**
     * The README's request: both discounts 0–15 %, payment days from a menu, the 24×7 service desk in
     * or out; the highest NPV with the customer's NPV at 1.5 M or more and a 10 % contribution margin
     * in every contract year.
     */
    static ObjectNode readmeRequest() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", scenario(FILE));
        ArrayNode decisions = request.putArray("decisions");
        decisions.addObject().put("path", "terms.discounts[app-support]").put("min", 0).put("max", 0.15);
        decisions.addObject().put("path", "terms.discounts[cloud-ops]").put("min", 0).put("max", 0.15);
        decisions.addObject().put("path", "terms.paymentDays").putArray("values").add(30).add(45).add(60).add(90);
        decisions.addObject().put("include", "terms.services[service-desk-24x7]");
        ArrayNode constraints = request.putArray("constraints");
        constraints.addObject().put("name", DEMAND).put("metric", "customerNpv").put("min", 1_500_000);
        constraints.addObject().put("metric", "minYearContributionMarginPct").put("min", 0.10);
        return request;
    }

    static Response post(String path, String accept, ObjectNode body) {
        return Api.post(path, accept, body);
    }

    static JsonNode answer(String path, ObjectNode body) {
        return Api.ok(path, body);
    }

    static JsonNode optimize(ObjectNode body) {
        return answer("/api/v1/optimize", body);
    }

    /** Only the response is checked: these requests break the contract on purpose. */
    static ValidatableResponse reject(String path, ObjectNode body) {
        return given().filter(Contract.RESPONSE_CONFORMS)
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(body.toString())
                .when().post(path).then();
    }

    /** The whole result of POST /api/v1/evaluate for {@code scenario}. */
    static JsonNode evaluate(JsonNode scenario) {
        return Fixtures.json(given().filter(Contract.CONFORMS)
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(scenario.toString())
                .when().post("/api/v1/evaluate")
                .then().statusCode(200).extract().asString());
    }

    /** The scenario with the answer's terms written into its JSON: values at their pointers, a service left out removed. */
    static ObjectNode withTerms(ObjectNode scenario, JsonNode decisions) {
        ObjectNode copy = scenario.deepCopy();
        for (JsonNode d : decisions) {
            String name = d.get("name").asText();
            if (d.has("included")) {
                assertThat(name).startsWith("terms.services[");
                String id = name.substring("terms.services[".length(), name.length() - 1);
                if (!d.get("included").booleanValue()) {
                    ArrayNode services = (ArrayNode) copy.get("terms").get("services");
                    for (Iterator<JsonNode> it = services.elements(); it.hasNext(); ) {
                        if (it.next().get("id").asText().equals(id)) it.remove();
                    }
                }
                continue;
            }
            String pointer = POINTERS.get(name);
            assertThat(pointer).as("a pointer for " + name).isNotNull();
            com.fasterxml.jackson.core.JsonPointer p = com.fasterxml.jackson.core.JsonPointer.compile(pointer);
            ((ObjectNode) copy.at(p.head())).put(p.last().getMatchingProperty(), d.get("value").doubleValue());
        }
        return copy;
    }

    static void assertSame(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(Math.abs(expected) * 1e-12 + 1e-9));
    }

    static void assertClose(double actual, double expected, double relative, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(Math.abs(expected) * relative + 1e-9));
    }

    /** {@code value} ≥ {@code floor}, to the optimiser's relative tolerance of 1e-8. */
    static void assertAtLeast(double value, double floor, String what) {
        assertThat(value).as(what).isGreaterThanOrEqualTo(floor - 1e-8 * Math.max(1, Math.abs(floor)));
    }

    static void assertSameSummary(JsonNode actual, JsonNode expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        expected.fields().forEachRemaining(e -> {
            JsonNode a = actual.get(e.getKey());
            assertThat(a).as(e.getKey()).isNotNull();
            if (e.getValue().isNull()) assertThat(a.isNull()).as(e.getKey() + " null").isTrue();
            else assertSame(a.doubleValue(), e.getValue().doubleValue(), "summary." + e.getKey());
        });
    }

    static JsonNode named(JsonNode list, String field, String name) {
        for (JsonNode o : list) if (o.get(field).asText().equals(name)) return o;
        throw new AssertionError("no entry " + field + " = " + name + " in " + list);
    }

    // ---------------------------------------------------------------- optimisation

    @Test
    void theOptimumIsWhatEvaluateSaysOfTheScenarioWithTheChosenTerms() {
        ObjectNode request = readmeRequest();
        JsonNode result = optimize(request);

        assertThat(result.get("status").asText()).isEqualTo("optimal");
        assertThat(result.get("solver").get("backend").asText()).as("menus: a MIP, CBC by default").isEqualTo("CBC");
        assertThat(result.get("solver").get("mixedInteger").booleanValue()).isTrue();
        assertThat(result.get("solver").get("gap").doubleValue()).isZero();
        assertThat(result.has("relaxation")).as("only when infeasible").isFalse();
        JsonNode decisions = result.get("decisions");
        assertThat(decisions).hasSize(4);
        assertThat(decisions.get(0).get("name").asText()).as("request order").isEqualTo("terms.discounts[app-support]");
        assertThat(decisions.get(3).has("included")).as("an include answers included, not a value").isTrue();
        assertThat(decisions.get(3).has("value")).isFalse();

        ObjectNode scenario = (ObjectNode) request.get("scenario");
        JsonNode evaluated = evaluate(withTerms(scenario, decisions));
        JsonNode summary = evaluated.get("summary");
        assertSameSummary(result.get("summary"), summary);
        double npv = summary.get("npv").doubleValue();
        assertSame(result.get("objective").get("engine").doubleValue(), npv, "objective.engine is the evaluated npv");
        assertClose(result.get("objective").get("model").doubleValue(), npv, 1e-8, "the model agrees with the engine");

        // every condition met, read from evaluate's own figures
        assertAtLeast(summary.get("customerNpv").doubleValue(), 1_500_000, "customerNpv");
        for (JsonNode year : evaluated.get("years")) {
            assertAtLeast(year.get("contributionMarginPct").doubleValue(), 0.10, "margin in year " + year.get("year"));
        }
        JsonNode rules = result.get("constraints");
        assertThat(rules).as("the demand, and the margin floor once per contract year").hasSize(4);
        for (JsonNode rule : rules) assertThat(rule.get("met").booleanValue()).as(rule.get("name").asText()).isTrue();
        JsonNode demand = named(rules, "name", DEMAND);
        assertSame(demand.get("engine").doubleValue(), summary.get("customerNpv").doubleValue(), "the demand's engine figure");
        assertThat(demand.get("max").isNull()).as("no ceiling: null").isTrue();
        // a margin floor is solved as a linear rule on money, and its name says so
        assertThat(rules.get(1).get("name").asText()).isEqualTo("minYearContributionMarginPct ≥ 0.1 (year 1)"
                + " [as contribution in year 1 − 0.1 × (netRevenue in year 1 − rebate in year 1) ≥ 0]");
        // ... but reads in the user's units: the floor asked and each year's margin, as /evaluate has it
        for (int y = 1; y <= 3; y++) {
            JsonNode rule = rules.get(y);
            assertThat(rule.get("unit").asText()).isEqualTo("ratio");
            assertThat(rule.get("min").doubleValue()).as("the floor as asked").isEqualTo(0.1);
            double margin = evaluated.get("years").get(y - 1).get("contributionMarginPct").doubleValue();
            assertClose(rule.get("engine").doubleValue(), margin, 1e-12, "year " + y + "'s margin");
        }
        assertThat(demand.get("unit").asText()).isEqualTo("currency");

        // the limits report: payment days pushed to their highest allowed option, the rest held
        JsonNode days = named(result.get("limits"), "decision", "terms.paymentDays");
        double highest = days.get("highest").doubleValue();
        ObjectNode atHighest = withTerms(scenario, decisions);
        ((ObjectNode) atHighest.get("terms")).put("paymentDays", highest);
        assertSame(days.get("objectiveAtHighest").doubleValue(), evaluate(atHighest).get("summary").get("npv").doubleValue(),
                "npv at the highest payment days");
    }

    @Test
    void aShadowPriceIsWhatTheObjectiveDoesWhenItsBoundMoves() {
        JsonNode base = optimize(readmeRequest());
        JsonNode price = named(base.get("sensitivity").get("constraints"), "name", DEMAND);
        double shadowPrice = price.get("shadowPrice").doubleValue();
        assertThat(shadowPrice).as("the demand binds and costs NPV").isNegative();
        assertThat(price.get("bound").doubleValue()).isEqualTo(1_500_000);
        double step = 10_000;
        assertThat(price.get("allowableIncrease").doubleValue()).as("the step stays in the range").isGreaterThan(step);

        ObjectNode request = readmeRequest();
        ((ObjectNode) request.get("constraints").get(0)).put("min", 1_500_000 + step);
        JsonNode moved = optimize(request);
        double change = moved.get("objective").get("engine").doubleValue() - base.get("objective").get("engine").doubleValue();
        assertClose(change, shadowPrice * step, 1e-6, "objective change = shadow price × bound change");

        JsonNode floor = base.get("sensitivity").get("constraints").get(1);
        assertThat(floor.get("shadowPrice").doubleValue()).as("a margin floor with headroom costs nothing").isZero();
        assertThat(floor.get("allowableDecrease").isNull()).as("unlimited: null").isTrue();
        assertThat(base.get("sensitivity").get("fixedMenus").booleanValue()).isTrue();
        assertThat(base.get("sensitivity").get("decisions")).as("continuous decisions only").hasSize(2);
    }

    @Test
    void aLinearProgrammeIsSolvedWithGlopAndMeetsItsRules() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", scenario(FILE));
        ArrayNode decisions = request.putArray("decisions");
        decisions.addObject().put("path", "terms.discounts[app-support]").put("min", 0).put("max", 0.15);
        decisions.addObject().put("path", "terms.discounts[cloud-ops]").put("min", 0).put("max", 0.15);
        request.putObject("objective").put("minimize", "concessionCost");
        ArrayNode constraints = request.putArray("constraints");
        constraints.addObject().put("metric", "customerNpv").put("min", 1_000_000);
        constraints.addObject().put("line", "contribution").put("year", 3).put("min", 600_000);
        constraints.addObject().put("max", 0).putObject("decisions")
                .put("terms.discounts[cloud-ops]", 1).put("terms.discounts[app-support]", -1);
        JsonNode result = optimize(request);

        assertThat(result.get("status").asText()).isEqualTo("optimal");
        assertThat(result.get("solver").get("backend").asText()).isEqualTo("GLOP");
        assertThat(result.get("solver").get("mixedInteger").booleanValue()).isFalse();
        assertThat(result.get("sensitivity").get("fixedMenus").booleanValue()).isFalse();
        JsonNode evaluated = evaluate(withTerms((ObjectNode) request.get("scenario"), result.get("decisions")));
        assertSameSummary(result.get("summary"), evaluated.get("summary"));
        assertSame(result.get("objective").get("engine").doubleValue(),
                evaluated.get("summary").get("concessionCost").doubleValue(), "the objective is the concession cost");
        assertAtLeast(evaluated.get("summary").get("customerNpv").doubleValue(), 1_000_000, "customerNpv");
        assertAtLeast(evaluated.get("years").get(2).get("contribution").doubleValue(), 600_000, "contribution in year 3");
        double app = result.get("decisions").get(0).get("value").doubleValue();
        double cloud = result.get("decisions").get(1).get("value").doubleValue();
        assertThat(cloud).as("cloud-ops no deeper than app-support").isLessThanOrEqualTo(app + 1e-9);
        JsonNode names = result.get("constraints");
        assertThat(names.get(0).get("name").asText()).as("default names write the rule out").isEqualTo("customerNpv ≥ 1000000");
        assertThat(names.get(1).get("name").asText()).isEqualTo("contribution in year 3 ≥ 600000");
        for (JsonNode rule : names) assertThat(rule.get("met").booleanValue()).isTrue();
    }

    @Test
    void anImpossibleDemandIsInfeasibleAndTheRelaxationNamesIt() {
        ObjectNode request = readmeRequest();
        ((ObjectNode) request.get("constraints").get(0)).put("min", 2_500_000);
        JsonNode result = optimize(request);

        assertThat(result.get("status").asText()).isEqualTo("infeasible");
        for (String absent : new String[] {"objective", "decisions", "summary", "constraints", "sensitivity", "limits"}) {
            assertThat(result.has(absent)).as(absent + " is absent when infeasible").isFalse();
        }
        assertThat(result.get("solver").get("bestBound").isNull()).isTrue();
        assertThat(result.get("solver").get("gap").isNull()).isTrue();
        JsonNode relaxation = result.get("relaxation");
        assertThat(relaxation).as("only the demand has to give").hasSize(1);
        JsonNode r = relaxation.get(0);
        assertThat(r.get("constraint").asText()).isEqualTo(DEMAND);
        assertThat(r.get("bound").doubleValue()).isEqualTo(2_500_000);
        assertClose(r.get("by").doubleValue(), 2_500_000 - r.get("relaxedBound").doubleValue(), 1e-12, "by");

        // independently: the relaxed demand is the most customer NPV the margin floor allows
        ObjectNode most = readmeRequest();
        ((ArrayNode) most.get("constraints")).remove(0);
        most.putObject("objective").put("maximize", "customerNpv");
        JsonNode best = optimize(most);
        assertClose(r.get("relaxedBound").doubleValue(), best.get("objective").get("engine").doubleValue(), 1e-6,
                "the relaxed bound is the customer's best");
    }

    @Test
    void theMpsExportIsTheSolversModelAsText() {
        Response r = given().filter(Contract.CONFORMS)
                .contentType(ContentType.JSON).accept("text/plain").body(readmeRequest().toString())
                .when().post("/api/v1/optimize?format=mps");
        r.then().statusCode(200).contentType(startsWith("text/plain"))
                .header("Parley-Model-Version", "v1")
                .header("Parley-Scenario-Hash", startsWith("sha256:"));
        String mps = r.asString();
        assertThat(mps).startsWith("* Parley deal model; a maximisation, written as the minimisation of the negated objective\n");
        assertThat(mps).contains("\nNAME PARLEY FREE\n", "\nROWS\n N  COST\n", "\nCOLUMNS\n", "\nRHS\n", "\nBOUNDS\n",
                "'INTORG'", "'INTEND'", " G  c0\n", " G  c3\n");
        assertThat(mps).endsWith("\nENDATA\n");
        assertThat(mps.indexOf("\nROWS\n")).isLessThan(mps.indexOf("\nCOLUMNS\n"));
        assertThat(mps.indexOf("\nCOLUMNS\n")).isLessThan(mps.indexOf("\nENDATA\n"));

        ObjectNode minimise = readmeRequest();
        minimise.putObject("objective").put("minimize", "concessionCost");
        String text = given().filter(Contract.CONFORMS)
                .contentType(ContentType.JSON).accept("text/plain").body(minimise.toString())
                .when().post("/api/v1/optimize?format=mps").then().statusCode(200).extract().asString();
        assertThat(text).startsWith("* Parley deal model; a minimisation\n").contains("\nROWS\n", "\nCOLUMNS\n").endsWith("ENDATA\n");
    }

    // ---------------------------------------------------------------- frontier

    static ObjectNode frontierRequest() {
        ObjectNode request = readmeRequest();
        ((ArrayNode) request.get("constraints")).remove(0);
        request.put("points", 5).put("walkAway", 1_000_000).put("demand", 1_400_000);
        return request;
    }

    @Test
    void eachFrontierPointIsTheOptimumAtItsLevelAndTheZoneMeetsBothPositions() {
        ObjectNode request = frontierRequest();
        JsonNode frontier = answer("/api/v1/optimize/frontier", request);

        assertThat(frontier.get("supplier").asText()).isEqualTo("npv");
        assertThat(frontier.get("customer").asText()).isEqualTo("customerNpv");
        JsonNode points = frontier.get("points");
        assertThat(points).hasSize(5);
        assertThat(points.get(0).get("level").doubleValue()).isEqualTo(frontier.get("customerLow").doubleValue());
        assertThat(points.get(4).get("level").doubleValue()).isEqualTo(frontier.get("customerHigh").doubleValue());
        double previousSupplier = Double.POSITIVE_INFINITY;
        double previousLevel = Double.NEGATIVE_INFINITY;
        for (JsonNode point : points) {
            double level = point.get("level").doubleValue();
            assertThat(point.get("status").asText()).isEqualTo("optimal");
            assertThat(level).as("levels rise").isGreaterThan(previousLevel);
            assertAtLeast(point.get("customer").doubleValue(), level, "the customer gets the level");
            double supplier = point.get("supplier").doubleValue();
            assertThat(supplier).as("more for the customer, less for us").isLessThanOrEqualTo(previousSupplier + 1e-6);
            previousLevel = level;
            previousSupplier = supplier;

            ObjectNode single = readmeRequest();
            ArrayNode constraints = (ArrayNode) single.get("constraints");
            constraints.remove(0);
            constraints.addObject().put("metric", "customerNpv").put("min", level);
            JsonNode optimum = optimize(single);
            assertThat(optimum.get("status").asText()).isEqualTo("optimal");
            assertClose(supplier, optimum.get("objective").get("engine").doubleValue(), 1e-6,
                    "the point at " + level + " is the single optimisation at that level");
        }

        JsonNode zone = frontier.get("zone");
        assertThat(zone.get("exists").booleanValue()).isTrue();
        assertThat(zone.get("walkAway").doubleValue()).isEqualTo(1_000_000);
        assertThat(zone.get("demand").doubleValue()).isEqualTo(1_400_000);
        for (String end : new String[] {"bestForSupplier", "bestForCustomer"}) {
            JsonNode deal = zone.get(end);
            assertThat(deal.get("status").asText()).isEqualTo("optimal");
            assertAtLeast(deal.get("supplier").doubleValue(), 1_000_000, end + " meets the walk-away");
            assertAtLeast(deal.get("customer").doubleValue(), 1_400_000, end + " meets the demand");
            JsonNode evaluated = evaluate(withTerms((ObjectNode) request.get("scenario"), deal.get("decisions"))).get("summary");
            assertSame(deal.get("supplier").doubleValue(), evaluated.get("npv").doubleValue(), end + " npv");
            assertSame(deal.get("customer").doubleValue(), evaluated.get("customerNpv").doubleValue(), end + " customerNpv");
        }
        assertThat(zone.get("bestForSupplier").get("supplier").doubleValue())
                .isGreaterThanOrEqualTo(zone.get("bestForCustomer").get("supplier").doubleValue());
        assertThat(zone.get("bestForCustomer").get("customer").doubleValue())
                .isGreaterThanOrEqualTo(zone.get("bestForSupplier").get("customer").doubleValue());
    }

    @Test
    void positionsThatDoNotMeetHaveNoZoneAndNoDealsInIt() {
        ObjectNode request = frontierRequest();
        request.put("points", 2).put("walkAway", 2_000_000).put("demand", 1_500_000);
        JsonNode zone = answer("/api/v1/optimize/frontier", request).get("zone");
        assertThat(zone.get("exists").booleanValue()).isFalse();
        assertThat(zone.get("bestForSupplier").get("status").asText()).isEqualTo("infeasible");
        assertThat(zone.get("bestForSupplier").has("decisions")).isFalse();
        assertThat(zone.get("bestForCustomer").get("status").asText()).isEqualTo("infeasible");

        request.remove("walkAway");
        request.remove("demand");
        assertThat(answer("/api/v1/optimize/frontier", request).has("zone")).as("no positions, no zone").isFalse();
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void aDecisionTheFiguresAreNotLinearInIsRefusedByNameAndAMenuOfItIsSolved() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", scenario("packaging-retailer-renewal.json"));
        request.putArray("decisions").addObject().put("path", "terms.discounts[srp-trays]").put("min", 0).put("max", 0.2);
        reject("/api/v1/optimize", request).statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:validation"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].pointer", equalTo("/decisions/0"))
                .body("errors[0].message", containsString("not linear in terms.discounts[srp-trays]"))
                .body("errors[0].message", containsString("menu of values"));

        request.putArray("decisions").addObject().put("path", "terms.discounts[srp-trays]")
                .putArray("values").add(0).add(0.05).add(0.1).add(0.15).add(0.2);
        JsonNode result = optimize(request);
        assertThat(result.get("status").asText()).as("the remedy the message gives works").isEqualTo("optimal");
        assertThat(result.get("decisions").get(0).get("value").doubleValue()).isIn(0.0, 0.05, 0.1, 0.15, 0.2);
    }

    @Test
    void aRatioCannotBeTheObjective() {
        ObjectNode request = readmeRequest();
        request.putObject("objective").put("maximize", "contributionMarginPct");
        reject("/api/v1/optimize", request).statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:validation"))
                .body("errors[0].pointer", equalTo("/objective/maximize"))
                .body("errors[0].message", containsString("'contributionMarginPct' is a ratio, not a sum of money"))
                .body("errors[0].value", equalTo("contributionMarginPct"));
        request.putObject("objective").putObject("maximize").put("npv", 1).put("valueLeverage", 2);
        reject("/api/v1/optimize", request).statusCode(422)
                .body("errors[0].pointer", equalTo("/objective/maximize/valueLeverage"));
    }

    @Test
    void paybackPeriodCannotBeACondition() {
        ObjectNode request = readmeRequest();
        ((ArrayNode) request.get("constraints")).addObject().put("metric", "paybackPeriod").put("max", 4);
        reject("/api/v1/optimize", request).statusCode(422).contentType(PROBLEM)
                .body("errors.size()", equalTo(1))
                .body("errors[0].pointer", equalTo("/constraints/2/metric"))
                .body("errors[0].message", containsString("'paybackPeriod' is not linear in the terms"))
                .body("errors[0].value", equalTo("paybackPeriod"));
    }

    @Test
    void anUnknownDecisionPathIsA422AtThePath() {
        ObjectNode request = readmeRequest();
        ((ObjectNode) request.get("decisions").get(0)).put("path", "terms.discounts[app-suport]");
        reject("/api/v1/optimize", request).statusCode(422).contentType(PROBLEM)
                .body("errors.size()", equalTo(1))
                .body("errors[0].pointer", equalTo("/decisions/0/path"))
                .body("errors[0].message", containsString("no product with id 'app-suport'"))
                .body("errors[0].value", equalTo("terms.discounts[app-suport]"));
    }

    /** One mistake, one error: a time limit that is not a number is not also "NaN is outside (0, 60]" (issue 11). */
    @Test
    void aTimeLimitThatIsNotANumberIsOneError() {
        ObjectNode request = readmeRequest();
        request.put("timeLimitSeconds", "ten");
        reject("/api/v1/optimize", request).statusCode(422).contentType(PROBLEM)
                .body("errors.size()", equalTo(1))
                .body("errors[0].pointer", equalTo("/timeLimitSeconds"))
                .body("errors[0].message", containsString("must be a number"))
                .body("errors[0].value", equalTo("ten"));
    }

    @Test
    void includingAServiceTheTermsDoNotHaveIsA422() {
        ObjectNode request = readmeRequest();
        ((ObjectNode) request.get("decisions").get(3)).put("include", "terms.services[service-desk]");
        reject("/api/v1/optimize", request).statusCode(422).contentType(PROBLEM)
                .body("errors.size()", equalTo(1))
                .body("errors[0].pointer", equalTo("/decisions/3/include"))
                .body("errors[0].message", containsString("no service with id 'service-desk'"));
    }

    @Test
    void aLeverDecidedTwiceIsA422AtTheSecond() {
        ObjectNode request = readmeRequest();
        ((ArrayNode) request.get("decisions")).addObject().put("path", "terms.discounts[cloud-ops]")
                .putArray("values").add(0.05).add(0.1);
        reject("/api/v1/optimize", request).statusCode(422)
                .body("errors.size()", equalTo(1))
                .body("errors[0].pointer", equalTo("/decisions/4"))
                .body("errors[0].message", equalTo("terms.discounts[cloud-ops] is decided twice"));

        request = readmeRequest();
        ((ArrayNode) request.get("decisions")).addObject().put("path", "terms.services[service-desk-24x7].costPerYear")
                .put("min", 0).put("max", 100_000);
        reject("/api/v1/optimize", request).statusCode(422)
                .body("errors[0].pointer", equalTo("/decisions/4"))
                .body("errors[0].message", containsString("decided twice"));
    }

    @Test
    void theTimeLimitAndTheSolverAreChecked() {
        ObjectNode request = readmeRequest();
        request.put("timeLimitSeconds", 120).put("solver", "CP-SAT");
        reject("/api/v1/optimize", request).statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:validation"))
                .body("errors.size()", equalTo(2))
                .body("errors[0].pointer", equalTo("/timeLimitSeconds"))
                .body("errors[0].message", equalTo("120 is outside (0, 60] seconds, the ceiling this service allows"))
                .body("errors[1].pointer", equalTo("/solver"))
                .body("errors[1].message", containsString("not one of CBC, SCIP"));
    }

    @Test
    void aFrontierWhoseConditionsCannotBeMetSaysWhy() {
        ObjectNode request = frontierRequest();
        ((ArrayNode) request.get("constraints")).addObject().put("name", "NPV floor").put("metric", "npv").put("min", 1e9);
        JsonNode frontier = answer("/api/v1/optimize/frontier", request);
        assertThat(frontier.get("points")).isEmpty();
        assertThat(frontier.get("customerLow").isNull()).isTrue();
        JsonNode why = frontier.get("unsolved");
        assertThat(why.get("status").asText()).isEqualTo("infeasible");
        // only the impossible NPV floor has to give, and it names its bound
        assertThat(why.get("relaxation")).hasSize(1);
        assertThat(why.get("relaxation").get(0).get("constraint").asText()).isEqualTo("NPV floor");
        assertThat(why.get("relaxation").get(0).get("bound").doubleValue()).isEqualTo(1e9);
        // a frontier that can be drawn carries no such part
        assertThat(answer("/api/v1/optimize/frontier", frontierRequest()).has("unsolved")).isFalse();
    }

    @Test
    void moreFrontierPointsThanTheLimitIsLimitExceeded() {
        ObjectNode request = frontierRequest();
        request.put("points", 200);
        reject("/api/v1/optimize/frontier", request).statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:limit-exceeded"))
                .body("limit", equalTo(101))
                .body("requested", equalTo(200))
                .body("errors[0].pointer", equalTo("/points"));
    }

    @Test
    void theFormatParameterIsCheckedAndCsvIsNotAnswered() {
        ObjectNode request = readmeRequest();
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON).body(request.toString())
                .when().post("/api/v1/optimize?format=xml")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("?format"));
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept("text/csv").body(request.toString())
                .when().post("/api/v1/optimize")
                .then().statusCode(406).contentType(PROBLEM).body("type", equalTo("urn:parley:problem:not-acceptable"));
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON).body(frontierRequest().toString())
                .when().post("/api/v1/optimize/frontier?format=mps")
                .then().statusCode(400).body("errors[0].pointer", equalTo("?format"));
    }
}
