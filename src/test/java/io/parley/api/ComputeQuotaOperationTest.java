package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The operation tag of the work counters: the path, with ids made {@code {id}} so the series stay few. */
class ComputeQuotaOperationTest {

    @Test
    void numericIdsBecomeOnePlaceholderAndNamesStay() {
        assertThat(ComputeQuota.operationOf("/api/v1/analyses/sweep")).isEqualTo("/api/v1/analyses/sweep");
        assertThat(ComputeQuota.operationOf("/api/v1/plans/42/scenarios/7/figures")).isEqualTo("/api/v1/plans/{id}/scenarios/{id}/figures");
        assertThat(ComputeQuota.operationOf("/api/v1/plans/42")).isEqualTo("/api/v1/plans/{id}");
        assertThat(ComputeQuota.operationOf("/api/v1/plans/42/figures/npv")).isEqualTo("/api/v1/plans/{id}/figures/npv");
    }

    @Test
    void aSegmentThatOnlyStartsWithADigitOrHoldsOneLaterIsNoId() {
        assertThat(ComputeQuota.operationOf("/api/v1/plans/7x/figures")).isEqualTo("/api/v1/plans/7x/figures");
        assertThat(ComputeQuota.operationOf("/api/v1/plans/x7")).isEqualTo("/api/v1/plans/x7");
        assertThat(ComputeQuota.operationOf("/api/v1/plans/7x/scenarios/3")).isEqualTo("/api/v1/plans/7x/scenarios/{id}");
        assertThat(ComputeQuota.operationOf("/")).isEqualTo("/");
        assertThat(ComputeQuota.operationOf("/9")).isEqualTo("/{id}");
    }
}
