package io.parley.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.data.Offset;

import io.parley.Fixtures;
import io.parley.model.CostToServe;
import io.parley.model.Horizon;
import io.parley.model.Product;
import io.parley.model.Rebate;
import io.parley.model.RebateBasis;
import io.parley.model.RebateTier;
import io.parley.model.Scenario;
import io.parley.model.Service;
import io.parley.model.Terms;

import static org.assertj.core.api.Assertions.within;

/**
 * Shared by the hand-worked formula tests: tolerances and a small builder for scenarios whose
 * figures can be worked out on paper. Nothing here computes an expected figure.
 */
final class Hand {

    /** Relative tolerance for figures worked out in closed form. */
    static final double EXACT = 1e-12;
    /** Relative tolerance for figures that are not hand-computable (sums in a different order). */
    static final double CLOSE = 1e-9;

    private Hand() {
    }

    /** Within 1e-12 of {@code want}, relative (absolute 1e-12 around 0). */
    static Offset<Double> exact(double want) {
        return within(Math.max(Math.abs(want) * EXACT, EXACT));
    }

    /** Within 1e-9 of {@code want}, relative (absolute 1e-9 around 0). */
    static Offset<Double> close(double want) {
        return within(Math.max(Math.abs(want) * CLOSE, CLOSE));
    }

    /** A product with growth rates: g_v, g_p, g_c. */
    static Product product(String id, double baseVolume, double listPrice, double unitCost,
                           double volumeGrowth, double priceEscalator, double costInflation) {
        return new Product(id, baseVolume, listPrice, unitCost, volumeGrowth, priceEscalator, costInflation);
    }

    /** The flat widgets line of {@link Fixtures#flatDeal}: 1000 a year at 10, costing 6. */
    static Product widgets() {
        return Fixtures.product("widgets", 1000, 10, 6);
    }

    /** A deal with no products yet: r_s = r_c = 0.10, terms and baseline at list price, K = years, p = 1. */
    static Deal deal(int years, int periodsPerYear) {
        return new Deal(years, periodsPerYear);
    }

    /** {@link Fixtures#flatDeal} as a builder, so terms can be added. */
    static Deal flat(int years, int periodsPerYear) {
        return deal(years, periodsPerYear).with(widgets());
    }

    /** Tiers from (threshold, rate) pairs. */
    static Rebate rebate(RebateBasis basis, double... thresholdRatePairs) {
        List<RebateTier> tiers = new ArrayList<>();
        for (int i = 0; i < thresholdRatePairs.length; i += 2) {
            tiers.add(new RebateTier(thresholdRatePairs[i], thresholdRatePairs[i + 1]));
        }
        return new Rebate(basis, tiers);
    }

    static final class Deal {
        private final int years;
        private final int ppy;
        private double supplierCoc = 0.10;
        private Double customerCoc;
        private final List<Product> products = new ArrayList<>();
        private final Map<String, Double> discounts = new HashMap<>();
        private final Map<String, Double> baselineDiscounts = new HashMap<>();
        private Rebate rebate = Rebate.NONE;
        private Rebate baselineRebate = Rebate.NONE;
        private double paymentDays;
        private double baselinePaymentDays;
        private final List<Service> services = new ArrayList<>();
        private final List<Service> baselineServices = new ArrayList<>();
        private int contractYears;
        private double renewal = 1;
        private double investment;
        private CostToServe costToServe = CostToServe.NONE;

        private Deal(int years, int ppy) {
            this.years = years;
            this.ppy = ppy;
            this.contractYears = years;
        }

        Deal with(Product p) {
            products.add(p);
            return this;
        }

        /** r_s, and r_c unless set by {@link #customerCostOfCapital}. */
        Deal supplierCostOfCapital(double rs) {
            supplierCoc = rs;
            return this;
        }

        Deal customerCostOfCapital(double rc) {
            customerCoc = rc;
            return this;
        }

        Deal costToServe(double fixedPerYear, double inflation) {
            costToServe = new CostToServe(fixedPerYear, inflation);
            return this;
        }

        Deal discount(String product, double d) {
            discounts.put(product, d);
            return this;
        }

        Deal baselineDiscount(String product, double d) {
            baselineDiscounts.put(product, d);
            return this;
        }

        Deal rebate(RebateBasis basis, double... thresholdRatePairs) {
            rebate = Hand.rebate(basis, thresholdRatePairs);
            return this;
        }

        Deal baselineRebate(RebateBasis basis, double... thresholdRatePairs) {
            baselineRebate = Hand.rebate(basis, thresholdRatePairs);
            return this;
        }

        Deal paymentDays(double days) {
            paymentDays = days;
            return this;
        }

        Deal baselinePaymentDays(double days) {
            baselinePaymentDays = days;
            return this;
        }

        Deal service(String id, double costPerYear, double valuePerYear) {
            services.add(new Service(id, costPerYear, valuePerYear));
            return this;
        }

        Deal baselineService(String id, double costPerYear, double valuePerYear) {
            baselineServices.add(new Service(id, costPerYear, valuePerYear));
            return this;
        }

        /** K and p. */
        Deal renewal(int contractYears, double renewalProbability) {
            this.contractYears = contractYears;
            this.renewal = renewalProbability;
            return this;
        }

        Deal investment(double upfront) {
            investment = upfront;
            return this;
        }

        Scenario build() {
            Terms terms = new Terms(discounts, rebate, paymentDays, contractYears, renewal, services, investment);
            // the baseline's contractYears, renewalProbability and upfrontInvestment are ignored by the model
            Terms baseline = new Terms(baselineDiscounts, baselineRebate, baselinePaymentDays, years, 1,
                    baselineServices, 0);
            return new Scenario("hand-worked", "", "EUR", new Horizon(years, ppy), supplierCoc,
                    customerCoc == null ? supplierCoc : customerCoc, products, terms, baseline, costToServe);
        }

        CompiledScenario compile() {
            return CompiledScenario.compile(build());
        }

        Report report() {
            return compile().report();
        }
    }
}
