package io.parley.browser;

import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.TestCaller;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.parley.browser.ChartChecks.doubles;
import static io.parley.browser.ChartChecks.seriesData;
import static io.parley.browser.Service.post;
import static io.restassured.RestAssured.given;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.startsWith;

/**
 * The Excel add-in: its manifest as served, and its custom functions and task pane run in a real
 * browser against a stand-in Office host (src/test/resources/META-INF/resources/addin-harness).
 */
@QuarkusTest
class AddinBrowserTest {

    static final String OFFICE_APP = "http://schemas.microsoft.com/office/appforoffice/1.1";
    static final String VERSION_OVERRIDES = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** The order of a task-pane add-in's elements the add-in manifest schema requires (those this one uses). */
    static final List<String> TASK_PANE_APP_ORDER = List.of("Id", "Version", "ProviderName", "DefaultLocale", "DisplayName",
            "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements",
            "DefaultSettings", "Permissions", "VersionOverrides");
    static final String SHEET_LAYOUT = "packaging-retailer-renewal.sheet.csv";

    @TestHTTPResource("/")
    URL root;

    @Test
    void theManifestPointsAtTheServiceItCameFromAndEveryAddressAnswers() throws Exception {
        String origin = root.toString().replaceAll("/$", "");
        String xml = given().get("/addin/manifest.xml").then().statusCode(200)
                .contentType(startsWith("application/xml")).extract().asString();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document manifest = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element app = manifest.getDocumentElement();
        assertThat(app.getNamespaceURI()).isEqualTo(OFFICE_APP);
        assertThat(app.getLocalName()).isEqualTo("OfficeApp");
        assertThat(app.getAttributeNS(XSI, "type")).isEqualTo("TaskPaneApp");
        assertThat(childNames(app)).isEqualTo(TASK_PANE_APP_ORDER);
        assertThat(xml).doesNotContain("{{origin}}");

        List<String> addresses = new ArrayList<>();
        NodeList all = manifest.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("DefaultValue") && e.getAttribute("DefaultValue").startsWith("http")) {
                addresses.add(e.getAttribute("DefaultValue"));
            }
        }
        assertThat(addresses).hasSizeGreaterThan(8).allSatisfy(a -> assertThat(a).startsWith(origin + "/"));
        for (String address : addresses) {
            given().get(address.substring(origin.length())).then().statusCode(200);
        }
        assertThat(manifest.getElementsByTagNameNS(OFFICE_APP, "AppDomain").item(0).getTextContent()).isEqualTo(origin);

        Element customFunctions = extensionPoint(manifest, "CustomFunctions");
        assertThat(customFunctions.getElementsByTagNameNS(VERSION_OVERRIDES, "Namespace").item(0)
                .getAttributes().getNamedItem("resid").getNodeValue()).isEqualTo("Functions.Namespace");
        assertThat(xml).contains("<bt:String id=\"Functions.Namespace\" DefaultValue=\"PARLEY\"/>");
        JsonNode metadata = given().get("/addin/functions.json").then().statusCode(200).extract().as(JsonNode.class);
        assertThat(StreamSupport.stream(metadata.get("functions").spliterator(), false).map(f -> f.get("id").asText()))
                .containsExactly("METRIC", "EVALUATE", "COMPARE", "SWEEP");
    }

    /**
     * What Microsoft's add-in manifest reference requires of the VersionOverrides part (the XSD is in
     * no registry, so its rules are restated here): the children in the schema's order; every
     * resid names a resource of the kind its element takes; resource ids unique and at most 32
     * characters; short strings at most 125 characters, long strings 250, URLs 2048; each icon
     * given at 16, 32 and 80 pixels; and one shared runtime, the page the functions run in.
     */
    @Test
    void theManifestsVersionOverridesFollowTheManifestReference() throws Exception {
        String xml = given().get("/addin/manifest.xml").then().statusCode(200).extract().asString();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document manifest = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element app = manifest.getDocumentElement();
        assertThat(childText(app, "Id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(childText(app, "Version")).matches("\\d{1,5}(\\.\\d{1,5}){0,3}");

        Element overrides = (Element) manifest.getElementsByTagNameNS(VERSION_OVERRIDES, "VersionOverrides").item(0);
        assertThat(overrides.getAttributeNS(XSI, "type")).isEqualTo("VersionOverridesV1_0");
        assertThat(childNames(overrides)).isEqualTo(List.of("Hosts", "Resources"));
        Element host = (Element) overrides.getElementsByTagNameNS(VERSION_OVERRIDES, "Host").item(0);
        assertThat(host.getAttributeNS(XSI, "type")).isEqualTo("Workbook");
        assertThat(childNames(host)).isEqualTo(List.of("Runtimes", "AllFormFactors", "DesktopFormFactor"));
        Element resources = (Element) overrides.getElementsByTagNameNS(VERSION_OVERRIDES, "Resources").item(0);
        assertThat(childNames(resources)).isEqualTo(List.of("Images", "Urls", "ShortStrings", "LongStrings"));

        Map<String, String> kindOf = new HashMap<>();
        Map<String, Integer> limit = Map.of("Images", 2048, "Urls", 2048, "ShortStrings", 125, "LongStrings", 250);
        for (Element kind : children(resources)) {
            for (Element resource : children(kind)) {
                String id = resource.getAttribute("id");
                assertThat(id).hasSizeBetween(1, 32);
                assertThat(kindOf.put(id, kind.getLocalName())).as("resource id %s used once", id).isNull();
                assertThat(resource.getAttribute("DefaultValue")).as(id).isNotEmpty()
                        .hasSizeLessThanOrEqualTo(limit.get(kind.getLocalName()));
            }
        }
        // the kind of resource each referring element takes
        Map<String, String> takes = Map.ofEntries(
                entry("SourceLocation", "Urls"), entry("Runtime", "Urls"),
                entry("FunctionFile", "Urls"), entry("LearnMoreUrl", "Urls"),
                entry("Image", "Images"), entry("Namespace", "ShortStrings"),
                entry("Label", "ShortStrings"), entry("Title", "ShortStrings"),
                entry("Description", "LongStrings"));
        NodeList all = overrides.getElementsByTagNameNS("*", "*");
        int references = 0;
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("resid")) {
                references++;
                assertThat(takes).as("an element that refers to a resource: %s", e.getLocalName()).containsKey(e.getLocalName());
                assertThat(kindOf.get(e.getAttribute("resid"))).as("%s resid=%s", e.getLocalName(), e.getAttribute("resid"))
                        .isEqualTo(takes.get(e.getLocalName()));
            }
        }
        assertThat(references).isGreaterThan(15);
        NodeList icons = overrides.getElementsByTagNameNS(VERSION_OVERRIDES, "Icon");
        for (int i = 0; i < icons.getLength(); i++) {
            assertThat(children((Element) icons.item(i)).stream().map(image -> image.getAttribute("size")))
                    .containsExactly("16", "32", "80");
        }

        // one shared runtime, long-lived, and it is the page the custom functions and the pane use
        NodeList runtimes = host.getElementsByTagNameNS(VERSION_OVERRIDES, "Runtime");
        assertThat(runtimes.getLength()).isEqualTo(1);
        Element runtime = (Element) runtimes.item(0);
        assertThat(runtime.getAttribute("lifetime")).isEqualTo("long");
        Element customFunctions = extensionPoint(manifest, "CustomFunctions");
        assertThat(childNames(customFunctions)).isEqualTo(List.of("Script", "Page", "Metadata", "Namespace"));
        Element page = (Element) customFunctions.getElementsByTagNameNS(VERSION_OVERRIDES, "Page").item(0);
        assertThat(children(page).get(0).getAttribute("resid")).isEqualTo(runtime.getAttribute("resid"));
        assertThat(((Element) host.getElementsByTagNameNS(VERSION_OVERRIDES, "FunctionFile").item(0)).getAttribute("resid"))
                .isEqualTo(runtime.getAttribute("resid"));
        assertThat(xml).contains("<Set Name=\"SharedRuntime\" MinVersion=\"1.1\"/>");
    }

    @Test
    void aHostThatIsNotAHostNameGetsNoManifest() {
        given().header("Host", "evil\"><x a=\"").get("/addin/manifest.xml").then().statusCode(400);
    }

    @Test
    void metricCellsOfOneRecalculationAreOneRequestAndGiveTheApisFigures() {
        long plan = createPlan();
        long scenario = storeScenario(plan);
        openHarness();

        JsonNode run = call("const f = CustomFunctions.associated.METRIC; return [" +
                "f(arguments[0], arguments[1], 'npv')," +
                "f(arguments[0], arguments[1], 'customerNpv')," +
                "f(arguments[0], arguments[1], 'npv', ['terms.discounts[srp-trays]', 0.08])," +
                "f(arguments[0], arguments[1], 'npv', ['terms.discounts[srp-trays]', 0.08, 'terms.paymentDays', 45])," +
                "f(arguments[0], arguments[1], 'concessionCost', ['terms.paymentDays', '45'])];", plan, scenario);

        String cells = "/api/v1/plans/" + plan + "/scenarios/" + scenario + "/metrics/";
        List<Double> expected = List.of(
                metricOverHttp(cells + "npv"), metricOverHttp(cells + "customerNpv"),
                metricOverHttp(cells + "npv?set=terms.discounts[srp-trays]:0.08"),
                metricOverHttp(cells + "npv?set=terms.discounts[srp-trays]:0.08&set=terms.paymentDays:45"),
                metricOverHttp(cells + "concessionCost?set=terms.paymentDays:45"));
        assertThat(values(run)).isEqualTo(expected);
        assertThat(expected.get(0)).isEqualTo(5227268.077922516); // the README's NPV of this example
        assertThat(expected.get(0) - expected.get(2)).isCloseTo(77_043, within(0.5));
        // five cells: one comparison, and the stored scenario read once
        assertThat(requests(run, "POST", "/api/v1/compare")).isEqualTo(1);
        assertThat(requests(run, "GET", "/api/v1/plans/" + plan + "/scenarios/" + scenario)).isEqualTo(1);

        JsonNode again = call("const f = CustomFunctions.associated.METRIC; return [f(arguments[0], arguments[1], 'npv')];", plan, scenario);
        assertThat(values(again)).containsExactly(expected.get(0));
        assertThat(again.get("requests")).hasSize(1); // the stored scenario is not read again
    }

    @Test
    void evaluateReadsTheSheetLayoutAsTheExampleScenario() {
        openHarness();
        List<List<String>> sheet = Csv.read(Fixtures.SCENARIOS.resolve(SHEET_LAYOUT));
        List<List<String>> broken = Csv.read(Fixtures.SCENARIOS.resolve(SHEET_LAYOUT)).stream()
                .map(row -> row.get(0).equals("terms.paymentDays") ? List.of("terms.paymentDays", "-5") : row).toList();

        // the broken sheet first: its scenario would be the batch's baseline
        JsonNode run = call("const f = CustomFunctions.associated.EVALUATE;"
                + " return [f(arguments[1], 'npv'), f(arguments[0], 'npv'), f(arguments[0], 'customerNpv')];", sheet, broken);

        JsonNode summary = post("/api/v1/evaluate", example()).get("summary");
        JsonNode results = run.get("results");
        assertThat(results.get(1).get("value").asDouble()).isEqualTo(summary.get("npv").asDouble());
        assertThat(results.get(2).get("value").asDouble()).isEqualTo(summary.get("customerNpv").asDouble());
        // the broken sheet's cell shows the API's rule for the field; the good cells keep their figures
        ObjectNode rejected = example();
        ((ObjectNode) rejected.get("terms")).put("paymentDays", -5);
        JsonNode problem = given().contentType(ContentType.JSON).body(rejected.toString()).post("/api/v1/evaluate")
                .then().statusCode(422).extract().as(JsonNode.class);
        assertThat(results.get(0).get("code").asText()).isEqualTo("#VALUE!");
        assertThat(results.get(0).get("error").asText())
                .isEqualTo("/terms/paymentDays: " + problem.get("errors").get(0).get("message").asText());
        // one comparison for the three cells, and one more for the two good ones once the bad one is known
        assertThat(requests(run, "POST", "/api/v1/compare")).isEqualTo(2);
    }

    @Test
    void compareAndSweepSpillTheApisTables() {
        openHarness();
        List<List<String>> sheet = Csv.read(Fixtures.SCENARIOS.resolve(SHEET_LAYOUT));
        List<List<Object>> variants = List.of(
                List.of("name", "terms.discounts[srp-trays]", "terms.paymentDays"),
                List.of("8 % on trays", 0.08, ""),
                List.of("45 days", "", 45));

        JsonNode run = call("const c = CustomFunctions.associated;"
                + " return [c.COMPARE(arguments[0], arguments[1], 'npv,customerNpv'),"
                + " c.SWEEP(arguments[0], 'terms.paymentDays', 30, 90, 2, null)];", sheet, variants);

        ObjectNode body = Fixtures.MAPPER.createObjectNode();
        body.set("baseline", example());
        body.set("variants", Fixtures.json("[{\"name\": \"8 % on trays\", \"set\": {\"terms.discounts[srp-trays]\": 0.08}},"
                + "{\"name\": \"45 days\", \"set\": {\"terms.paymentDays\": 45}}]"));
        JsonNode compared = post("/api/v1/compare", body);
        JsonNode table = run.get("results").get(0).get("value");
        assertThat(table.get(0).toString()).isEqualTo("[\"variant\",\"npv\",\"customerNpv\"]");
        assertThat(table.get(1).get(1).asDouble()).isEqualTo(compared.get("baseline").get("summary").get("npv").asDouble());
        for (int v = 0; v < 2; v++) {
            JsonNode summary = compared.get("variants").get(v).get("summary");
            assertThat(table.get(v + 2).get(0).asText()).isEqualTo(compared.get("variants").get(v).get("name").asText());
            assertThat(table.get(v + 2).get(1).asDouble()).isEqualTo(summary.get("npv").asDouble());
            assertThat(table.get(v + 2).get(2).asDouble()).isEqualTo(summary.get("customerNpv").asDouble());
        }
        // the README: 45 days instead of 60 gain 82,939
        assertThat(table.get(3).get(1).asDouble() - table.get(1).get(1).asDouble()).isCloseTo(82_939, within(0.5));

        ObjectNode sweep = Fixtures.MAPPER.createObjectNode();
        sweep.set("scenario", example());
        sweep.set("metrics", Fixtures.json("[\"npv\"]"));
        sweep.set("levers", Fixtures.json("[{\"path\": \"terms.paymentDays\", \"from\": 30, \"to\": 90, \"steps\": 2}]"));
        JsonNode swept = post("/api/v1/analyses/sweep", sweep);
        JsonNode spilled = run.get("results").get(1).get("value");
        assertThat(spilled.get(0)).isEqualTo(swept.get("columns"));
        assertThat(spilled).hasSize(4);
        for (int r = 0; r < 3; r++) {
            assertThat(spilled.get(r + 1).get(0).asDouble()).isEqualTo(swept.get("rows").get(r).get(0).asDouble());
            assertThat(spilled.get(r + 1).get(1).asDouble()).isEqualTo(swept.get("rows").get(r).get(1).asDouble());
        }
        assertThat(spilled.get(2).get(1).asDouble()).isEqualTo(5227268.077922516); // 60 days: the example as it is
    }

    @Test
    void theTaskPaneEvaluatesAStoredScenarioAndWritesItsTablesToTheSheet() {
        long plan = createPlan();
        long scenario = storeScenario(plan);
        openHarness();
        Browser.until("the task pane is mounted", "return document.getElementById('taskpane').dataset.ready === 'true';");
        new Select(Browser.driver().findElement(By.id("plan"))).selectByValue(String.valueOf(plan));
        Browser.until("the plan's scenarios are listed",
                "return [...document.querySelectorAll('#scenario option')].some(o => o.value === arguments[0]);", String.valueOf(scenario));
        new Select(Browser.driver().findElement(By.id("scenario"))).selectByValue(String.valueOf(scenario));
        Browser.driver().findElement(By.id("evaluate")).click();
        Browser.until("the pane shows the scenario's figures",
                "return document.getElementById('results').dataset.scenario === arguments[0];", String.valueOf(scenario));

        JsonNode summary = post("/api/v1/evaluate", example()).get("summary");
        Browser.driver().findElement(By.cssSelector("[data-write='summary']")).click();
        Browser.until("the summary is written to the sheet", "return window.sheet.writes.length === 1;");
        JsonNode write = Browser.json("return JSON.stringify(window.sheet.writes[0]);");
        assertThat(write.get("columns").asInt()).isEqualTo(2);
        assertThat(write.get("rows").asInt()).isEqualTo(write.get("values").size());
        assertThat(write.get("values").get(0).toString()).isEqualTo("[\"metric\",\"value\"]");
        assertThat(write.get("values").get(1).get(0).asText()).isEqualTo("npv");
        assertThat(write.get("values").get(1).get(1).asDouble()).isEqualTo(summary.get("npv").asDouble());
        for (JsonNode row : write.get("values")) {
            if (summary.has(row.get(0).asText())) {
                assertThat(row.get(1).asDouble()).as(row.get(0).asText()).isEqualTo(summary.get(row.get(0).asText()).asDouble());
            }
        }

        // the tornado table, written too, holds the API's swings for the levers it lists
        Browser.driver().findElement(By.cssSelector("[data-write='tornado']")).click();
        Browser.until("the tornado is written to the sheet", "return window.sheet.writes.length === 2;");
        JsonNode bars = Browser.json("return JSON.stringify(window.sheet.writes[1].values);");
        assertThat(bars.get(0).toString()).isEqualTo("[\"lever\",\"low\",\"high\",\"npv at low\",\"npv at high\",\"swing\"]");
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", example());
        request.set("metrics", Fixtures.json("[\"npv\"]"));
        request.put("swing", 0.1);
        var levers = request.putArray("levers");
        for (int i = 1; i < bars.size(); i++) {
            levers.addObject().put("path", bars.get(i).get(0).asText());
        }
        JsonNode answer = post("/api/v1/analyses/tornado", request).get("metrics").get(0).get("bars");
        assertThat(answer).hasSize(bars.size() - 1);
        for (int i = 0; i < answer.size(); i++) {
            assertThat(bars.get(i + 1).get(3).asDouble()).isEqualTo(answer.get(i).get("atLow").asDouble());
            assertThat(bars.get(i + 1).get(4).asDouble()).isEqualTo(answer.get(i).get("atHigh").asDouble());
        }

        assertThat(Browser.json("return JSON.stringify([...document.querySelectorAll('#results [data-error-for]')]"
                + ".map(e => e.dataset.errorFor + ': ' + e.textContent).filter(t => !t.endsWith(': ')));"))
                .as("no view failed").isEmpty();
        ChartChecks.spiderIsTheApis(pane("spider").get("request"), pane("tornado").get("answer"));
        assertHeatmapIsTheApisAndWritesItsMatrix();
        ChartChecks.frontierIsTheApis(pane("frontier").get("request"), summary);
        ChartChecks.histogramIsTheApis(pane("monteCarlo").get("request"));
        Browser.screenshot("addin-taskpane", Browser.driver().findElement(By.tagName("body")));
    }

    /**
     * The heatmap is the API's two-way table (ChartChecks), and "write to sheet" writes it with both
     * levers' values as headings.
     */
    private static void assertHeatmapIsTheApisAndWritesItsMatrix() {
        JsonNode answer = ChartChecks.heatmapIsTheApis(pane("heatmap").get("request"));
        List<Double> discounts = doubles(answer.get("rowValues"));
        JsonNode cells = answer.get("tables").get(0).get("cells");
        int before = Browser.json("return JSON.stringify(window.sheet.writes.length);").asInt();
        Browser.run("document.querySelector(\"[data-write='heatmap']\").click();");
        Browser.until("the heatmap's table is written to the sheet", "return window.sheet.writes.length === arguments[0];", before + 1);
        JsonNode written = Browser.json("return JSON.stringify(window.sheet.writes[arguments[0]]);", before);
        assertThat(written.get("rows").asInt()).isEqualTo(6);
        assertThat(written.get("columns").asInt()).isEqualTo(5);
        JsonNode values = written.get("values");
        assertThat(values.get(0).get(0).asText()).isEqualTo("terms.discounts[srp-trays] ↓, terms.paymentDays →");
        assertThat(values.get(0).get(3).asDouble()).isEqualTo(60.0);
        assertThat(values.get(3).get(0).asDouble()).isEqualTo(discounts.get(2));
        assertThat(values.get(3).get(3).asDouble()).isEqualTo(cells.get(2).get(2).asDouble());
    }

    @Test
    void everyRequestOfThePagesCarriesTheSignedInKeyWhenThereIsOne() {
        openHarness();
        JsonNode run = call("sessionStorage.setItem('parley.key', 'k-123');"
                + " const done = import('/workbench/api.js').then(api => api.get('/addin/functions.json'))"
                + ".finally(() => sessionStorage.removeItem('parley.key'));"
                + " return [done.then(() => import('/workbench/api.js')).then(api => api.get('/addin/functions.json')).then(() => 0)];");
        // the pane, mounting in the same page, may be listing plans meanwhile: only these two count
        List<JsonNode> asked = StreamSupport.stream(run.get("requests").spliterator(), false)
                .filter(r -> r.get("url").asText().equals("/addin/functions.json")).toList();
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0).get("authorization").asText()).isEqualTo("Bearer k-123");
        assertThat(asked.get(1).get("authorization").isNull()).isTrue();
    }

    /**
     * A task pane with no key lists nothing and says why; "Sign in in a Parley window" opens Parley's
     * sign-in page in the Office dialog, which refuses a key Parley does not know, and hands a good
     * one to the pane with messageParent; the pane keeps it for the session and every call carries it.
     */
    @Test
    void theTaskPaneSignsInThroughTheOfficeDialogAndEveryCallCarriesTheKey() {
        long plan = createPlan();
        Browser.driver().get(root + "addin-harness/?signed-out");
        Browser.until("the task pane is mounted", "return document.getElementById('taskpane').dataset.ready === 'true';");
        assertThat(Browser.run("return document.getElementById('signin').dataset.signedIn;")).isEqualTo("false");
        assertThat(Browser.run("return document.querySelectorAll('#plan option').length;")).isEqualTo(0L);
        assertThat((String) Browser.run("return document.getElementById('message').textContent;")).isNotBlank();

        Browser.run("window.requests.length = 0; document.getElementById('sign-in-dialog').click();");
        Browser.until("the sign-in page is open in the dialog", "const f = document.getElementById('office-dialog');"
                + " return !!f && !!f.contentDocument && f.contentDocument.getElementById('signin-page')?.dataset.ready === 'true';");
        JsonNode opened = Browser.json("const d = window.dialogs[0]; return JSON.stringify({ url: d.url, iframe: d.options.displayInIframe });");
        assertThat(opened.get("url").asText()).isEqualTo(root + "addin/signin.html");

        // a key Parley does not know stays in the dialog, with Parley's reason
        Browser.run("const doc = document.getElementById('office-dialog').contentDocument;"
                + " doc.getElementById('key').value = 'pk_nobody-knows-this-key'; doc.getElementById('send').click();");
        Browser.until("the dialog says the key is unknown", "const doc = document.getElementById('office-dialog').contentDocument;"
                + " return doc.getElementById('message').textContent.startsWith('Parley does not know this key');");
        assertThat(Browser.run("return document.getElementById('signin').dataset.signedIn;")).isEqualTo("false");
        Browser.screenshot("addin-sign-in-dialog", Browser.driver().findElement(By.tagName("body")));

        Browser.run("const doc = document.getElementById('office-dialog').contentDocument;"
                + " doc.getElementById('key').value = arguments[0]; doc.getElementById('send').click();", TestCaller.ADMIN_KEY);
        Browser.until("the pane is signed in and lists the plans", "return document.getElementById('signin').dataset.signedIn === 'true'"
                + " && [...document.querySelectorAll('#plan option')].some(o => o.value === arguments[0]);", String.valueOf(plan));
        assertThat(Browser.run("return window.dialogs[0].closed && !document.getElementById('office-dialog');")).isEqualTo(true);
        assertThat(Browser.run("return sessionStorage.getItem('parley.key');")).isEqualTo(TestCaller.ADMIN_KEY);
        JsonNode calls = Browser.json("return JSON.stringify(window.requests.filter(r => r.url.startsWith('/api/v1/plans')));");
        List<JsonNode> byThePane = new ArrayList<>();
        calls.forEach(byThePane::add);
        // the pane's reads of the plans and their scenarios after the dialog (the dialog's own checks are its frame's)
        assertThat(byThePane).hasSizeGreaterThanOrEqualTo(2);
        assertThat(byThePane).allSatisfy(r ->
                assertThat(r.get("authorization").asText()).isEqualTo("Bearer " + TestCaller.ADMIN_KEY));
        Browser.screenshot("addin-signed-in", Browser.driver().findElement(By.tagName("body")));

        Browser.run("document.getElementById('sign-out').click();");
        assertThat(Browser.run("return sessionStorage.getItem('parley.key');")).isNull();
        Browser.until("the pane asks for a key again", "return document.getElementById('signin').dataset.signedIn === 'false'"
                + " && document.querySelectorAll('#plan option').length === 0;");
    }

    private static JsonNode pane(String view) {
        return Browser.json("return JSON.stringify(window.parleyPane.last[arguments[0]]);", view);
    }

    private static Element extensionPoint(Document manifest, String type) {
        NodeList points = manifest.getElementsByTagNameNS(VERSION_OVERRIDES, "ExtensionPoint");
        for (int i = 0; i < points.getLength(); i++) {
            Element e = (Element) points.item(i);
            if (e.getAttributeNS(XSI, "type").equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no ExtensionPoint of type " + type);
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static String childText(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(name)).findFirst().orElseThrow().getTextContent();
    }

    private static List<String> childNames(Element parent) {
        List<String> names = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getLocalName());
            }
        }
        return names;
    }

    private void openHarness() {
        Browser.driver().get(root + "addin-harness/");
        Browser.until("the custom functions are registered", "return !!(window.CustomFunctions.associated.METRIC);");
    }

    /**
     * Runs calls in the page: the script returns an array of promises (one per cell), all made in
     * the same moment like one recalculation; the answer has each result and the requests made.
     */
    private static JsonNode call(String script, Object... arguments) {
        return Browser.async("window.requests.length = 0; const cells = (function () { " + script + " }).apply(null, args);"
                + " return Promise.allSettled(cells).then(rs => JSON.stringify({ requests: window.requests,"
                + " results: rs.map(r => r.status === 'fulfilled' ? { value: r.value } : { error: r.reason.message, code: r.reason.code }) }));",
                arguments);
    }

    private static List<Double> values(JsonNode run) {
        List<Double> values = new ArrayList<>();
        run.get("results").forEach(r -> {
            assertThat(r.has("value")).as("a figure, not %s", r).isTrue();
            values.add(r.get("value").asDouble());
        });
        return values;
    }

    private static long requests(JsonNode run, String method, String path) {
        return StreamSupport.stream(run.get("requests").spliterator(), false)
                .filter(r -> r.get("method").asText().equals(method) && r.get("url").asText().endsWith(path)).count();
    }

    private static double metricOverHttp(String path) {
        return Double.parseDouble(given().urlEncodingEnabled(true).get(path).then().statusCode(200).extract().asString());
    }

    private static long createPlan() {
        String plan = "{\"author\": \"ana\", \"message\": \"for the add-in\", \"plan\": {\"account\": {\"name\": \"FreshWay Retail\","
                + " \"industry\": \"grocery retail\", \"currency\": \"EUR\", \"marketPotential\": 14000000, \"shareOfWallet\": 0.38},"
                + " \"owner\": \"ana\", \"relationship\": \"consultative\", \"reviewCadence\": \"quarterly\", \"nextReview\": \"2027-01-15\"}}";
        return post("/api/v1/plans", Fixtures.json(plan), 201).get("id").asLong();
    }

    private static long storeScenario(long plan) {
        ObjectNode body = Fixtures.MAPPER.createObjectNode().put("name", "as proposed");
        body.set("scenario", example());
        return post("/api/v1/plans/" + plan + "/scenarios", body, 201).get("id").asLong();
    }

    private static ObjectNode example() {
        return (ObjectNode) Fixtures.json(Fixtures.exampleText(WorkbenchBrowserTest.EXAMPLE));
    }
}
