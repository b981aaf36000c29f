package io.parley.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * Account plans end to end, every call checked against openapi.yaml. The tests share one database,
 * so each one works on plans of its own (an account name no other test uses) and filters by them.
 */
@QuarkusTest
class PlansApiTest {

    static final String PLANS = "/api/v1/plans";
    static final String PROBLEM = "application/problem+json";

    // ---------------------------------------------------------------- helpers

    /** An account name no other test (or earlier run) uses. */
    static String account(String label) {
        return label + "-" + UUID.randomUUID();
    }

    /** A plan with every part filled in. */
    static ObjectNode plan(String account, String owner) {
        ObjectNode plan = Fixtures.MAPPER.createObjectNode();
        ObjectNode a = plan.putObject("account").put("name", account).put("industry", "Grocery retail")
                .put("employees", 12000).put("currency", "EUR").put("marketPotential", 18_000_000).put("shareOfWallet", 0.35);
        a.putArray("locations").add("Hamburg").add("Bremen");
        plan.put("owner", owner).put("relationship", "consultative");
        ArrayNode team = plan.putArray("team");
        team.addObject().put("name", owner).put("role", "Account director");
        team.addObject().put("name", "Sam Okafor").put("role", "Supply chain lead");
        plan.putArray("stakeholders").addObject().put("name", "Ines Vogel").put("role", "Head of category")
                .put("influence", "high").put("attitude", "supporter").put("relationshipOwner", owner)
                .put("relationshipStrength", 4);
        ArrayNode targets = plan.putArray("targets");
        targets.addObject().put("year", 2026).put("revenue", 6_300_000).put("marginPct", 0.22);
        targets.addObject().put("year", 2027).put("revenue", 7_000_000);
        ObjectNode objective = plan.putArray("objectives").addObject().put("title", "Become preferred supplier for trays");
        objective.putArray("actions").addObject().put("description", "Run the joint waste-reduction pilot")
                .put("owner", "Sam Okafor").put("due", "2026-09-30").put("status", "inProgress").put("priority", "high");
        plan.putArray("opportunities").addObject().put("name", "Private-label trays").put("value", 1_200_000)
                .put("probability", 0.4).put("attractiveness", 4).put("achievability", 3);
        ObjectNode project = plan.putArray("projects").addObject().put("name", "EDI onboarding").put("budget", 40_000)
                .put("spend", 12_500);
        project.putArray("milestones").addObject().put("name", "Test orders").put("due", "2026-07-15").put("status", "done");
        plan.put("reviewCadence", "quarterly").put("nextReview", "2026-10-01");
        return plan;
    }

    static ObjectNode change(String author, String message, ObjectNode plan) {
        ObjectNode body = Fixtures.MAPPER.createObjectNode().put("author", author);
        if (message != null) body.put("message", message);
        body.set("plan", plan);
        return body;
    }

    /** The body sent by the person it names as author: revisions record the caller, not the body. */
    static RequestSpecification json(Filter filter, ObjectNode body) {
        RequestSpecification r = given().filter(filter).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(body.toString());
        return body.has("author") ? r.header("Authorization", TestTokens.bearer(body.get("author").asText())) : r;
    }

    static Response create(ObjectNode body) {
        return json(Contract.CONFORMS, body).when().post(PLANS);
    }

    /** Creates the plan and answers its id. */
    static long created(ObjectNode plan) {
        Response r = create(change("Dana Reyes", "first draft", plan));
        r.then().statusCode(201);
        return Fixtures.json(r.asString()).get("id").asLong();
    }

    static Response put(long id, String etag, ObjectNode body) {
        return json(Contract.CONFORMS, body).header("If-Match", etag).when().put(PLANS + "/" + id);
    }

    /** POST .../archive by {@code author}, with {@code etag} in If-Match. */
    static Response archive(long id, String etag, String author) {
        return given().filter(Contract.CONFORMS).accept(ContentType.JSON).header("If-Match", etag)
                .queryParam("author", author).header("Authorization", TestTokens.bearer(author)).when().post(PLANS + "/" + id + "/archive");
    }

    static Response get(String path) {
        return given().filter(Contract.CONFORMS).accept(ContentType.JSON).when().get(path);
    }

    static JsonNode ok(String path) {
        Response r = get(path);
        r.then().statusCode(200).contentType(ContentType.JSON);
        return Fixtures.json(r.asString());
    }

    static JsonNode problem(Response r, int status, String type) {
        r.then().statusCode(status).contentType(PROBLEM).body("type", equalTo(type)).body("status", equalTo(status));
        return Fixtures.json(r.asString());
    }

    /** The only error of a 422, which must be at this pointer. */
    static void rejectedAt(ObjectNode plan, String pointer) {
        Response r = json(Contract.RESPONSE_CONFORMS, change("Dana Reyes", null, plan)).when().post(PLANS);
        JsonNode p = problem(r, 422, "urn:parley:problem:validation");
        assertThat(p.get("errors")).hasSize(1);
        assertThat(p.get("errors").get(0).get("pointer").asText()).isEqualTo(pointer);
    }

    /** Ids that are not a whole number from 1 to Long.MAX_VALUE, the last one just beyond it. */
    static final List<String> MALFORMED_IDS = List.of("abc", "12x", "0", "-3", "+5", "1.0", "9223372036854775808");

    /** A 400 that names the path parameter, the value sent and the rule it breaks. */
    static void badPathParameter(Response r, String parameter, String value, String rule) {
        JsonNode p = problem(r, 400, "urn:parley:problem:bad-request");
        assertThat(p.get("errors")).hasSize(1);
        JsonNode error = p.get("errors").get(0);
        assertThat(error.get("pointer").asText()).isEqualTo("{" + parameter + "}");
        assertThat(error.get("value").asText()).isEqualTo(value);
        assertThat(error.get("message").asText()).contains("'" + parameter + "'", "'" + value + "'", rule);
        assertThat(p.get("detail").asText()).isEqualTo(error.get("message").asText());
    }

    /** A GET the contract forbids on purpose (a malformed path id): only the response is checked. */
    static Response getAnyway(String path) {
        return given().filter(Contract.RESPONSE_CONFORMS).accept(ContentType.JSON).when().get(path);
    }

    static List<String> field(JsonNode items, String name) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get(name).asText()));
        return out;
    }

    // ---------------------------------------------------------------- create, read, update

    @Test
    void aCreatedPlanReadsBackAsSentWithStatusDraftAtRevisionOne() {
        ObjectNode plan = plan(account("Nordhafen"), "Dana Reyes");
        Response r = create(change("Dana Reyes", "first draft", plan));
        r.then().statusCode(201).contentType(ContentType.JSON).header("ETag", "\"r1\"");
        JsonNode made = Fixtures.json(r.asString());
        long id = made.get("id").asLong();
        r.then().header("Location", endsWith(PLANS + "/" + id));

        ObjectNode expected = plan.deepCopy().put("status", "draft");
        assertThat(made.get("plan")).isEqualTo(expected);
        assertThat(made.get("revision").asInt()).isEqualTo(1);
        assertThat(made.get("status").asText()).isEqualTo("draft");
        assertThat(made.get("nextReview").asText()).isEqualTo("2026-10-01");

        Response read = get(PLANS + "/" + id);
        read.then().statusCode(200).header("ETag", "\"r1\"");
        JsonNode back = Fixtures.json(read.asString());
        assertThat(back).isEqualTo(made);
        assertThat(back.get("account").asText()).isEqualTo(plan.get("account").get("name").asText());
        assertThat(back.get("owner").asText()).isEqualTo("Dana Reyes");
    }

    @Test
    void aMinimalPlanHasNoNextReview() {
        ObjectNode plan = Fixtures.MAPPER.createObjectNode();
        plan.putObject("account").put("name", account("Minimal"));
        plan.put("owner", "Ann Lee").put("relationship", "transactional").put("status", "active");
        JsonNode made = Fixtures.json(create(change("Ann Lee", null, plan)).then().statusCode(201).extract().asString());
        assertThat(made.get("nextReview").isNull()).isTrue();
        assertThat(made.get("status").asText()).isEqualTo("active");
        assertThat(made.get("plan")).isEqualTo(plan);
    }

    @Test
    void anUpdateWithTheCurrentETagWritesRevisionTwo() {
        String account = account("Update");
        long id = created(plan(account, "Dana Reyes"));
        ObjectNode changed = plan(account, "Lars Berg");
        changed.put("status", "inReview").put("nextReview", "2026-12-01");

        Response r = put(id, "\"r1\"", change("Lars Berg", "handed over", changed));
        r.then().statusCode(200).header("ETag", "\"r2\"");
        JsonNode updated = Fixtures.json(r.asString());
        assertThat(updated.get("revision").asInt()).isEqualTo(2);
        assertThat(updated.get("owner").asText()).isEqualTo("Lars Berg");
        assertThat(updated.get("status").asText()).isEqualTo("inReview");
        assertThat(updated.get("nextReview").asText()).isEqualTo("2026-12-01");
        assertThat(updated.get("plan")).isEqualTo(changed);

        get(PLANS + "/" + id).then().statusCode(200).header("ETag", "\"r2\"");
        assertThat(ok(PLANS + "/" + id).get("plan")).isEqualTo(changed);
    }

    @Test
    void anUpdateWithoutIfMatchIs428AndChangesNothing() {
        String account = account("NoIfMatch");
        long id = created(plan(account, "Dana Reyes"));
        Response r = json(Contract.RESPONSE_CONFORMS, change("Lars Berg", null, plan(account, "Lars Berg")))
                .when().put(PLANS + "/" + id);
        problem(r, 428, "urn:parley:problem:precondition-required");
        Response archive = given().filter(Contract.RESPONSE_CONFORMS).accept(ContentType.JSON)
                .queryParam("author", "Lars Berg").header("Authorization", TestTokens.bearer("Lars Berg")).when().post(PLANS + "/" + id + "/archive");
        problem(archive, 428, "urn:parley:problem:precondition-required");

        JsonNode now = ok(PLANS + "/" + id);
        assertThat(now.get("revision").asInt()).isEqualTo(1);
        assertThat(now.get("owner").asText()).isEqualTo("Dana Reyes");
    }

    @Test
    void anUpdateWithAStaleETagIs412WithTheCurrentRevision() {
        String account = account("Stale");
        long id = created(plan(account, "Dana Reyes"));
        put(id, "\"r1\"", change("Lars Berg", null, plan(account, "Lars Berg"))).then().statusCode(200);

        JsonNode p = problem(put(id, "\"r1\"", change("Ann Lee", null, plan(account, "Ann Lee"))), 412,
                "urn:parley:problem:stale-revision");
        assertThat(p.get("currentRevision").asInt()).isEqualTo(2);
        JsonNode unknown = problem(put(id, "\"something\"", change("Ann Lee", null, plan(account, "Ann Lee"))), 412,
                "urn:parley:problem:stale-revision");
        assertThat(unknown.get("currentRevision").asInt()).isEqualTo(2);
        JsonNode ahead = problem(put(id, "\"r7\"", change("Ann Lee", null, plan(account, "Ann Lee"))), 412,
                "urn:parley:problem:stale-revision");
        assertThat(ahead.get("currentRevision").asInt()).isEqualTo(2);

        JsonNode now = ok(PLANS + "/" + id);
        assertThat(now.get("revision").asInt()).isEqualTo(2);
        assertThat(now.get("owner").asText()).isEqualTo("Lars Berg");
    }

    // ---------------------------------------------------------------- revisions and archive

    @Test
    void everyRevisionIsListedAndReadableWhole() {
        String account = account("History");
        ObjectNode first = plan(account, "Dana Reyes");
        long id = created(first);
        ObjectNode second = plan(account, "Lars Berg");
        put(id, "\"r1\"", change("Lars Berg", null, second)).then().statusCode(200);
        ObjectNode third = plan(account, "Lars Berg").put("status", "approved");
        put(id, "\"r2\"", change("Ann Lee", "approved at the QBR", third)).then().statusCode(200);

        JsonNode list = ok(PLANS + "/" + id + "/revisions");
        assertThat(list.get("planId").asLong()).isEqualTo(id);
        JsonNode revs = list.get("revisions");
        assertThat(field(revs, "revision")).containsExactly("1", "2", "3");
        assertThat(field(revs, "author")).containsExactly("Dana Reyes", "Lars Berg", "Ann Lee");
        assertThat(revs.get(0).get("message").asText()).isEqualTo("first draft");
        assertThat(revs.get(1).get("message").isNull()).isTrue();
        assertThat(revs.get(2).get("message").asText()).isEqualTo("approved at the QBR");

        List<ObjectNode> documents = List.of(first.deepCopy().put("status", "draft"),
                second.deepCopy().put("status", "draft"), third);
        for (int n = 1; n <= 3; n++) {
            JsonNode rev = ok(PLANS + "/" + id + "/revisions/" + n);
            assertThat(rev.get("revision").asInt()).isEqualTo(n);
            assertThat(rev.get("planId").asLong()).isEqualTo(id);
            assertThat(rev.get("author").asText()).isEqualTo(revs.get(n - 1).get("author").asText());
            assertThat(rev.get("createdAt").asText()).isEqualTo(revs.get(n - 1).get("createdAt").asText());
            assertThat(rev.get("plan")).isEqualTo(documents.get(n - 1));
        }
    }

    @Test
    void archivingIsARevisionThatKeepsThePlanReadableAndFindable() {
        String account = account("Archive");
        long id = created(plan(account, "Dana Reyes"));
        Response r = given().filter(Contract.CONFORMS).accept(ContentType.JSON).header("If-Match", "\"r1\"")
                .queryParam("author", "Lars Berg").header("Authorization", TestTokens.bearer("Lars Berg")).queryParam("message", "account lost")
                .when().post(PLANS + "/" + id + "/archive");
        r.then().statusCode(200).header("ETag", "\"r2\"");
        JsonNode archived = Fixtures.json(r.asString());
        assertThat(archived.get("status").asText()).isEqualTo("archived");
        assertThat(archived.get("plan").get("status").asText()).isEqualTo("archived");
        assertThat(archived.get("revision").asInt()).isEqualTo(2);

        assertThat(ok(PLANS + "/" + id).get("status").asText()).isEqualTo("archived");
        JsonNode revs = ok(PLANS + "/" + id + "/revisions").get("revisions");
        assertThat(revs.get(1).get("author").asText()).isEqualTo("Lars Berg");
        assertThat(revs.get(1).get("message").asText()).isEqualTo("account lost");
        assertThat(ok(PLANS + "/" + id + "/revisions/1").get("plan").get("status").asText()).isEqualTo("draft");

        JsonNode found = ok(PLANS + "?status=archived&account=" + account);
        assertThat(found.get("total").asInt()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(ok(PLANS + "?status=draft&account=" + account).get("total").asInt()).isZero();

        Response stale = given().filter(Contract.CONFORMS).accept(ContentType.JSON).header("If-Match", "\"r1\"")
                .queryParam("author", "Lars Berg").header("Authorization", TestTokens.bearer("Lars Berg")).when().post(PLANS + "/" + id + "/archive");
        assertThat(problem(stale, 412, "urn:parley:problem:stale-revision").get("currentRevision").asInt()).isEqualTo(2);
    }

    @Test
    void archivingAnArchivedPlanAnswersItAsItIsAndWritesNoRevision() {
        long id = created(plan(account("ArchiveTwice"), "Dana Reyes"));
        Response first = archive(id, "\"r1\"", "Lars Berg");
        first.then().statusCode(200).header("ETag", "\"r2\"");
        JsonNode archived = Fixtures.json(first.asString());

        for (String etag : List.of("\"r2\"", "*")) {
            Response again = archive(id, etag, "Ann Lee");
            again.then().statusCode(200).contentType(ContentType.JSON).header("ETag", "\"r2\"");
            assertThat(Fixtures.json(again.asString())).as(etag).isEqualTo(archived);
        }
        JsonNode revs = ok(PLANS + "/" + id + "/revisions").get("revisions");
        assertThat(field(revs, "revision")).containsExactly("1", "2");
        assertThat(revs.get(1).get("author").asText()).isEqualTo("Lars Berg");
        get(PLANS + "/" + id).then().statusCode(200).header("ETag", "\"r2\"");

        // the rules of a change still hold: a stale ETag is a 412, none a 428
        JsonNode stale = problem(archive(id, "\"r1\"", "Ann Lee"), 412, "urn:parley:problem:stale-revision");
        assertThat(stale.get("currentRevision").asInt()).isEqualTo(2);
        Response without = given().filter(Contract.RESPONSE_CONFORMS).accept(ContentType.JSON)
                .queryParam("author", "Ann Lee").header("Authorization", TestTokens.bearer("Ann Lee")).when().post(PLANS + "/" + id + "/archive");
        problem(without, 428, "urn:parley:problem:precondition-required");
        assertThat(ok(PLANS + "/" + id + "/revisions").get("revisions")).hasSize(2);
    }

    // ---------------------------------------------------------------- list

    @Test
    void listFiltersByAccountOwnerStatusAndNextReview() {
        String account = account("Filters");
        String owner = "Owner-" + UUID.randomUUID();
        long early = created(plan(account, owner).put("nextReview", "2026-03-01"));
        long late = created(plan(account, owner).put("nextReview", "2026-09-01").put("status", "active"));
        long other = created(plan(account, "Someone Else").put("nextReview", "2026-01-15"));
        long noReview = created(plan(account, owner).putNull("nextReview"));

        JsonNode all = ok(PLANS + "?account=" + account);
        assertThat(all.get("total").asInt()).isEqualTo(4);
        assertThat(field(all.get("items"), "account")).containsOnly(account);

        JsonNode byOwner = ok(PLANS + "?owner=" + owner);
        assertThat(field(byOwner.get("items"), "id")).containsExactlyInAnyOrder("" + early, "" + late, "" + noReview);
        assertThat(byOwner.get("total").asInt()).isEqualTo(3);

        JsonNode active = ok(PLANS + "?account=" + account + "&status=active");
        assertThat(field(active.get("items"), "id")).containsExactly("" + late);

        JsonNode before = ok(PLANS + "?account=" + account + "&nextReviewBefore=2026-09-01");
        assertThat(field(before.get("items"), "id")).containsExactlyInAnyOrder("" + early, "" + other);

        JsonNode both = ok(PLANS + "?account=" + account + "&owner=" + owner + "&nextReviewBefore=2026-12-31");
        assertThat(field(both.get("items"), "id")).containsExactlyInAnyOrder("" + early, "" + late);
    }

    @Test
    void listSortsBothWaysAndPages() {
        String account = account("Sort");
        long b = created(plan(account, "Bea").put("nextReview", "2026-05-01"));
        long a = created(plan(account, "Al").put("nextReview", "2026-07-01"));
        long c = created(plan(account, "Cy").put("nextReview", "2026-06-01"));
        String q = PLANS + "?account=" + account;

        assertThat(field(ok(q + "&sort=owner").get("items"), "owner")).containsExactly("Al", "Bea", "Cy");
        assertThat(field(ok(q + "&sort=-owner").get("items"), "owner")).containsExactly("Cy", "Bea", "Al");
        assertThat(field(ok(q + "&sort=nextReview").get("items"), "id")).containsExactly("" + b, "" + c, "" + a);
        assertThat(field(ok(q + "&sort=-nextReview").get("items"), "id")).containsExactly("" + a, "" + c, "" + b);
        // the default: the most recently changed first
        assertThat(field(ok(q).get("items"), "id")).containsExactly("" + c, "" + a, "" + b);
        assertThat(field(ok(q + "&sort=updatedAt").get("items"), "id")).containsExactly("" + b, "" + a, "" + c);

        JsonNode first = ok(q + "&sort=owner&size=2");
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("total").asInt()).isEqualTo(3);
        assertThat(field(first.get("items"), "owner")).containsExactly("Al", "Bea");
        JsonNode second = ok(q + "&sort=owner&size=2&page=1");
        assertThat(field(second.get("items"), "owner")).containsExactly("Cy");
        assertThat(second.get("total").asInt()).isEqualTo(3);
        JsonNode beyond = ok(q + "&sort=owner&size=2&page=5");
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asInt()).isEqualTo(3);
        assertThat(beyond.get("page").asInt()).isEqualTo(5);
        assertThat(ok(q + "&size=200").get("items")).hasSize(3);
        assertThat(ok(q + "&size=1").get("items")).hasSize(1);
    }

    @Test
    void accountsAndOwnersMatchIgnoringCaseAndSearchFindsPartOfTheName() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        long fresh = created(plan("FreshWay Retail " + tag, "Dana Reyes"));
        long other = created(plan("Nordhaven " + tag, "Sam Okafor"));
        assertThat(field(ok(PLANS + "?account=freshway retail " + tag).get("items"), "id")).containsExactly("" + fresh);
        assertThat(field(ok(PLANS + "?search=WAY RETAIL " + tag).get("items"), "id")).containsExactly("" + fresh);
        assertThat(field(ok(PLANS + "?search=" + tag + "&sort=account").get("items"), "id")).containsExactly("" + fresh, "" + other);
        assertThat(field(ok(PLANS + "?search=" + tag + "&owner=SAM OKAFOR").get("items"), "id")).containsExactly("" + other);
        // _ (and %) are not patterns: as a LIKE pattern "_<tag minus its first character>" would match both
        assertThat(ok(PLANS + "?search=_" + tag.substring(1)).get("total").asInt()).isZero();
    }

    @Test
    void badListParametersAre400() {
        for (String query : List.of("size=0", "size=201", "page=-1", "sort=name", "status=gone", "search=",
                "nextReviewBefore=2026-13-01", "colour=red")) {
            Response r = given().filter(Contract.RESPONSE_CONFORMS).accept(ContentType.JSON).when().get(PLANS + "?" + query);
            JsonNode p = problem(r, 400, "urn:parley:problem:bad-request");
            String name = query.substring(0, query.indexOf('='));
            assertThat(p.get("errors").get(0).get("pointer").asText()).as(query).isEqualTo("?" + name);
        }
    }

    // ---------------------------------------------------------------- not found

    @Test
    void unknownPlansAndRevisionsAre404() {
        long id = created(plan(account("NotFound"), "Dana Reyes"));
        long missing = Long.MAX_VALUE - 7;
        problem(get(PLANS + "/" + missing), 404, "urn:parley:problem:not-found");
        problem(get(PLANS + "/" + missing + "/revisions"), 404, "urn:parley:problem:not-found");
        problem(get(PLANS + "/" + missing + "/revisions/1"), 404, "urn:parley:problem:not-found");
        problem(get(PLANS + "/" + id + "/revisions/2"), 404, "urn:parley:problem:not-found");
        problem(put(missing, "\"r1\"", change("Ann Lee", null, plan(account("NotFound"), "Ann Lee"))), 404,
                "urn:parley:problem:not-found");
        Response archive = given().filter(Contract.CONFORMS).accept(ContentType.JSON).header("If-Match", "\"r1\"")
                .queryParam("author", "Ann Lee").header("Authorization", TestTokens.bearer("Ann Lee")).when().post(PLANS + "/" + missing + "/archive");
        problem(archive, 404, "urn:parley:problem:not-found");
    }

    @Test
    void aPlanIdThatIsNotAWholeNumberFromOneIs400OnEveryPlanPath() {
        String rule = "a plan id is a whole number ≥ 1";
        for (String bad : MALFORMED_IDS) {
            String plan = PLANS + "/" + bad;
            for (String path : List.of(plan, plan + "/revisions", plan + "/revisions/1", plan + "/scenarios",
                    plan + "/scenarios/1", plan + "/actuals", plan + "/variance", plan + "/overview")) {
                badPathParameter(getAnyway(path), "id", bad, rule);
            }
            ObjectNode body = change("Ann Lee", null, plan(account("BadId"), "Ann Lee"));
            badPathParameter(given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON)
                    .accept(ContentType.JSON).header("If-Match", "\"r1\"").body(body.toString()).when().put(plan),
                    "id", bad, rule);
            badPathParameter(given().filter(Contract.RESPONSE_CONFORMS).accept(ContentType.JSON)
                    .header("If-Match", "\"r1\"").queryParam("author", "Ann Lee").header("Authorization", TestTokens.bearer("Ann Lee")).when().post(plan + "/archive"),
                    "id", bad, rule);
        }
        Response tooLarge = getAnyway(PLANS + "/9223372036854775808");
        assertThat(Fixtures.json(tooLarge.asString()).get("detail").asText()).contains("at most 9223372036854775807");
    }

    @Test
    void aRevisionNumberThatIsNotAWholeNumberFromOneIs400AndOneBeyondAnyRevision404() {
        long id = created(plan(account("BadRevision"), "Dana Reyes"));
        for (String bad : MALFORMED_IDS) {
            badPathParameter(getAnyway(PLANS + "/" + id + "/revisions/" + bad), "number", bad,
                    "a revision number is a whole number ≥ 1");
        }
        // well-formed, but more than any plan can have
        problem(get(PLANS + "/" + id + "/revisions/3000000000"), 404, "urn:parley:problem:not-found");
        problem(get(PLANS + "/" + Long.MAX_VALUE), 404, "urn:parley:problem:not-found");
    }

    // ---------------------------------------------------------------- validation

    @Test
    void aBadRelationshipIs422AtItsPointer() {
        rejectedAt(plan(account("Bad"), "Dana Reyes").put("relationship", "friendly"), "/plan/relationship");
    }

    @Test
    void aProbabilityAboveOneIs422AtItsPointer() {
        ObjectNode plan = plan(account("Bad"), "Dana Reyes");
        ((ObjectNode) plan.get("opportunities").get(0)).put("probability", 1.5);
        rejectedAt(plan, "/plan/opportunities/0/probability");
    }

    @Test
    void aSecondTargetForTheSameYearIs422AtItsPointer() {
        ObjectNode plan = plan(account("Bad"), "Dana Reyes");
        ((ArrayNode) plan.get("targets")).addObject().put("year", 2026).put("revenue", 1);
        rejectedAt(plan, "/plan/targets/2/year");
    }

    @Test
    void aBadDateIs422AtItsPointer() {
        rejectedAt(plan(account("Bad"), "Dana Reyes").put("nextReview", "2026-02-30"), "/plan/nextReview");
        ObjectNode plan = plan(account("Bad"), "Dana Reyes");
        ((ObjectNode) plan.get("projects").get(0).get("milestones").get(0)).put("due", "15.07.2026");
        rejectedAt(plan, "/plan/projects/0/milestones/0/due");
    }

    @Test
    void anUnknownFieldIs422AtItsPointer() {
        rejectedAt(plan(account("Bad"), "Dana Reyes").put("colour", "red"), "/plan/colour");
        ObjectNode plan = plan(account("Bad"), "Dana Reyes");
        ((ObjectNode) plan.get("stakeholders").get(0)).put("mood", "happy");
        rejectedAt(plan, "/plan/stakeholders/0/mood");
    }

    @Test
    void everyProblemIsReportedAtOnceAndNothingIsStored() {
        String account = account("Many");
        ObjectNode plan = plan(account, "Dana Reyes").put("relationship", "friendly").put("colour", "red");
        ((ObjectNode) plan.get("opportunities").get(0)).put("probability", 1.5);
        Response r = json(Contract.RESPONSE_CONFORMS, change("Dana Reyes", null, plan)).when().post(PLANS);
        JsonNode p = problem(r, 422, "urn:parley:problem:validation");
        assertThat(field(p.get("errors"), "pointer"))
                .containsExactlyInAnyOrder("/plan/relationship", "/plan/colour", "/plan/opportunities/0/probability");
        assertThat(ok(PLANS + "?account=" + account).get("total").asInt()).isZero();
    }

    @Test
    void anInvalidUpdateIs422AndKeepsTheRevision() {
        String account = account("BadUpdate");
        long id = created(plan(account, "Dana Reyes"));
        Response r = json(Contract.RESPONSE_CONFORMS, change("Lars Berg", null,
                plan(account, "Lars Berg").put("relationship", "friendly")))
                .header("If-Match", "\"r1\"").when().put(PLANS + "/" + id);
        problem(r, 422, "urn:parley:problem:validation");
        assertThat(ok(PLANS + "/" + id).get("revision").asInt()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- concurrency

    /**
     * Writers that all read the same revision and change it at once: per round exactly one wins,
     * the rest are told the plan moved on; the plan advances one revision per round and every
     * revision written is kept, whole, as the winner sent it.
     */
    @Test
    void concurrentUpdatesOfOneRevisionLetExactlyOneWin() throws Exception {
        int writers = 6;
        int rounds = 5;
        String account = account("Concurrent");
        long id = created(plan(account, "Dana Reyes"));
        List<ObjectNode> winners = new ArrayList<>();
        List<String> winnerAuthors = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < rounds; round++) {
                int revision = 1 + round;
                String etag = "\"r" + revision + "\"";
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                List<ObjectNode> bodies = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    ObjectNode body = change("Writer " + w, "round " + round + " by writer " + w,
                            plan(account, "Owner " + round + "-" + w).put("nextReview", "2027-0" + (1 + w) + "-1" + round));
                    bodies.add(body);
                    answers.add(pool.submit(() -> {
                        start.await();
                        return put(id, etag, body);
                    }));
                }
                start.countDown();
                int won = -1;
                for (int w = 0; w < writers; w++) {
                    Response r = answers.get(w).get(60, TimeUnit.SECONDS);
                    if (r.statusCode() == 200) {
                        assertThat(won).as("round %d: a second writer won", round).isEqualTo(-1);
                        won = w;
                        r.then().header("ETag", "\"r" + (revision + 1) + "\"");
                        assertThat(Fixtures.json(r.asString()).get("revision").asInt()).isEqualTo(revision + 1);
                    } else {
                        JsonNode p = problem(r, 412, "urn:parley:problem:stale-revision");
                        assertThat(p.get("currentRevision").asInt()).as("round %d", round).isEqualTo(revision + 1);
                    }
                }
                assertThat(won).as("round %d: nobody won", round).isNotEqualTo(-1);
                winners.add((ObjectNode) bodies.get(won).get("plan"));
                winnerAuthors.add("Writer " + won);

                Response now = get(PLANS + "/" + id);
                now.then().statusCode(200).header("ETag", "\"r" + (revision + 1) + "\"");
                assertThat(Fixtures.json(now.asString()).get("plan")).isEqualTo(((ObjectNode) bodies.get(won).get("plan")).deepCopy()
                        .put("status", "draft"));
            }
        } finally {
            pool.shutdownNow();
        }

        JsonNode revs = ok(PLANS + "/" + id + "/revisions").get("revisions");
        assertThat(revs).hasSize(1 + rounds);
        for (int n = 1; n <= 1 + rounds; n++) {
            assertThat(revs.get(n - 1).get("revision").asInt()).isEqualTo(n);
        }
        for (int round = 0; round < rounds; round++) {
            int n = round + 2;
            assertThat(revs.get(n - 1).get("author").asText()).isEqualTo(winnerAuthors.get(round));
            JsonNode rev = ok(PLANS + "/" + id + "/revisions/" + n);
            assertThat(rev.get("message").asText()).startsWith("round " + round + " by ");
            assertThat(rev.get("plan")).isEqualTo(winners.get(round).deepCopy().put("status", "draft"));
        }
    }
}
