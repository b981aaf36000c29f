package io.parley.engine;

/**
 * The lines of the per-period and per-contract-year tables, in the order they are reported.
 * Most are sums over the periods of a year; the others say how a year's value is formed.
 */
public enum Line {
    LIST_REVENUE("listRevenue"),
    DISCOUNT("discount"),
    NET_REVENUE("netRevenue"),
    REBATE("rebate"),
    /** The year's effective rebate rate e_y = rebate / net revenue (0 without revenue). */
    REBATE_RATE("rebateRate", Aggregation.SAME_ALL_YEAR),
    COGS("cogs"),
    GROSS_MARGIN("grossMargin"),
    /** Cost of the services in the terms, a part of costToServe. */
    SERVICES_COST("servicesCost"),
    COST_TO_SERVE("costToServe"),
    FINANCING_COST("financingCost"),
    CONTRIBUTION("contribution"),
    /** contribution / (netRevenue − rebate), NaN (null) when the denominator is 0. */
    CONTRIBUTION_MARGIN_PCT("contributionMarginPct", Aggregation.RATIO),
    INVESTMENT("investment"),
    CASH_FLOW("cashFlow"),
    /** s(t) = p^floor(y / K): the chance the account is still ours. */
    SURVIVAL("survival", Aggregation.SAME_ALL_YEAR),
    EXPECTED_CASH_FLOW("expectedCashFlow"),
    /** Expected cash flow × the supplier's end-of-period discount factor; sums to npv. */
    PRESENT_VALUE("presentValue"),
    CUSTOMER_SPEND("customerSpend"),
    BASELINE_SPEND("baselineSpend"),
    CUSTOMER_SAVINGS("customerSavings"),
    SERVICES_VALUE("servicesValue"),
    PAYMENT_TERMS_VALUE("paymentTermsValue"),
    CUSTOMER_VALUE("customerValue"),
    /** Customer value × survival × the customer's discount factor; sums to customerNpv. */
    CUSTOMER_PRESENT_VALUE("customerPresentValue");

    /** How a contract year's figure is formed from its periods. */
    public enum Aggregation { SUM, SAME_ALL_YEAR, RATIO }

    public final String apiName;
    public final Aggregation aggregation;

    Line(String apiName) {
        this(apiName, Aggregation.SUM);
    }

    Line(String apiName, Aggregation aggregation) {
        this.apiName = apiName;
        this.aggregation = aggregation;
    }
}
