package io.parley.identity;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRulesTest {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
            "GET, /api/v1/plans, READ_PLANS",
            "GET, /api/v1/plans/7/revisions/2, READ_PLANS",
            "GET, /api/v1/plans/7/scenarios/3/metrics/npv, READ_PLANS",
            "POST, /api/v1/plans/7/scenarios/3/evaluate, READ_PLANS",
            "POST, /api/v1/plans, WRITE_PLANS",
            "PUT, /api/v1/plans/7, WRITE_PLANS",
            "POST, /api/v1/plans/7/scenarios, WRITE_PLANS",
            "POST, /api/v1/plans/7/scenarios/3/agree, WRITE_PLANS",
            "POST, /api/v1/plans/7/actuals, WRITE_PLANS",
            "DELETE, /api/v1/plans/7/actuals/4, WRITE_PLANS",
            "POST, /api/v1/plans/7/archive, ARCHIVE_PLANS",
            // a plan's links, even listed, are for those who may change it
            "GET, /api/v1/plans/7/links, WRITE_PLANS",
            "POST, /api/v1/plans/7/links, WRITE_PLANS",
            "DELETE, /api/v1/plans/7/links/2, WRITE_PLANS",
            "POST, /api/v1/evaluate, ANALYSE",
            "POST, /api/v1/compare, ANALYSE",
            "POST, /api/v1/analyses/sweep, ANALYSE",
            "POST, /api/v1/optimize/frontier, ANALYSE",
            "GET, /api/v1/metrics, READ_REFERENCE",
            "POST, /api/v1/keys, ADMINISTER",
            "DELETE, /api/v1/keys/3, ADMINISTER",
            "GET, /api/v1/audit, ADMINISTER",
            // what no rule names is closed to all but administrators
            "GET, /api/v2/plans, ADMINISTER",
            "GET, /api/v1/something-new, ADMINISTER",
            // a path that only looks like a plan path is no plan path
            "GET, /api/v1/plansX, ADMINISTER",
    })
    void everyApiPathNeedsAPermission(String method, String path, Permission needed) {
        assertThat(AccessRules.required(method, path)).contains(needed);
    }

    @ParameterizedTest(name = "{0} {1} is public")
    @CsvSource({
            "GET, /openapi.yaml",
            "GET, /openapi.json",
            "GET, /q/openapi",
            "GET, /q/health/ready",
            "GET, /q/metrics",
            "GET, /workbench/",
            "GET, /addin/manifest.xml",
    })
    void theContractHealthAndPagesArePublic(String method, String path) {
        assertThat(AccessRules.required(method, path)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0} is refused unread")
    @CsvSource({
            "/api/v1/plans/../keys",
            "/api/v1/plans/%2e%2e/keys",
            "/api/v1/plans/%2E%2E/keys",
            "/api/v1/plans/..;x=1/keys",
            "/api/v1/plans/./1",
            "/api/v1//keys",
            "/api/v1/plans/..",
    })
    void pathsTheHttpLayerWouldResolveAreNotReadByTheRules(String path) {
        assertThat(AccessRules.isCanonical(path)).isFalse();
    }

    @Test
    void ordinaryPathsAreCanonical() {
        assertThat(AccessRules.isCanonical("/api/v1/plans/7/scenarios/3/metrics/npv")).isTrue();
        assertThat(AccessRules.isCanonical("/workbench/")).isTrue();
        assertThat(AccessRules.isCanonical("/api/v1/plans/7;v=1")).isTrue();
    }

    @Test
    void rolesGrantWhatTheIssueSays() {
        assertThat(Role.VIEWER.grants(Permission.READ_PLANS)).isTrue();
        assertThat(Role.VIEWER.grants(Permission.WRITE_PLANS)).isFalse();
        assertThat(Role.VIEWER.grants(Permission.ANALYSE)).isFalse();
        assertThat(Role.MANAGER.grants(Permission.WRITE_PLANS)).isTrue();
        assertThat(Role.MANAGER.grants(Permission.ARCHIVE_PLANS)).isFalse();
        assertThat(Role.MANAGER.grants(Permission.ANALYSE)).isFalse();
        assertThat(Role.ANALYST.grants(Permission.ANALYSE)).isTrue();
        assertThat(Role.ANALYST.grants(Permission.WRITE_PLANS)).isFalse();
        for (Permission p : Permission.values()) assertThat(Role.ADMIN.grants(p)).isTrue();
        for (Role r : Role.values()) {
            assertThat(r.grants(Permission.ADMINISTER)).isEqualTo(r == Role.ADMIN);
        }
    }
}
