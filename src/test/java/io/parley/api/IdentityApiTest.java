package io.parley.api;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.Fixtures;
import io.parley.TestCaller;
import io.parley.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Who calls: API keys created and revoked by an administrator, OpenID Connect tokens verified
 * against the identity provider's JWKS, and everything that must be refused with a 401.
 */
@QuarkusTest
class IdentityApiTest {

    static final String METRICS = "/api/v1/metrics";
    static final String KEYS = "/api/v1/keys";

    static RequestSpecification as(String authorization) {
        return given().filter(Contract.CONFORMS).header("Authorization", authorization);
    }

    static RequestSpecification anonymous() {
        return given().filter(Contract.RESPONSE_CONFORMS).header(TestCaller.ANONYMOUS, "true");
    }

    static void refused(Response r) {
        r.then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", org.hamcrest.Matchers.equalTo("urn:parley:problem:unauthenticated"));
    }

    /** A new key of the test tenant with {@code roles}, created by the suite's administrator: its id and secret. */
    static JsonNode newKey(String name, String... roles) {
        var request = Fixtures.MAPPER.createObjectNode().put("name", name);
        var list = request.putArray("roles");
        for (String r : roles) list.add(r);
        Response r = given().filter(Contract.CONFORMS).contentType(ContentType.JSON).body(request.toString()).post(KEYS);
        r.then().statusCode(201).header("Location", containsString(KEYS + "/"));
        return Fixtures.json(r.asString());
    }

    @Test
    void anonymousCallsAreRefusedAndTheContractAndHealthStayPublic() {
        refused(anonymous().get(METRICS));
        refused(anonymous().get("/api/v1/plans"));
        anonymous().get("/openapi.yaml").then().statusCode(200);
        given().header(TestCaller.ANONYMOUS, "true").get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aKeyIsShownOnceStoredAsAHashAndRevokedFromTheNextRequestOn() {
        JsonNode created = newKey("nightly export", "viewer");
        String secret = created.get("secret").asText();
        assertThat(secret).startsWith("pk_").hasSize(3 + 43); // 256 bits in base64url
        assertThat(created.get("tenant").asText()).isEqualTo(TestCaller.TENANT);
        as("Bearer " + secret).get(METRICS).then().statusCode(200);
        // listed without its secret, with its last use
        JsonNode listed = Fixtures.json(given().filter(Contract.CONFORMS).get(KEYS).then().statusCode(200).extract().asString());
        JsonNode mine = null;
        for (JsonNode k : listed.get("items")) if (k.get("id").asLong() == created.get("id").asLong()) mine = k;
        assertThat(mine).isNotNull();
        assertThat(mine.has("secret")).isFalse();
        assertThat(mine.get("lastUsedAt")).isNotNull();
        given().filter(Contract.CONFORMS).delete(KEYS + "/" + created.get("id").asLong()).then().statusCode(200)
                .body("revokedAt", org.hamcrest.Matchers.notNullValue());
        refused(as("Bearer " + secret).get(METRICS));
    }

    @Test
    void aViewerKeyMayReadButNotAdministerNorAnalyse() {
        String secret = newKey("dashboard", "viewer").get("secret").asText();
        as("Bearer " + secret).get("/api/v1/plans").then().statusCode(200);
        as("Bearer " + secret).get(KEYS).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("viewer"));
    }

    @Test
    void aPathWithDotSegmentsDoesNotReachTheKeysUnderAPlanPathsRule() {
        String manager = "Bearer " + TestTokens.signed(TestTokens.claims("max", TestCaller.TENANT, "manager"));
        String adminKey = "{\"name\": \"escalated\", \"roles\": [\"admin\"]}";
        for (String path : new String[] {"/api/v1/plans/%2e%2e/keys", "/api/v1/plans/%2E%2E/keys", "/api/v1/plans/..;x=1/keys"}) {
            given().urlEncodingEnabled(false).header("Authorization", manager).contentType(ContentType.JSON)
                    .body(adminKey).post(path).then().statusCode(anyOf(is(400), is(404)));
            given().urlEncodingEnabled(false).header("Authorization", manager).get(path).then().statusCode(anyOf(is(400), is(404)));
        }
    }

    @Test
    void unknownAndMalformedCredentialsAreRefused() {
        refused(as("Bearer pk_" + "A".repeat(43)).get(METRICS));
        refused(given().filter(Contract.RESPONSE_CONFORMS).header("Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l").get(METRICS));
        refused(as("Bearer not-a-token").get(METRICS));
    }

    @Test
    void aTokenOfTheIdentityProviderIdentifiesAPersonOfItsTenant() {
        String token = TestTokens.signed(TestTokens.claims("dana", TestCaller.TENANT, "viewer"));
        as("Bearer " + token).get(METRICS).then().statusCode(200);
        as("Bearer " + token).get(KEYS).then().statusCode(403);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        refused(as("Bearer " + TestTokens.signed(TestTokens.claims("dana", TestCaller.TENANT, "viewer")
                .issuedAt(past.minusSeconds(600)).expiresAt(past))).get(METRICS));
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        Instant future = Instant.now().plusSeconds(3600);
        refused(as("Bearer " + TestTokens.signed(TestTokens.claims("dana", TestCaller.TENANT, "viewer")
                .claim("nbf", future.getEpochSecond()))).get(METRICS));
    }

    @Test
    void aTokenOfAnotherIssuerOrForAnotherAudienceIsRefused() {
        refused(as("Bearer " + TestTokens.signed(TestTokens.claims("dana", TestCaller.TENANT, "viewer")
                .issuer("https://evil.example/"))).get(METRICS));
        refused(as("Bearer " + TestTokens.signed(TestTokens.claims("dana", TestCaller.TENANT, "viewer")
                .audience("another-service"))).get(METRICS));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        refused(as("Bearer " + TestTokens.unsigned(TestTokens.claims("dana", TestCaller.TENANT, "admin"))).get(METRICS));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        refused(as("Bearer " + TestTokens.signedByAnotherKey(TestTokens.claims("dana", TestCaller.TENANT, "admin")))
                .get(METRICS));
    }

    @Test
    void aTokenWithoutATenantIsRefused() {
        refused(as("Bearer " + TestTokens.signed(TestTokens.claims("dana", TestCaller.TENANT, "viewer")
                .remove("tenant"))).get(METRICS));
    }
}
