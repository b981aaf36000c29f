package io.parley.model;

/**
 * A default the model spec derives from another field of the scenario, so that it moves when that
 * field moves, as it would if the scenario were written afresh with the new value.
 */
public enum DerivedDefault {
    /** {@code customer.costOfCapital} left out: the customer's rate is the supplier's. */
    CUSTOMER_COST_OF_CAPITAL,
    /** {@code terms.contractYears} left out: the term is the whole horizon ({@code horizon.years}). */
    CONTRACT_YEARS
}
