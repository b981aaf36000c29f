package io.parley.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.TestCaller;
import io.parley.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorisation matrix (issue 14, "Done when"): every operation of openapi.yaml, read from the
 * file so that a new operation cannot be left out, called as anonymous, as each role of the tenant,
 * as a manager the plan does not name, and as an administrator of another tenant, with the
 * contract's request example. Expected per cell, from the operation's {@code x-parley-roles} (which
 * ContractRolesTest ties to identity/AccessRules):
 * <ul>
 *   <li>anonymous: 401 (public operations: 200);</li>
 *   <li>a role the operation does not list: 403;</li>
 *   <li>a role it lists: neither 401 nor 403 nor 5xx (2xx, or a 4xx about the request itself);</li>
 *   <li>a manager neither owner nor on the team, on a change of a stored plan: 403;</li>
 *   <li>another tenant's administrator, on anything named by a path parameter (a plan, its parts,
 *       a key): 404, never 403, so existence never leaks; and no answer to it ever holds the fixture's
 *       marker (its account's name, its creator's name).</li>
 * </ul>
 * Every answer must be one the contract declares for the operation. Each operation gets a fresh
 * fixture: a plan naming the manager on its team, a scenario, actuals, a link and a key.
 */
@QuarkusTest
class AuthorisationMatrixApiTest {

    private static final ContractOperations CONTRACT = ContractOperations.read();
    private static final String TENANT = TestCaller.TENANT;

    private static final Map<String, String> ROLES = new LinkedHashMap<>();

    static {
        ROLES.put("viewer", "vera");
        ROLES.put("analyst", "anton");
        ROLES.put("manager", "mia");
        ROLES.put("admin", "ada");
    }

    /** The fixture's ids, and the marker no other tenant may ever read. */
    private record Fixture(String marker, long plan, long scenario, long link, long key) {
    }

    @Test
    void everyOperationAnswersEachCallerAsItsRolesSay() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (ContractOperations.Operation op : CONTRACT.all()) {
            Fixture f = fixture();
            if (op.isPublic()) {
                expect(wrong, op, "anonymous", call(op, f, null).statusCode(), 200, 200);
                cells++;
                continue;
            }
            expect(wrong, op, "anonymous", call(op, f, null).statusCode(), 401, 401);
            cells++;
            String outsider = token("otto", TENANT, "manager");
            Response other = call(op, f, token("olga", "acme-other", "viewer", "manager", "analyst", "admin"));
            if (op.hasPathParameters()) expect(wrong, op, "another tenant", other.statusCode(), 404, 404);
            else allowed(wrong, op, "another tenant", other.statusCode());
            if (other.asString().contains(f.marker())) wrong.add(op + " as another tenant: the answer holds the fixture's marker");
            cells++;
            int asOutsider = call(op, f, outsider).statusCode();
            if (op.changesAStoredPlan()) expect(wrong, op, "manager not on the team", asOutsider, 403, 403);
            else if (op.roles().contains("manager")) allowed(wrong, op, "manager not on the team", asOutsider);
            else expect(wrong, op, "manager not on the team", asOutsider, 403, 403);
            cells++;
            for (Map.Entry<String, String> role : ROLES.entrySet()) {
                int status = call(op, f, token(role.getValue(), TENANT, role.getKey())).statusCode();
                if (op.roles().contains(role.getKey())) allowed(wrong, op, role.getKey(), status);
                else expect(wrong, op, role.getKey(), status, 403, 403);
                cells++;
            }
        }
        assertThat(wrong).as("cells of the matrix that answered otherwise").isEmpty();
        assertThat(cells).isGreaterThan(CONTRACT.all().size() * 6);
    }

    private static void expect(List<String> wrong, ContractOperations.Operation op, String who, int status, int low, int high) {
        if (status < low || status > high) wrong.add(op + " as " + who + ": " + status + ", expected " + (low == high ? low : low + "–" + high));
    }

    private static void allowed(List<String> wrong, ContractOperations.Operation op, String who, int status) {
        if (status == 401 || status == 403 || status >= 500 || status < 200) {
            wrong.add(op + " as " + who + ": " + status + ", expected 2xx or a 4xx about the request");
        }
    }

    private static String token(String name, String tenant, String... roles) {
        return TestTokens.signed(TestTokens.claims(name, tenant, roles));
    }

    /** One call of the operation on the fixture, by {@code bearer} (null: anonymous). */
    private Response call(ContractOperations.Operation op, Fixture f, String bearer) {
        RequestSpecification r = given().filter(Contract.RESPONSE_CONFORMS).redirects().follow(false);
        if (bearer == null) r.header(TestCaller.ANONYMOUS, "yes");
        else r.header("Authorization", "Bearer " + bearer);
        r.accept(ContractOperations.answerType(op));
        for (JsonNode p : op.parameters()) {
            String name = p.path("name").asText();
            if (name.equals("If-Match")) r.header("If-Match", "\"r1\"");
            else if (p.path("required").asBoolean() && p.path("in").asText().equals("query")) {
                r.queryParam(name, p.has("example") ? p.get("example").asText() : p.path("schema").path("example").asText());
            }
        }
        JsonNode body = CONTRACT.requestExample(op);
        if (body != null) r.contentType("application/json").body(body.toString());
        return r.request(op.method().toUpperCase(), path(op.path(), f));
    }

    private static String path(String template, Fixture f) {
        return template.replace("/api/v1/keys/{id}", "/api/v1/keys/" + f.key())
                .replace("{id}", Long.toString(f.plan())).replace("{sid}", Long.toString(f.scenario()))
                .replace("{linkId}", Long.toString(f.link())).replace("{number}", "1").replace("{period}", "1")
                .replace("{metric}", "npv");
    }

    /** A plan whose team names the manager 'mia' by user name, with a scenario, actuals, a link and a key; made by an administrator named by the marker. */
    private Fixture fixture() {
        String marker = "matrix-" + UUID.randomUUID();
        String admin = "Bearer " + token(marker, TENANT, "admin");
        ObjectNode plan = (ObjectNode) example("/api/v1/plans", "post").deepCopy();
        ObjectNode doc = (ObjectNode) plan.get("plan");
        ((ObjectNode) doc.get("account")).put("name", marker);
        doc.withArray("team").addObject().put("name", "Mia Manager").put("role", "Account manager").put("user", "mia");
        long id = created(admin, "/api/v1/plans", plan);
        long scenario = created(admin, "/api/v1/plans/" + id + "/scenarios", example("/api/v1/plans/{id}/scenarios", "post"));
        given().header("Authorization", admin).contentType("application/json")
                .body(example("/api/v1/plans/{id}/actuals", "post").toString()).post("/api/v1/plans/" + id + "/actuals")
                .then().statusCode(200);
        long link = created(admin, "/api/v1/plans/" + id + "/links", Fixtures.json("{}"));
        ObjectNode key = (ObjectNode) example("/api/v1/keys", "post").deepCopy();
        key.put("name", marker).remove("expiresAt");
        long keyId = created(admin, "/api/v1/keys", key);
        return new Fixture(marker, id, scenario, link, keyId);
    }

    private static JsonNode example(String path, String method) {
        return CONTRACT.all().stream().filter(o -> o.path().equals(path) && o.method().equals(method)).findFirst()
                .map(CONTRACT::requestExample).orElseThrow();
    }

    private static long created(String admin, String path, JsonNode body) {
        Response r = given().header("Authorization", admin).contentType("application/json").body(body.toString()).post(path);
        r.then().statusCode(201);
        return Fixtures.json(r.asString()).get("id").asLong();
    }
}
