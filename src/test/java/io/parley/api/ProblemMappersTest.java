package io.parley.api;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import javax.transaction.xa.XAException;

import jakarta.transaction.RollbackException;
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
    void aHeapThatRanOutIsA503WithRetryAfterWhereverItWasThrown() {
        // thrown on the request's thread, and on a pool thread of a simulation (wrapped by analysis/Blocks)
        for (Response r : new Response[] {new ProblemMappers().outOfMemory(new OutOfMemoryError("Java heap space"), AT_PLANS),
                new ProblemMappers().unexpected(new IllegalStateException("a block of the simulation failed",
                        new OutOfMemoryError("Java heap space")), AT_PLANS)}) {
            assertThat(r.getStatus()).isEqualTo(503);
            assertThat(r.getHeaderString("Retry-After")).isEqualTo("10");
            assertThat(((Problem) r.getEntity()).type()).isEqualTo("urn:parley:problem:busy");
            assertThat(((Problem) r.getEntity()).detail()).doesNotContain("heap space");
        }
    }

    @Test
    void aBugIsStillA500WithoutInternals() {
        Response r = new ProblemMappers().unexpected(new RuntimeException(new SQLSyntaxErrorException("bad column")), AT_PLANS);
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(((Problem) r.getEntity()).detail()).doesNotContain("bad column");
        assertThat(r.getHeaderString("Retry-After")).isNull();
    }

    /**
     * What Narayana throws when the connection dies during COMMIT: ARJUNA016053, whose cause chain holds
     * nothing of the database; the driver's error hangs on it as a suppressed XAException's cause.
     */
    static RollbackException commitLost() {
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        XAException xa = new XAException(XAException.XAER_RMFAIL);
        xa.initCause(new SQLNonTransientConnectionException("(conn=42) Connection reset", "08000"));
        rollback.addSuppressed(xa);
        return rollback;
    }

    @Test
    void aCommitThatLosesTheDatabaseIsA503OutcomeUnknownNamingHowToFindOut() {
        // as the @Transactional interceptor or QuarkusTransaction hands it on: wrapped once more
        RuntimeException wrapped = new RuntimeException("commit failed", commitLost());
        Response r = new ProblemMappers().unexpected(wrapped, AT_PLANS);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        Problem p = (Problem) r.getEntity();
        assertThat(p.type()).isEqualTo("urn:parley:problem:outcome-unknown");
        assertThat(p.status()).isEqualTo(503);
        assertThat(p.detail()).contains("may or may not have been stored").contains("/revisions")
                .contains("same Idempotency-Key").doesNotContainIgnoringCase("nothing was changed")
                .doesNotContain("ARJUNA").doesNotContain("SQL").doesNotContain("XA");
        assertThat(p.instance()).isEqualTo("/api/v1/plans");
    }

    @Test
    void theCommitFailureIsClassifiedWhereverTheDriverErrorHangs() {
        assertThat(ProblemMappers.failedAtCommit(commitLost())).isTrue();
        // the driver's error as the cause, not suppressed
        assertThat(ProblemMappers.failedAtCommit(new RollbackException("ARJUNA016053")
                .initCause(new SQLTransientConnectionException("Connection refused")))).isTrue();
        // the suppressed XAException alone, without the rollback around it
        XAException xa = new XAException(XAException.XAER_RMFAIL);
        xa.initCause(new SQLNonTransientConnectionException("gone"));
        assertThat(ProblemMappers.failedAtCommit(new IllegalStateException(xa))).isTrue();
    }

    @Test
    void aRollbackAtCommitWithoutTheDatabaseAtFaultIsNotOutcomeUnknown() {
        // a bug that made the commit fail: nothing says the database went away, so it is ours, a 500
        RollbackException bug = new RollbackException("ARJUNA016053: Could not commit transaction.");
        bug.addSuppressed(new IllegalStateException("a synchronisation failed"));
        assertThat(ProblemMappers.failedAtCommit(bug)).isFalse();
        Response r = new ProblemMappers().unexpected(new RuntimeException(bug), AT_PLANS);
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(r.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void aDatabaseFailureBeforeTheCommitIsUnavailableNotOutcomeUnknown() {
        // a statement failed: the transaction never reached COMMIT, so nothing was changed
        RuntimeException statement = new RuntimeException("could not execute statement",
                new SQLNonTransientConnectionException("Connection reset"));
        assertThat(ProblemMappers.failedAtCommit(statement)).isFalse();
        Problem p = (Problem) new ProblemMappers().unexpected(statement, AT_PLANS).getEntity();
        assertThat(p.type()).isEqualTo("urn:parley:problem:unavailable");
    }

    @Test
    void aConnectionFailureHungOnlyAsSuppressedIsStillTheDatabase() {
        RuntimeException closing = new RuntimeException("closing the session failed");
        closing.addSuppressed(new SQLNonTransientConnectionException("Connection reset"));
        Response r = new ProblemMappers().unexpected(closing, AT_PLANS);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(((Problem) r.getEntity()).type()).isEqualTo("urn:parley:problem:unavailable");
    }

    @Test
    void aConnectionThatDiedBeforeItsEnlistmentIsUnavailable() {
        // Agroal's wording, seen in WritesUnderFaultTest when the database was killed under the pool
        RuntimeException enlist = new RuntimeException("Unable to acquire JDBC Connection",
                new SQLException("Exception in association of connection to existing transaction",
                        new SQLException("Failed to enlist. Check if a connection from another datasource is already "
                                + "enlisted to the same transaction")));
        assertThat(ProblemMappers.failedAtCommit(enlist)).isFalse();
        Response r = new ProblemMappers().unexpected(enlist, AT_PLANS);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(((Problem) r.getEntity()).type()).isEqualTo("urn:parley:problem:unavailable");
    }

    @Test
    void theChainVisitsCausesAndSuppressedOnceEvenInACycle() {
        RuntimeException outer = new RuntimeException("outer");
        IllegalStateException inner = new IllegalStateException("inner", outer);
        outer.initCause(inner); // a cycle through causes
        SQLException hung = new SQLException("hung");
        inner.addSuppressed(hung);
        inner.addSuppressed(outer); // and through suppressed
        assertThat(ProblemMappers.chain(outer)).containsExactlyInAnyOrder(outer, inner, hung);
    }

    @Test
    void templatedPathsKnowTheirMethods() {
        assertThat(AllowedMethods.at("/api/v1/plans/7")).containsExactly("GET", "PUT");
        assertThat(AllowedMethods.at("/api/v1/plans/7/scenarios/3/metrics/npv")).containsExactly("GET");
        assertThat(AllowedMethods.at("/api/v1/evaluate")).containsExactly("POST");
    }

    @Test
    void aWriteCutBecauseTheClientLeftIsNotAnInternalError() {
        // as Quarkus's output stream reports it, wrapped twice on its way out of a streamed answer
        RuntimeException cut = new RuntimeException(new java.io.IOException(new java.io.IOException("Failed to write",
                new java.io.IOException(ProblemMappers.CONNECTION_CLOSED))));
        assertThat(ProblemMappers.clientWentAway(cut)).isTrue();
        assertThat(new ProblemMappers().unexpected(cut, AT_PLANS).getStatus()).isEqualTo(503);
        assertThat(ProblemMappers.clientWentAway(new RuntimeException(new java.nio.channels.ClosedChannelException()))).isTrue();
        RuntimeException fault = new RuntimeException(new java.io.IOException("disk full"));
        assertThat(ProblemMappers.clientWentAway(fault)).isFalse();
        assertThat(new ProblemMappers().unexpected(fault, AT_PLANS).getStatus()).isEqualTo(500);
    }
}
