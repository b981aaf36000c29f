package io.parley.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults the model spec derives from another field: the customer's rate, the contract term, the baseline. */
class DerivedDefaultTest {

    @Test
    void theCustomersRateIsTheSuppliersWhenNoneIsGiven() {
        assertThat(DerivedDefault.customerCostOfCapital(Double.NaN, 0.09)).isEqualTo(0.09);
        assertThat(DerivedDefault.customerCostOfCapital(0.12, 0.09)).isEqualTo(0.12);
        assertThat(DerivedDefault.customerCostOfCapital(0, 0.09)).isEqualTo(0);
    }

    @Test
    void theContractRunsTheWholeHorizonAndAYearAtLeast() {
        assertThat(DerivedDefault.contractYears(3)).isEqualTo(3);
        assertThat(DerivedDefault.contractYears(1)).isEqualTo(1);
        assertThat(DerivedDefault.contractYears(0)).isEqualTo(1);
    }

    @Test
    void aScenarioFollowsTheDefaultsOfTheFieldsItLeavesOut() {
        assertThat(DerivedDefault.followed(false, false))
                .containsExactlyInAnyOrder(DerivedDefault.CUSTOMER_COST_OF_CAPITAL, DerivedDefault.CONTRACT_YEARS);
        assertThat(DerivedDefault.followed(true, false)).containsExactly(DerivedDefault.CONTRACT_YEARS);
        assertThat(DerivedDefault.followed(false, true)).containsExactly(DerivedDefault.CUSTOMER_COST_OF_CAPITAL);
        assertThat(DerivedDefault.followed(true, true)).isEmpty();
    }

    @Test
    void theBaselineGivenNoneIsTheStatusQuoOnTheProposedContract() {
        Terms proposed = new Terms(Map.of("widgets", 0.06), Rebate.NONE, 60, 4, 0.8, List.of(), 250_000);

        Terms baseline = Terms.baselineOf(proposed);

        // list price, no rebate, paid at once, no services; the fields the model takes from the proposal are the proposal's
        assertThat(baseline.discounts()).isEmpty();
        assertThat(baseline.rebate()).isEqualTo(Rebate.NONE);
        assertThat(baseline.paymentDays()).isZero();
        assertThat(baseline.services()).isEmpty();
        assertThat(baseline.contractYears()).isEqualTo(4);
        assertThat(baseline.renewalProbability()).isEqualTo(0.8);
        assertThat(baseline.upfrontInvestment()).isEqualTo(250_000);
    }
}
