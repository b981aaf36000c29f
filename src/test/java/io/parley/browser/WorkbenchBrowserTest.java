package io.parley.browser;

import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.parley.browser.ChartChecks.doubles;
import static io.parley.browser.ChartChecks.seriesData;
import static io.parley.browser.Service.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/**
 * The workbench in a real browser: it loads the packaging example, shows the API's figures for what
 * is typed, and every chart holds the data of the API's answer to the request the page made.
 */
@QuarkusTest
class WorkbenchBrowserTest {

    static final String EXAMPLE = "packaging-retailer-renewal.json";
    /** The page keeps the edited scenario's version in #status and stamps each view with the version it shows. */
    static final String DRAWN = "const v = document.getElementById('status').dataset.version;"
            + " return v !== '0' && ['figures', 'waterfall-chart', 'bridge-chart', 'tornado-chart', 'spider-chart', 'heatmap-chart', 'frontier-chart', 'monteCarlo-chart']"
            + ".every(id => document.getElementById(id).dataset.version === v);";
    static final String EVALUATED = "const v = document.getElementById('status').dataset.version;"
            + " return v !== '0' && document.getElementById('figures').dataset.version === v;";

    @TestHTTPResource("/workbench/")
    URL workbench;

    @Test
    void everyChartHoldsTheApisAnswerForTheExample() {
        open();
        Browser.until("the workbench drew every view", DRAWN);
        ObjectNode scenario = example();
        JsonNode summary = post("/api/v1/evaluate", scenario).get("summary");

        for (String metric : List.of("npv", "concessionCost", "customerNpv", "contributionMarginPct")) {
            assertThat(shownValue(metric)).as(metric).isEqualTo(summary.get(metric).asDouble());
        }
        // the README's figures for this example
        assertThat(figure("npv").getText()).isEqualTo("5,227,268 EUR");
        assertThat(figure("contributionMarginPct").getText()).isEqualTo("22.6 %");

        assertEveryValueOfTheExampleHasItsField(scenario);
        assertTornadoIsTheApis(scenario);
        assertSameScenario(last("spider").get("request").get("scenario"), scenario);
        ChartChecks.spiderIsTheApis(last("spider").get("request"), last("tornado").get("answer"));
        assertSameScenario(last("heatmap").get("request").get("scenario"), scenario);
        ChartChecks.heatmapIsTheApis(last("heatmap").get("request"));
        assertSameScenario(last("frontier").get("request").get("scenario"), scenario);
        ChartChecks.frontierIsTheApis(last("frontier").get("request"), summary);
        assertSameScenario(last("monteCarlo").get("request").get("scenario"), scenario);
        ChartChecks.histogramIsTheApis(last("monteCarlo").get("request"));
        assertWaterfallAddsUpToTheContribution(scenario, summary);
        Browser.screenshot("workbench");
    }

    @Test
    void theBareAddressLeadsToThePage() {
        given().redirects().follow(false).get("/workbench")
                .then().statusCode(302).header("Location", endsWith("/workbench/"));
        given().get("/workbench/").then().statusCode(200).contentType(startsWith("text/html"));
        given().get("/webjars/echarts/5.3.1/dist/echarts.esm.min.js").then().statusCode(200);
        given().get("/workbench/examples/" + EXAMPLE).then().statusCode(200);
        // the editor's fields come from the contract's Scenario schema, read as JSON
        given().get("/openapi.json").then().statusCode(200)
                .body("components.schemas.Scenario.required", hasItems("products", "terms"));
    }

    @Test
    void editingADiscountShowsTheNpvTheApiGivesForTheEditedScenario() {
        open();
        Browser.until("the example is evaluated", EVALUATED);
        double before = shownValue("npv");

        type("/terms/discounts/srp-trays", "0.08");

        ObjectNode edited = example();
        ((ObjectNode) edited.get("terms").get("discounts")).put("srp-trays", 0.08);
        double expected = post("/api/v1/evaluate", edited).get("summary").get("npv").asDouble();
        waitForShownNpv(expected);
        assertThat(figure("npv").getText()).isEqualTo(String.format(Locale.UK, "%,d EUR", Math.round(expected)));
        // the README: 8 % on trays instead of 6.5 % costs 77,043 of NPV
        assertThat(before - expected).isCloseTo(77_043, within(0.5));

        Browser.until("the bridge from the example to the edit is drawn",
                "return document.getElementById('bridge-chart').dataset.version === document.getElementById('status').dataset.version;");
        assertBridgeIsTheApis(example(), edited, before, expected);
        Browser.screenshot("workbench-bridge", driver().findElement(By.xpath("//div[@id='bridge-chart']/parent::section")));
    }

    @Test
    void aFieldTheApiRejectsShowsTheApisMessageBesideIt() {
        open();
        Browser.until("the example is evaluated", EVALUATED);

        type("/terms/paymentDays", "-5");

        ObjectNode rejected = example();
        ((ObjectNode) rejected.get("terms")).put("paymentDays", -5);
        JsonNode problem = given().contentType(ContentType.JSON).body(rejected.toString())
                .post("/api/v1/evaluate").then().statusCode(422).extract().as(JsonNode.class);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("pointer").asText()).isEqualTo("/terms/paymentDays");
        WebElement slot = driver().findElement(By.cssSelector("[data-error-for='/terms/paymentDays']"));
        new WebDriverWait(driver(), Browser.PATIENCE).withMessage("the error beside payment days")
                .until(d -> !slot.getText().isEmpty());
        assertThat(slot.getText()).isEqualTo(error.get("message").asText());
        assertThat(input("/terms/paymentDays").getAttribute("aria-invalid")).isEqualTo("true");

        type("/terms/paymentDays", "45");

        ObjectNode fixed = example();
        ((ObjectNode) fixed.get("terms")).put("paymentDays", 45);
        double expected = post("/api/v1/evaluate", fixed).get("summary").get("npv").asDouble();
        waitForShownNpv(expected);
        assertThat(slot.getText()).isEmpty();
        // the README: 45 payment days instead of 60 gain 82,939
        assertThat(expected - post("/api/v1/evaluate", example()).get("summary").get("npv").asDouble())
                .isCloseTo(82_939, within(0.5));
    }

    /**
     * A (the example as loaded) and B (as edited) side by side are the evaluate figures of each, and
     * the bridge chart is the API's waterfall: A, the one changed lever's contribution, B.
     */
    private void assertBridgeIsTheApis(ObjectNode a, ObjectNode b, double npvOfA, double npvOfB) {
        JsonNode request = last("bridge").get("request");
        assertSameScenario(request.get("baseline"), a);
        assertSameScenario(request.get("variant").get("scenario"), b);
        JsonNode answer = post("/api/v1/analyses/bridge", request);
        JsonNode npv = answer.get("metrics").get(0);
        assertThat(npv.get("metric").asText()).isEqualTo("npv");
        assertThat(answer.get("levers")).hasSize(1);
        assertThat(answer.get("levers").get(0).get("lever").asText()).isEqualTo("terms.discounts[srp-trays]");
        // one lever changed: its step is the whole change, 8 % instead of 6.5 % on trays
        assertThat(npv.get("steps").get(0).get("contribution").asDouble()).isCloseTo(npvOfB - npvOfA, within(1e-6));

        JsonNode series = seriesData("bridge-chart");
        // series: the invisible base, the two scenarios, gains, losses ("-" where a bar is absent)
        assertThat(series.get(1).get(0).asDouble()).isEqualTo(npvOfA);
        assertThat(series.get(1).get(2).asDouble()).isEqualTo(npvOfB);
        assertThat(series.get(2).get(1).asText()).isEqualTo("-");
        assertThat(series.get(3).get(1).asDouble()).isEqualTo(-npv.get("steps").get(0).get("contribution").asDouble());
        assertThat(series.get(0).get(1).asDouble()).isEqualTo(npvOfB); // the loss floats down to B

        JsonNode evaluatedA = post("/api/v1/evaluate", a).get("summary");
        JsonNode evaluatedB = post("/api/v1/evaluate", b).get("summary");
        for (String metric : List.of("npv", "concessionCost", "customerNpv", "contributionMarginPct")) {
            List<WebElement> cells = driver().findElements(By.cssSelector("#comparison tr[data-metric='" + metric + "'] td"));
            assertThat(Double.parseDouble(cells.get(0).getAttribute("data-value"))).as("A's " + metric)
                    .isEqualTo(evaluatedA.get(metric).asDouble());
            assertThat(Double.parseDouble(cells.get(1).getAttribute("data-value"))).as("B's " + metric)
                    .isEqualTo(evaluatedB.get(metric).asDouble());
        }
    }

    /**
     * The editor is generated from the contract's Scenario schema, so every number and text of the
     * example (the baseline's terms and the cost to serve included) has a field, at its pointer,
     * holding its value.
     */
    private static void assertEveryValueOfTheExampleHasItsField(ObjectNode scenario) {
        Map<String, String> values = new TreeMap<>();
        leaves("", scenario, values);
        assertThat(values).containsKeys("/baseline/paymentDays", "/terms/rebate/tiers/3/rate", "/costToServe/inflation");
        JsonNode shown = Browser.json("return JSON.stringify(Object.fromEntries([...document.querySelectorAll('#editor [data-pointer][data-kind]')]"
                + ".map(i => [i.dataset.pointer, i.value])));");
        values.forEach((pointer, value) -> {
            assertThat(shown.has(pointer)).as("a field for %s", pointer).isTrue();
            assertThat(shown.get(pointer).asText()).as(pointer).isIn(value, value.replaceAll("\\.0$", ""));
        });
    }

    private static void leaves(String pointer, JsonNode node, Map<String, String> into) {
        if (node.isContainerNode()) {
            var names = node.isArray() ? IntStream.range(0, node.size()).mapToObj(String::valueOf).iterator() : node.fieldNames();
            names.forEachRemaining(name -> leaves(pointer + "/" + name, node.isArray() ? node.get(Integer.parseInt(name)) : node.get(name), into));
        } else {
            into.put(pointer, node.asText());
        }
    }

    private void assertTornadoIsTheApis(ObjectNode scenario) {
        JsonNode request = last("tornado").get("request");
        assertSameScenario(request.get("scenario"), scenario);
        // every discount, the payment days, every volume and the renewal chance
        assertThat(request.get("levers")).hasSize(5 + 1 + 5 + 1);
        JsonNode metric = post("/api/v1/analyses/tornado", request).get("metrics").get(0);
        JsonNode series = seriesData("tornado-chart");
        List<Double> atLow = new ArrayList<>();
        List<Double> atHigh = new ArrayList<>();
        double base = metric.get("base").asDouble();
        for (JsonNode bar : metric.get("bars")) {
            atLow.add(0, bar.get("atLow").asDouble() - base); // the chart puts the widest bar on top
            atHigh.add(0, bar.get("atHigh").asDouble() - base);
        }
        assertThat(doubles(series.get(0))).isEqualTo(atLow);
        assertThat(doubles(series.get(1))).isEqualTo(atHigh);
    }

    /**
     * The waterfall's steps are the product table's figures per unit, and the products' margins
     * times their volumes add up to the deal's contribution (cost to serve is shared out whole).
     */
    private void assertWaterfallAddsUpToTheContribution(ObjectNode scenario, JsonNode summary) {
        JsonNode products = post("/api/v1/evaluate", scenario).get("products");
        JsonNode trays = products.get(0);
        assertThat(trays.get("id").asText()).isEqualTo("srp-trays");
        double volume = trays.get("volume").asDouble();
        List<Double> steps = doubles(seriesData("waterfall-chart").get(1));
        assertThat(steps.get(0)).isEqualTo(trays.get("listRevenue").asDouble() / volume);
        assertThat(steps.get(1)).isEqualTo(trays.get("discount").asDouble() / volume);
        assertThat(steps.get(2)).isEqualTo(trays.get("rebate").asDouble() / volume);
        // FC = NR × D / 365 × r_s with 60 days and 8.5 %
        assertThat(steps.get(3)).isCloseTo(trays.get("netRevenue").asDouble() * 60 / 365 * 0.085 / volume, within(1e-12));
        assertThat(steps.get(5)).isEqualTo(trays.get("cogs").asDouble() / volume);

        JsonNode waterfalls = last("waterfalls").get("waterfalls");
        assertThat(waterfalls).hasSize(products.size());
        double contribution = 0;
        for (JsonNode w : waterfalls) {
            contribution += w.get("margin").asDouble() * w.get("volume").asDouble();
        }
        assertThat(contribution).isCloseTo(summary.get("contribution").asDouble(), within(1e-6));
        assertThat(steps.get(6)).isEqualTo(waterfalls.get(0).get("margin").asDouble());
    }

    /** The same JSON, numbers compared by value (the page writes the file's 0.0 as 0). */
    private static void assertSameScenario(JsonNode actual, JsonNode expected) {
        Comparator<JsonNode> byValue = (a, b) -> a.isNumber() && b.isNumber()
                ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;
        assertThat(actual.equals(byValue, expected)).as("the page's scenario is %s", expected).isTrue();
    }

    private void open() {
        driver().get(workbench.toString());
    }

    private static WebDriver driver() {
        return Browser.driver();
    }

    private static ObjectNode example() {
        return (ObjectNode) Fixtures.json(Fixtures.exampleText(EXAMPLE));
    }

    private static WebElement input(String pointer) {
        return driver().findElement(By.cssSelector("#editor input[data-pointer='" + pointer + "']"));
    }

    private static void type(String pointer, String text) {
        WebElement field = input(pointer);
        field.clear();
        field.sendKeys(text);
    }

    private static WebElement figure(String metric) {
        return driver().findElement(By.cssSelector("[data-metric='" + metric + "']"));
    }

    private static double shownValue(String metric) {
        return Double.parseDouble(figure(metric).getAttribute("data-value"));
    }

    private static void waitForShownNpv(double expected) {
        new WebDriverWait(driver(), Browser.PATIENCE).withMessage(() -> "the shown NPV to become " + expected)
                .until(d -> Boolean.TRUE.equals(Browser.run(EVALUATED))
                        && shownValue("npv") == expected);
    }

    private static JsonNode last(String view) {
        return Browser.json("return JSON.stringify(window.parleyWorkbench.last[arguments[0]]);", view);
    }
}
