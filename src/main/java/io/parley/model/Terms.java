package io.parley.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The terms of an agreement, proposed ({@code terms}) or status quo ({@code baseline}).
 *
 * @param discounts          product id → discount off list price, each in [0, 1); absent id = 0
 * @param rebate             the volume rebate schedule ({@link Rebate#NONE} for none)
 * @param paymentDays        D, days the customer takes to pay, 0–365
 * @param contractYears      K, the term in years; the account renews term by term after it
 * @param renewalProbability p, chance of renewing at the end of each term, [0, 1]
 * @param services           extras included in the deal, unique ids
 * @param upfrontInvestment  I, a one-off cost to the supplier at t = 0 (≥ 0)
 */
public record Terms(Map<String, Double> discounts, Rebate rebate, double paymentDays, int contractYears,
                    double renewalProbability, List<Service> services, double upfrontInvestment) {

    public Terms {
        // sorted, so the normalised scenario (and its hash) does not depend on the input's key order
        discounts = Collections.unmodifiableMap(new TreeMap<>(discounts));
        rebate = rebate == null ? Rebate.NONE : rebate;
        services = List.copyOf(services);
    }

    /** The status quo when a scenario has no {@code baseline}: list price, no rebate, paid at once, no services. */
    public static Terms listPriceStatusQuo(int contractYears) {
        return new Terms(Map.of(), Rebate.NONE, 0, contractYears, 1, List.of(), 0);
    }

    /** The baseline of a scenario that gives none: the status quo, for the proposed terms' contract. */
    public static Terms baselineOf(Terms proposed) {
        return listPriceStatusQuo(proposed.contractYears()).withIgnoredFieldsOf(proposed);
    }

    /** Discount for a product, 0 when the terms name none. */
    public double discountOf(String productId) {
        return discounts.getOrDefault(productId, 0.0);
    }

    /** The same terms for another contract term. */
    public Terms withContractYears(int years) {
        return new Terms(discounts, rebate, paymentDays, years, renewalProbability, services, upfrontInvestment);
    }

    /**
     * These terms as a baseline: the model ignores a baseline's contractYears, renewalProbability and
     * upfrontInvestment and keeps the proposed terms' instead, so they are the proposed terms'.
     */
    public Terms withIgnoredFieldsOf(Terms proposed) {
        if (contractYears == proposed.contractYears && renewalProbability == proposed.renewalProbability
                && upfrontInvestment == proposed.upfrontInvestment) {
            return this;
        }
        return new Terms(discounts, rebate, paymentDays, proposed.contractYears, proposed.renewalProbability,
                services, proposed.upfrontInvestment);
    }
}
