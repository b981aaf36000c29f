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

    /**
     * A year-on-year rate in force during one contract year, {@code products[widgets].volumeGrowth[year=3]}:
     * the model compounds {@code volumeGrowth}, {@code costInflation} and {@code costToServe.inflation}
     * every period from t = 0, so the rate of year y takes the figure from the start of year y to its
     * end; {@code priceEscalator} steps the list price at each anniversary, so its rate of year y is the
     * step into year y (year 1 has none: its price is {@code listPrice}). A scenario holds one rate for
     * every year; a per-year lever overrides it for its year alone, in the analyses that work on the
     * compiled scenario. Level fields (prices, costs, discounts, days) are one value for the whole horizon.
     *
     * @param scenarioRate the scenario's rate this overrides for one year: {@link #variesPerYear} holds for it
     * @param year 1-based, from {@link #firstYear} to the horizon's years
     */
    record PerYear(String path, Lever scenarioRate, int year) implements Lever {

        /** What may vary per contract year, as the error messages name it. */
        public static final String RATES = "the year-on-year rates products[…].volumeGrowth, products[…].priceEscalator, "
                + "products[…].costInflation and costToServe.inflation";

        public PerYear {
            if (!variesPerYear(scenarioRate)) throw new IllegalArgumentException(scenarioRate.path() + " does not vary per contract year");
            if (year < firstYear(scenarioRate)) throw new IllegalArgumentException("year " + year + " of " + scenarioRate.path());
        }

        /** The field of the rate: a per-year value obeys the rate's own rule (above −1). */
        public String pointer() {
            return scenarioRate.pointer();
        }

        /** True for the rates that may vary per contract year. */
        public static boolean variesPerYear(Lever lever) {
            return lever instanceof OfScenario s && s.field() == ScenarioField.COST_TO_SERVE_INFLATION
                    || lever instanceof OfProduct p && p.field() != ProductField.baseVolume
                    && p.field() != ProductField.listPrice && p.field() != ProductField.unitCost;
        }

        /** The first contract year whose rate means something: 2 for the escalator (no step into year 1), else 1. */
        public static int firstYear(Lever rate) {
            return rate instanceof OfProduct p && p.field() == ProductField.priceEscalator ? 2 : 1;
        }
    }
}
