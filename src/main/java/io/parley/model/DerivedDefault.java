package io.parley.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * A default the model spec derives from another field of the scenario, so that it moves when that
 * field moves, as it would if the scenario were written afresh with the new value.
 */
public enum DerivedDefault {
    /** {@code customer.costOfCapital} left out: the customer's rate is the supplier's. */
    CUSTOMER_COST_OF_CAPITAL,
    /** {@code terms.contractYears} left out: the term is the whole horizon ({@code horizon.years}). */
    CONTRACT_YEARS;

    /** The customer's cost of capital: the one given, or, given none (NaN), the supplier's. */
    public static double customerCostOfCapital(double given, double supplier) {
        return Double.isNaN(given) ? supplier : given;
    }

    /** The contract term when the terms state none: the whole horizon, and a year at least. */
    public static int contractYears(int horizonYears) {
        return Math.max(1, horizonYears);
    }

    /** The defaults a scenario follows, from which of the two fields it states. */
    public static Set<DerivedDefault> followed(boolean statesCustomerRate, boolean statesContractYears) {
        Set<DerivedDefault> followed = EnumSet.noneOf(DerivedDefault.class);
        if (!statesCustomerRate) followed.add(CUSTOMER_COST_OF_CAPITAL);
        if (!statesContractYears) followed.add(CONTRACT_YEARS);
        return followed;
    }
}
