package io.parley.model;

/**
 * A number in a scenario that analyses and optimisation can vary, resolved from a lever path such as
 * {@code terms.discounts[widgets]}. Each kind knows the JSON pointer of the field it names.
 */
public sealed interface Lever {

    /** The path as the client wrote it. */
    String path();

    /** The JSON pointer of the field in the scenario document. */
    String pointer();

    /** True when the field only takes whole numbers (years, periods per year). */
    default boolean integral() {
        return false;
    }

    /**
     * True for a rate a deal is negotiated in percentage points: a discount, a rebate tier's rate.
     * (A cost of capital or a renewal probability is a rate too, but not a term one concedes.)
     */
    default boolean rate() {
        return this instanceof Discount || this instanceof OfTier t && t.field() == TierField.rate;
    }

    /** Which agreement a term lever belongs to. */
    enum Side {
        TERMS("terms"), BASELINE("baseline");

        public final String field;

        Side(String field) {
            this.field = field;
        }
    }

    enum ScenarioField {
        HORIZON_YEARS("/horizon/years"), PERIODS_PER_YEAR("/horizon/periodsPerYear"),
        SUPPLIER_COST_OF_CAPITAL("/supplier/costOfCapital"), CUSTOMER_COST_OF_CAPITAL("/customer/costOfCapital"),
        COST_TO_SERVE_FIXED("/costToServe/fixedPerYear"), COST_TO_SERVE_INFLATION("/costToServe/inflation");

        public final String pointer;

        ScenarioField(String pointer) {
            this.pointer = pointer;
        }
    }

    enum ProductField { baseVolume, listPrice, unitCost, volumeGrowth, priceEscalator, costInflation }

    enum TermsField { paymentDays, contractYears, renewalProbability, upfrontInvestment }

    enum TierField { threshold, rate }

    enum ServiceField { costPerYear, valuePerYear }

    record OfScenario(String path, ScenarioField field) implements Lever {
        public String pointer() {
            return field.pointer;
        }

        public boolean integral() {
            return field == ScenarioField.HORIZON_YEARS || field == ScenarioField.PERIODS_PER_YEAR;
        }
    }

    record OfProduct(String path, int product, String productId, ProductField field) implements Lever {
        public String pointer() {
            return "/products/" + product + "/" + field;
        }
    }

    record Discount(String path, Side side, int product, String productId) implements Lever {
        public String pointer() {
            return "/" + side.field + "/discounts/" + JsonPointer.token(productId);
        }
    }

    record OfTerms(String path, Side side, TermsField field) implements Lever {
        public String pointer() {
            return "/" + side.field + "/" + field;
        }

        public boolean integral() {
            return field == TermsField.contractYears;
        }
    }

    record OfTier(String path, Side side, int tier, TierField field) implements Lever {
        public String pointer() {
            return "/" + side.field + "/rebate/tiers/" + tier + "/" + field;
        }
    }

    record OfService(String path, Side side, int service, String serviceId, ServiceField field) implements Lever {
        public String pointer() {
            return "/" + side.field + "/services/" + service + "/" + field;
        }
    }
}
