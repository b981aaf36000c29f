package io.parley.api;

import org.junit.jupiter.api.Test;

import io.parley.TestCaller;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer carries X-Content-Type-Options and Referrer-Policy, whoever writes it (a resource, a
 * problem document of the authentication filter or of the router, a static page); the pages also a
 * Content-Security-Policy. CORS is off unless configured (CorsApiTest has it on).
 */
@QuarkusTest
class SecurityHeadersApiTest {

    @Test
    void anApiAnswerCarriesTheHeadersButNoPagePolicy() {
        Response r = given().get("/api/v1/metrics");
        r.then().statusCode(200);
        assertCommonHeaders(r);
        assertThat(r.header("Content-Security-Policy")).isNull();
    }

    @Test
    void aNotFoundProblemCarriesThem() {
        Response r = given().get("/api/v1/no-such-thing");
        r.then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        assertCommonHeaders(r);
        Response outside = given().get("/no-such-page");
        outside.then().statusCode(404);
        assertCommonHeaders(outside);
    }

    @Test
    void anUnauthenticatedProblemCarriesThem() {
        Response r = given().header(TestCaller.ANONYMOUS, "true").get("/api/v1/plans");
        r.then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        assertCommonHeaders(r);
    }

    @Test
    void theWorkbenchMayLoadOnlyFromItsOwnOriginAndIsNeverFramed() {
        Response r = given().header(TestCaller.ANONYMOUS, "true").get("/workbench/");
        r.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/html"));
        assertCommonHeaders(r);
        String policy = r.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'self'", "script-src 'self';", "connect-src 'self'",
                "object-src 'none'", "frame-ancestors 'none'");
        assertThat(policy).doesNotContain("unsafe-eval", "appsforoffice", "*");
        // the page has no inline script or handler, which this policy would refuse
        assertThat(r.asString()).doesNotContainPattern("(?i)<script(?![^>]*\\bsrc=)|\\son[a-z]+=");
    }

    @Test
    void theTaskPaneMayAlsoLoadOfficeJsFromMicrosoftAndNothingElseFromElsewhere() {
        Response r = given().header(TestCaller.ANONYMOUS, "true").get("/addin/taskpane.html");
        r.then().statusCode(200);
        assertCommonHeaders(r);
        String policy = r.header("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self' https://appsforoffice.microsoft.com;", "connect-src 'self'");
        // Office frames the task pane, so no frame-ancestors; and the one foreign script is office.js
        assertThat(policy).doesNotContain("frame-ancestors");
        assertThat(r.asString()).contains("<script src=\"https://appsforoffice.microsoft.com/lib/1/hosted/office.js\">");
        assertThat(r.asString().replaceAll("https://appsforoffice\\.microsoft\\.com/", "")).doesNotContain("https://", "http://");
        assertThat(r.asString()).doesNotContainPattern("(?i)<script(?![^>]*\\bsrc=)|\\son[a-z]+=");
    }

    @Test
    void aPathThatMerelyStartsLikeAPageGetsNoPagePolicy() {
        assertThat(SecurityHeaders.forPath("/workbenchx")).doesNotContainKey("Content-Security-Policy");
        assertThat(SecurityHeaders.forPath("/addins")).doesNotContainKey("Content-Security-Policy");
        assertThat(SecurityHeaders.forPath("/workbench")).containsEntry("Content-Security-Policy", SecurityHeaders.WORKBENCH_POLICY);
        assertThat(SecurityHeaders.forPath("/addin/manifest.xml")).containsEntry("Content-Security-Policy", SecurityHeaders.TASK_PANE_POLICY);
    }

    @Test
    void corsIsOffByDefault() {
        Response r = given().header(TestCaller.ANONYMOUS, "true").header("Origin", "https://addin.example.com")
                .header("Access-Control-Request-Method", "POST").options("/api/v1/evaluate");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(r.header("Access-Control-Allow-Methods")).isNull();
    }

    private static void assertCommonHeaders(Response r) {
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
