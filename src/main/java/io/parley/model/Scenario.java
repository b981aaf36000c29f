package io.parley.model;

import java.util.List;
import java.util.Optional;

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
 */
public record Scenario(String name, String description, String currency, Horizon horizon,
                       double supplierCostOfCapital, double customerCostOfCapital,
                       List<Product> products, Terms terms, Terms baseline, CostToServe costToServe) {

    public Scenario {
        products = List.copyOf(products);
        description = description == null ? "" : description;
    }

    public Optional<Product> product(String id) {
        return products.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public int productIndex(String id) {
        for (int i = 0; i < products.size(); i++) {
            if (products.get(i).id().equals(id)) return i;
        }
        return -1;
    }

    public Scenario withProducts(List<Product> newProducts) {
        return new Scenario(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                newProducts, terms, baseline, costToServe);
    }

    public Scenario withTerms(Terms newTerms) {
        return new Scenario(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                products, newTerms, baseline, costToServe);
    }

    public Scenario withBaseline(Terms newBaseline) {
        return new Scenario(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                products, terms, newBaseline, costToServe);
    }

    public Scenario withHorizon(Horizon newHorizon) {
        return new Scenario(name, description, currency, newHorizon, supplierCostOfCapital, customerCostOfCapital,
                products, terms, baseline, costToServe);
    }

    public Scenario withCostsOfCapital(double supplier, double customer) {
        return new Scenario(name, description, currency, horizon, supplier, customer,
                products, terms, baseline, costToServe);
    }

    public Scenario withCostToServe(CostToServe newCostToServe) {
        return new Scenario(name, description, currency, horizon, supplierCostOfCapital, customerCostOfCapital,
                products, terms, baseline, newCostToServe);
    }
}
