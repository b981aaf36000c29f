package io.parley.identity;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A spreadsheet link reaches GET text/plain and CSV reads of its own plan (and scenario) only. */
class LinkReadsTest {

    private static final LinkScope PLAN_7 = new LinkScope(7, OptionalLong.empty());
    private static final LinkScope SCENARIO_7_3 = new LinkScope(7, OptionalLong.of(3));

    @Test
    void theMetricAndFiguresReadsAreALinksWhateverTheyAccept() {
        assertThat(LinkReads.target("GET", "/api/v1/plans/7/scenarios/3/metrics/npv", null)).contains(SCENARIO_7_3);
        assertThat(LinkReads.target("GET", "/api/v1/plans/7/scenarios/3/figures", "*/*")).contains(SCENARIO_7_3);
        assertThat(LinkReads.target("GET", "/api/v1/plans/7/figures", null)).contains(PLAN_7);
    }

    @Test
    void actualsAndVarianceAreALinksOnlyAsCsv() {
        assertThat(LinkReads.target("GET", "/api/v1/plans/7/actuals", "text/csv")).contains(PLAN_7);
        assertThat(LinkReads.target("GET", "/api/v1/plans/7/variance", "text/csv; charset=utf-8")).contains(PLAN_7);
        assertThat(LinkReads.target("GET", "/api/v1/plans/7/variance", "application/json")).isEmpty();
        assertThat(LinkReads.target("GET", "/api/v1/plans/7/actuals", null)).isEmpty();
    }

    @Test
    void writesAndOtherReadsAreNotALinks() {
        assertThat(LinkReads.target("POST", "/api/v1/plans/7/scenarios/3/evaluate", null)).isEmpty();
        assertThat(LinkReads.target("POST", "/api/v1/plans/7/figures", null)).isEmpty();
        assertThat(LinkReads.target("DELETE", "/api/v1/plans/7/actuals/1", "text/csv")).isEmpty();
        assertThat(LinkReads.target("GET", "/api/v1/plans/7", null)).isEmpty();
        assertThat(LinkReads.target("GET", "/api/v1/plans/7/scenarios/3", null)).isEmpty();
        assertThat(LinkReads.target("GET", "/api/v1/keys", "text/csv")).isEmpty();
    }

    @Test
    void aPlansLinkCoversItsScenariosAndAScenariosLinkThatScenarioOnly() {
        assertThat(LinkReads.covers(PLAN_7, SCENARIO_7_3)).isTrue();
        assertThat(LinkReads.covers(PLAN_7, PLAN_7)).isTrue();
        assertThat(LinkReads.covers(SCENARIO_7_3, SCENARIO_7_3)).isTrue();
        assertThat(LinkReads.covers(SCENARIO_7_3, new LinkScope(7, OptionalLong.of(4)))).isFalse();
        assertThat(LinkReads.covers(SCENARIO_7_3, PLAN_7)).isFalse();
        assertThat(LinkReads.covers(PLAN_7, new LinkScope(8, OptionalLong.empty()))).isFalse();
    }
}
