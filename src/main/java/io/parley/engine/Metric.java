package io.parley.engine;

import java.util.Optional;

/**
 * The summary metrics of the model spec, the names analyses and optimisation refer to. In the fast
 * path a metric the spec calls null (a ratio with a zero denominator, no payback) is {@code NaN}.
 */
public enum Metric {
    LIST_REVENUE("listRevenue", Unit.CURRENCY, "List revenue over the horizon: volume × list price, before any discount."),
    DISCOUNT("discount", Unit.CURRENCY, "Discounts off list price over the horizon."),
    NET_REVENUE("netRevenue", Unit.CURRENCY, "Invoiced revenue over the horizon: list revenue less discounts."),
    REBATE("rebate", Unit.CURRENCY, "Volume rebates paid over the horizon."),
    COGS("cogs", Unit.CURRENCY, "Cost of goods over the horizon: volume × unit cost."),
    GROSS_MARGIN("grossMargin", Unit.CURRENCY, "Net revenue less rebate less cost of goods."),
    COST_TO_SERVE("costToServe", Unit.CURRENCY, "Account-specific cost to serve, including the cost of bundled services."),
    FINANCING_COST("financingCost", Unit.CURRENCY, "Cost of financing the customer's payment terms at the supplier's cost of capital."),
    CONTRIBUTION("contribution", Unit.CURRENCY, "Gross margin less cost to serve less financing cost."),
    CASH_FLOW("cashFlow", Unit.CURRENCY, "Contribution less the upfront investment."),
    GROSS_MARGIN_PCT("grossMarginPct", Unit.RATIO, "Gross margin / (net revenue − rebate); null when that is 0."),
    CONTRIBUTION_MARGIN_PCT("contributionMarginPct", Unit.RATIO, "Contribution / (net revenue − rebate); null when that is 0."),
    MIN_YEAR_CONTRIBUTION_MARGIN_PCT("minYearContributionMarginPct", Unit.RATIO,
            "The lowest contract-year contribution margin; years with no revenue are skipped; null if all are."),
    NPV("npv", Unit.CURRENCY, "Supplier NPV of the expected cash flows (weighted by renewal survival) at the supplier's cost of capital."),
    NPV_BASELINE("npvBaseline", Unit.CURRENCY, "Supplier NPV with the proposed terms replaced by the status-quo baseline."),
    CONCESSION_COST("concessionCost", Unit.CURRENCY, "npvBaseline − npv: what the proposed terms cost the supplier."),
    CUSTOMER_SAVINGS("customerSavings", Unit.CURRENCY, "The customer's spend under the baseline less under the terms, undiscounted."),
    CUSTOMER_NPV("customerNpv", Unit.CURRENCY, "Present value to the customer of savings, services and payment terms, at the customer's cost of capital."),
    VALUE_LEVERAGE("valueLeverage", Unit.RATIO, "customerNpv / concessionCost: customer value per unit conceded; null when concessionCost ≤ 0."),
    PAYBACK_PERIOD("paybackPeriod", Unit.PERIOD, "First period (1-based) at which the running sum of cash flow is ≥ 0; null if never."),
    REVENUE_CAGR("revenueCagr", Unit.RATIO, "Compound annual growth of net revenue from the first to the last contract year; null for one year or zero first-year revenue.");

    /** What a metric's number measures. */
    public enum Unit { CURRENCY, RATIO, PERIOD }

    private static final Metric[] ALL = values();

    public final String apiName;
    public final Unit unit;
    public final String description;

    Metric(String apiName, Unit unit, String description) {
        this.apiName = apiName;
        this.unit = unit;
        this.description = description;
    }

    public static int count() {
        return ALL.length;
    }

    public static Optional<Metric> byName(String apiName) {
        for (Metric m : ALL) {
            if (m.apiName.equals(apiName)) return Optional.of(m);
        }
        return Optional.empty();
    }
}
