package io.parley.api;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures that are ours: a database that is down is a 503 to retry, never a 500 with internals. */
class ProblemMappersTest {

    static final UriInfo AT_PLANS = (UriInfo) java.lang.reflect.Proxy.newProxyInstance(UriInfo.class.getClassLoader(),
            new Class<?>[] {UriInfo.class}, (proxy, method, args) -> method.getName().equals("getPath") ? "/api/v1/plans" : null);

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() {
        RuntimeException wrapped = new RuntimeException("could not open a connection",
                new IllegalStateException(new SQLTransientConnectionException("Connection refused")));
        Response r = new ProblemMappers().unexpected(wrapped, AT_PLANS);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        Problem p = (Problem) r.getEntity();
        assertThat(p.type()).isEqualTo("urn:parley:problem:unavailable");
        assertThat(p.detail()).doesNotContain("Connection refused").doesNotContain("SQL");
        assertThat(new ProblemMappers().unexpected(new RuntimeException(new SQLNonTransientConnectionException("gone")), AT_PLANS)
                .getStatus()).isEqualTo(503);
    }

    @Test
    void aDatabaseThatDoesNotHandOutAConnectionInTimeIsA503() {
        // what Agroal throws when its acquisition timeout passes: a plain SQLException, no SQLState
        RuntimeException timedOut = new RuntimeException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException()));
        Response r = new ProblemMappers().unexpected(timedOut, AT_PLANS);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
    }

    @Test
    void aBugIsStillA500WithoutInternals() {
        Response r = new ProblemMappers().unexpected(new RuntimeException(new SQLSyntaxErrorException("bad column")), AT_PLANS);
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(((Problem) r.getEntity()).detail()).doesNotContain("bad column");
        assertThat(r.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void templatedPathsKnowTheirMethods() {
        assertThat(AllowedMethods.at("/api/v1/plans/7")).containsExactly("GET", "PUT");
        assertThat(AllowedMethods.at("/api/v1/plans/7/scenarios/3/metrics/npv")).containsExactly("GET");
        assertThat(AllowedMethods.at("/api/v1/evaluate")).containsExactly("POST");
    }
}
