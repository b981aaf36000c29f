package io.parley;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every REST Assured call of the suite is made by the test tenant's administrator unless it says
 * otherwise: a call that sends its own {@code Authorization} keeps it, and one marked
 * {@link #ANONYMOUS} is sent with none. Registered for every test class through JUnit's extension
 * autodetection (META-INF/services, junit-platform.properties), and for every Quarkus test method,
 * whose REST Assured lives in Quarkus' class loader, as a Quarkus test callback (META-INF/services).
 */
public class TestCaller implements BeforeAllCallback, QuarkusTestBeforeEachCallback {

    /** The test profile's seed administrator key of the tenant {@link #TENANT} (application.properties). */
    public static final String ADMIN_KEY = "pk_test-administrator-key-of-the-test-suite-0001";
    public static final String TENANT = "test";
    /** A header that marks a call to be sent without credentials; it is removed before sending. */
    public static final String ANONYMOUS = "X-Test-Anonymous";
    private static final String AUTHORIZATION = "Authorization";

    private static final Filter DEFAULT_CALLER = new Filter() {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                               FilterContext context) {
            if (request.getHeaders().hasHeaderWithName(ANONYMOUS)) {
                request.removeHeader(ANONYMOUS);
            } else if (!request.getHeaders().hasHeaderWithName(AUTHORIZATION)) {
                request.header(AUTHORIZATION, "Bearer " + ADMIN_KEY);
            }
            return context.next(request, response);
        }
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        callAsAdministrator();
    }

    /** A Quarkus test runs in Quarkus' class loader, with a REST Assured of its own: set there too. */
    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        callAsAdministrator();
    }

    private static void callAsAdministrator() {
        if (!RestAssured.filters().contains(DEFAULT_CALLER)) RestAssured.filters(DEFAULT_CALLER);
    }
}
