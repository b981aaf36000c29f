package io.parley.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A master-agreement scenario, normalised: every default of the model spec is filled in, so two
 * inputs that mean the same are equal values. Build one through the API's reader or directly; check it
 * with {@link ScenarioValidator} before compiling it.
 *
 * @param name        a label, 1–200 characters
 * @param description free text for people, at most 2000 characters, may be empty
 * @param currency    ISO 4217 code
 * @param horizon     how long and how finely the model runs
 * @param supplierCostOfCapital r_s, the supplier's annual discount rate (> −1)
 * @param customerCostOfCapital r_c, the customer's annual cost of capital (> −1)
 * @param products    the lines on the agreement, 1–1000, unique ids
 * @param terms       the proposed agreement
 * @param baseline    the status quo (list price, no rebate, 0 days, no services when the input had none)
 * @param costToServe the account-specific fixed cost to serve
 * @param derived     the defaults the input left to the model: each follows the field it is derived
 *                    from whenever a scenario is built or changed (a lever, a {@code with…} method)
 */
public record Scenario(String name, String description, String currency, Horizon horizon,
                       double supplierCostOfCapital, double customerCostOfCapital,
                       List<Product> products, Terms terms, Terms baseline, CostToServe costToServe,
                       Set<DerivedDefault> derived) {

    public Scenario {
        products = List.copyOf(products);
        description = description == null ? "" : description;
        derived = derived.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(derived));
        if (derived.contains(DerivedDefault.CUSTOMER_COST_OF_CAPITAL)) {
            customerCostOfCapital = supplierCostOfCapital;
        }
        if (derived.contains(DerivedDefault.CONTRACT_YEARS) && terms != null && horizon != null) {
            terms = terms.withContractYears(Math.max(1, horizon.years()));
        }
        if (terms != null && baseline != null) {
            baseline = baseline.withIgnoredFieldsOf(terms);
        }
    }

    /** A scenario whose every number was given: nothing follows another field. */
    public Scenario(String name, String description, String currency, Horizon horizon,
                    double supplierCostOfCapital, double customerCostOfCapital,
                    List<Product> products, Terms terms, Terms baseline, CostToServe costToServe) {
        this(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                products, terms, baseline, costToServe, Set.of());
    }

    /** True when the input left {@code field} out, so it follows the field the spec derives it from. */
    public boolean follows(DerivedDefault field) {
        return derived.contains(field);
    }

    public Optional<Product> product(String id) {
        return products.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public int productIndex(String id) {
        for (int i = 0; i < products.size(); i++) {
            if (id.equals(products.get(i).id())) return i;
        }
        return -1;
    }

    public Scenario withProducts(List<Product> newProducts) {
        return new Scenario(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                newProducts, terms, baseline, costToServe, derived);
    }

    /** New terms; a contract term other than the horizon's default is the client's own from then on. */
    public Scenario withTerms(Terms newTerms) {
        Set<DerivedDefault> still = newTerms.contractYears() == terms.contractYears()
                ? derived : without(DerivedDefault.CONTRACT_YEARS);
        return new Scenario(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                products, newTerms, baseline, costToServe, still);
    }

    public Scenario withBaseline(Terms newBaseline) {
        return new Scenario(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                products, terms, newBaseline, costToServe, derived);
    }

    /** A new horizon; a contract term left out stays the whole horizon. */
    public Scenario withHorizon(Horizon newHorizon) {
        return new Scenario(name, description, currency, newHorizon, supplierCostOfCapital, customerCostOfCapital,
                products, terms, baseline, costToServe, derived);
    }

    /** The client's own contract term, no longer the horizon's. */
    public Scenario withContractYears(int years) {
        return new Scenario(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                products, terms.withContractYears(years), baseline, costToServe, without(DerivedDefault.CONTRACT_YEARS));
    }

    /** Both rates given: the customer's no longer follows the supplier's. */
    public Scenario withCostsOfCapital(double supplier, double customer) {
        return new Scenario(name, description, currency, horizon, supplier, customer,
                products, terms, baseline, costToServe, without(DerivedDefault.CUSTOMER_COST_OF_CAPITAL));
    }

    /** A new supplier rate; a customer rate left out moves with it. */
    public Scenario withSupplierCostOfCapital(double supplier) {
        return new Scenario(name, description, currency, horizon, supplier, customerCostOfCapital,
                products, terms, baseline, costToServe, derived);
    }

    /** The customer's own rate, no longer the supplier's. */
    public Scenario withCustomerCostOfCapital(double customer) {
        return withCostsOfCapital(supplierCostOfCapital, customer);
    }

    public Scenario withCostToServe(CostToServe newCostToServe) {
        return new Scenario(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                products, terms, baseline, newCostToServe, derived);
    }

    private Set<DerivedDefault> without(DerivedDefault field) {
        Set<DerivedDefault> rest = derived.isEmpty() ? EnumSet.noneOf(DerivedDefault.class) : EnumSet.copyOf(derived);
        rest.remove(field);
        return rest;
    }
}
