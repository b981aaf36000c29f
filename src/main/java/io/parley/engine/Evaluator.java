package io.parley.engine;

import java.util.Arrays;

import io.parley.model.RebateSchedule;

import static io.parley.engine.CompiledScenario.BASELINE_DISCOUNT;
import static io.parley.engine.CompiledScenario.BASELINE_PAYMENT_DAYS;
import static io.parley.engine.CompiledScenario.BASE_VOLUME;
import static io.parley.engine.CompiledScenario.CONTRACT_YEARS;
import static io.parley.engine.CompiledScenario.COST_INFLATION;
import static io.parley.engine.CompiledScenario.CTS_FIXED;
import static io.parley.engine.CompiledScenario.CTS_INFLATION;
import static io.parley.engine.CompiledScenario.CUSTOMER_COC;
import static io.parley.engine.CompiledScenario.LIST_PRICE;
import static io.parley.engine.CompiledScenario.PRICE_ESCALATOR;
import static io.parley.engine.CompiledScenario.PRODUCTS;
import static io.parley.engine.CompiledScenario.PRODUCT_SLOTS;
import static io.parley.engine.CompiledScenario.RENEWAL_PROBABILITY;
import static io.parley.engine.CompiledScenario.SUPPLIER_COC;
import static io.parley.engine.CompiledScenario.TERMS_DISCOUNT;
import static io.parley.engine.CompiledScenario.TERMS_PAYMENT_DAYS;
import static io.parley.engine.CompiledScenario.UNIT_COST;
import static io.parley.engine.CompiledScenario.UPFRONT_INVESTMENT;
import static io.parley.engine.CompiledScenario.VOLUME_GROWTH;

/**
 * Evaluates a {@link CompiledScenario} for a parameter vector, as the model spec defines every figure.
 * {@link #evaluate} allocates nothing: the workspace is sized once, growth and discount factors are
 * formed by repeated multiplication, and the one {@code Math.pow} per product and rate is remembered
 * until that rate changes. Not thread-safe: one evaluator per thread.
 */
public final class Evaluator {

    private static final double DAYS_PER_YEAR = 365;

    private final CompiledScenario model;
    private final int years;
    private final int ppy;
    private final int periods;
    private final int productCount;

    // per period, summed over products
    private final double[] listRevenue;
    private final double[] discount;
    private final double[] netRevenue;
    private final double[] baselineNetRevenue;
    private final double[] cogs;
    // per contract year: effective rebate rates e_y
    private final double[] rebateRate;
    private final double[] baselineRebateRate;
    // (1 + g)^(1/ppy), remembered per product while g stays the same
    private final double[] volumeGrowthSeen;
    private final double[] volumeStep;
    private final double[] costInflationSeen;
    private final double[] costStep;
    private final double[] rateSeen = {Double.NaN, Double.NaN, Double.NaN};
    private final double[] rateStep = new double[3];
    // the same per year slot of a rate set for one contract year ({@link CompiledScenario#withYearSlots()});
    // empty when the scenario has no year slots, and then no year is looked at
    private final int yearBase;
    private final double[] yearRateSeen;
    private final double[] yearStep;

    // filled only while a report is being made
    private double[][] periodLines;
    private ProductTable productTable;
    private double[] productNetRevenueByYear;

    Evaluator(CompiledScenario model) {
        this.model = model;
        this.years = model.years;
        this.ppy = model.periodsPerYear;
        this.periods = model.periods;
        this.productCount = model.productCount;
        this.listRevenue = new double[periods];
        this.discount = new double[periods];
        this.netRevenue = new double[periods];
        this.baselineNetRevenue = new double[periods];
        this.cogs = new double[periods];
        this.rebateRate = new double[years];
        this.baselineRebateRate = new double[years];
        this.volumeGrowthSeen = nanArray(productCount);
        this.volumeStep = new double[productCount];
        this.costInflationSeen = nanArray(productCount);
        this.costStep = new double[productCount];
        this.yearBase = model.yearBase;
        int yearSlots = yearBase < 0 ? 0 : model.parameterCount() - yearBase;
        this.yearRateSeen = nanArray(yearSlots);
        this.yearStep = new double[yearSlots];
    }

    /** The compiled scenario this evaluator runs. */
    public CompiledScenario model() {
        return model;
    }

    /**
     * Computes every summary metric for the parameters {@code p} (laid out as
     * {@link CompiledScenario#parameters()}) into {@code summary}, indexed by {@link Metric#ordinal()};
     * a metric the spec calls null is NaN.
     */
    public void evaluate(double[] p, double[] summary) {
        run(p, summary, false);
    }

    /** All the tables of the model for {@code p}: summary, per contract year, per period, per product. */
    public Report report(double[] p) {
        periodLines = new double[Line.values().length][periods];
        productTable = new ProductTable(productCount, periods);
        productNetRevenueByYear = new double[productCount * years];
        double[] summary = new double[Metric.count()];
        try {
            run(p, summary, true);
            return new Report(summary, yearTable(), periodLines, productTable);
        } finally {
            periodLines = null;
            productTable = null;
            productNetRevenueByYear = null;
        }
    }

    private void run(double[] p, double[] out, boolean record) {
        model.work.evaluating(); // stopped work ends here, before another evaluation
        sumProducts(p, record);
        rebateRates(p);
        if (record) {
            productRebates();
        }
        profitAndLoss(p, out, record);
    }

    /** Volumes, prices and costs per product and period, summed per period. */
    private void sumProducts(double[] p, boolean record) {
        Arrays.fill(listRevenue, 0);
        Arrays.fill(discount, 0);
        Arrays.fill(netRevenue, 0);
        Arrays.fill(baselineNetRevenue, 0);
        Arrays.fill(cogs, 0);
        for (int l = 0; l < productCount; l++) {
            int at = PRODUCTS + PRODUCT_SLOTS * l;
            double volume = p[at + BASE_VOLUME] / ppy;       // v_l(0): the yearly rate spread over the periods
            double price = p[at + LIST_PRICE];                // P_l in contract year 1
            double unitCost = p[at + UNIT_COST];              // c_l(0)
            double escalator = p[at + PRICE_ESCALATOR];
            double escalation = 1 + escalator;                // applied at each anniversary
            double termsDiscount = p[at + TERMS_DISCOUNT];
            double baselineDiscount = p[at + BASELINE_DISCOUNT];
            double scenarioVStep = volumeStep(l, p[at + VOLUME_GROWTH]);
            double scenarioCStep = costStep(l, p[at + COST_INFLATION]);
            double vStep = scenarioVStep;
            double cStep = scenarioCStep;
            int volumeYears = yearBase < 0 ? 0 : model.yearSlots(l, VOLUME_GROWTH);
            int escalatorYears = yearBase < 0 ? 0 : model.yearSlots(l, PRICE_ESCALATOR);
            int costYears = yearBase < 0 ? 0 : model.yearSlots(l, COST_INFLATION);
            int t = 0;
            for (int y = 0; y < years; y++) {
                if (yearBase >= 0) {
                    // a rate set for contract year y + 1 replaces the scenario's in that year:
                    // v(t + 1) = v(t) × (1 + g_v,y)^(1/ppy) for the periods of year y, likewise c(t);
                    // the escalator of the next year steps the price into it, P_{y+1} = P_y × (1 + g_p,y+1)
                    vStep = yearStep(p, volumeYears + y, scenarioVStep);
                    cStep = yearStep(p, costYears + y, scenarioCStep);
                    escalation = y + 1 < years ? 1 + yearRate(p, escalatorYears + y + 1, escalator) : escalation;
                }
                for (int k = 0; k < ppy; k++, t++) {
                    double lr = volume * price;
                    double ds = lr * termsDiscount;
                    double nr = lr - ds;
                    double goods = volume * unitCost;
                    listRevenue[t] += lr;
                    discount[t] += ds;
                    netRevenue[t] += nr;
                    baselineNetRevenue[t] += lr - lr * baselineDiscount;
                    cogs[t] += goods;
                    if (record) {
                        productTable.add(l, t, volume, lr, ds, nr, goods);
                        productNetRevenueByYear[l * years + y] += nr;
                    }
                    volume *= vStep;
                    unitCost *= cStep;
                }
                price *= escalation;
            }
        }
    }

    /** e_y for terms and baseline: the year's rebate on its net spend, as a rate. */
    private void rebateRates(double[] p) {
        int t = 0;
        for (int y = 0; y < years; y++) {
            double spend = 0;
            double baselineSpend = 0;
            for (int k = 0; k < ppy; k++, t++) {
                spend += netRevenue[t];
                baselineSpend += baselineNetRevenue[t];
            }
            rebateRate[y] = spend > 0
                    ? RebateSchedule.rebate(model.termsBasis, p, model.termsTierBase, model.termsTiers, spend) / spend : 0;
            baselineRebateRate[y] = baselineSpend > 0
                    ? RebateSchedule.rebate(model.baselineBasis, p, model.baselineTierBase, model.baselineTiers, baselineSpend) / baselineSpend : 0;
        }
    }

    private void productRebates() {
        for (int l = 0; l < productCount; l++) {
            double rebate = 0;
            for (int y = 0; y < years; y++) {
                rebate += productNetRevenueByYear[l * years + y] * rebateRate[y];
            }
            productTable.rebate[l] = rebate;
            productTable.grossMargin[l] = productTable.netRevenue[l] - rebate - productTable.cogs[l];
        }
    }

    /** The supplier P&L, the baseline's NPV and the customer view, period by period. */
    private void profitAndLoss(double[] p, double[] out, boolean record) {
        double rs = p[SUPPLIER_COC];
        double rc = CompiledScenario.customerRate(p);                   // r_c, or r_s when left out
        double days = p[TERMS_PAYMENT_DAYS];
        double baselineDays = p[BASELINE_PAYMENT_DAYS];
        int term = (int) p[CONTRACT_YEARS];
        double renewal = p[RENEWAL_PROBABILITY];
        double investment = p[UPFRONT_INVESTMENT];

        double servicesCost = sumPairs(p, model.termsServiceBase, model.termsServices, 0) / ppy;
        double baselineServicesCost = sumPairs(p, model.baselineServiceBase, model.baselineServices, 0) / ppy;
        double servicesValue = (sumPairs(p, model.termsServiceBase, model.termsServices, 1)
                - sumPairs(p, model.baselineServiceBase, model.baselineServices, 1)) / ppy;

        // rates per unit of net revenue, formed once: divisions are the slowest arithmetic in the loop
        double financeRate = days / DAYS_PER_YEAR * rs;                 // FC = NR × D/365 × r_s
        double baselineFinanceRate = baselineDays / DAYS_PER_YEAR * rs;
        double paymentValueRate = days / DAYS_PER_YEAR * rc;            // PTV = (NR × D − NR_b × D_b)/365 × r_c
        double baselinePaymentValueRate = baselineDays / DAYS_PER_YEAR * rc;

        double fixedCost = p[CTS_FIXED] / ppy;                          // F / ppy × (1 + g_f)^τ
        double scenarioFixedCostStep = step(0, p[CTS_INFLATION]);
        double fixedCostStep = scenarioFixedCostStep;
        int fixedCostYears = yearBase < 0 ? 0 : model.costToServeYearSlots();
        double supplierDiscountStep = 1 / step(1, rs);                  // (1 + r_s)^(−1/ppy)
        double customerDiscountStep = 1 / step(2, rc);
        double supplierDiscount = supplierDiscountStep;                 // end of period 0
        double customerDiscount = customerDiscountStep;
        double survival = 1;
        int yearsLeftInTerm = term;

        double sumLr = 0, sumDs = 0, sumNr = 0, sumRb = 0, sumCogs = 0, sumCts = 0, sumFc = 0, sumCm = 0, sumCf = 0;
        double npv = 0, npvBaseline = 0, savings = 0, customerNpv = 0;
        double runningCashFlow = 0;
        double payback = Double.NaN;
        double minYearMargin = Double.NaN;
        double firstYearNr = 0, lastYearNr = 0;

        int t = 0;
        for (int y = 0; y < years; y++) {
            if (yearBase >= 0) {
                fixedCostStep = yearStep(p, fixedCostYears + y, scenarioFixedCostStep); // F(t+1) = F(t) × (1 + g_f,y)^(1/ppy)
            }
            if (yearsLeftInTerm == 0) {
                survival *= renewal;                                   // s = p^floor(y / K)
                yearsLeftInTerm = term;
            }
            yearsLeftInTerm--;
            double e = rebateRate[y];
            double eb = baselineRebateRate[y];
            double yearNr = 0, yearRb = 0, yearCm = 0;
            for (int k = 0; k < ppy; k++, t++) {
                double nr = netRevenue[t];
                double nrb = baselineNetRevenue[t];
                double rb = nr * e;
                double rbb = nrb * eb;
                double gm = nr - rb - cogs[t];
                double cts = fixedCost + servicesCost;
                double fc = nr * financeRate;
                double cm = gm - cts - fc;
                double baselineCm = nrb - rbb - cogs[t] - (fixedCost + baselineServicesCost)
                        - nrb * baselineFinanceRate;
                double inv = t == 0 ? investment : 0;
                double cf = cm - inv;
                double ecf = cm * survival - inv;
                double pv = ecf * supplierDiscount;
                npv += pv;
                npvBaseline += (baselineCm * survival - inv) * supplierDiscount;

                double spend = nr - rb;
                double baselineSpend = nrb - rbb;
                double sv = baselineSpend - spend;
                double ptv = nr * paymentValueRate - nrb * baselinePaymentValueRate;
                double cv = sv + servicesValue + ptv;
                double cpv = cv * survival * customerDiscount;
                savings += sv;
                customerNpv += cpv;

                sumLr += listRevenue[t];
                sumDs += discount[t];
                sumNr += nr;
                sumRb += rb;
                sumCogs += cogs[t];
                sumCts += cts;
                sumFc += fc;
                sumCm += cm;
                sumCf += cf;
                yearNr += nr;
                yearRb += rb;
                yearCm += cm;
                runningCashFlow += cf;
                if (runningCashFlow >= 0 && Double.isNaN(payback)) {
                    payback = t + 1;
                }
                if (record) {
                    double[][] r = periodLines;
                    r[Line.LIST_REVENUE.ordinal()][t] = listRevenue[t];
                    r[Line.DISCOUNT.ordinal()][t] = discount[t];
                    r[Line.NET_REVENUE.ordinal()][t] = nr;
                    r[Line.REBATE.ordinal()][t] = rb;
                    r[Line.REBATE_RATE.ordinal()][t] = e;
                    r[Line.COGS.ordinal()][t] = cogs[t];
                    r[Line.GROSS_MARGIN.ordinal()][t] = gm;
                    r[Line.SERVICES_COST.ordinal()][t] = servicesCost;
                    r[Line.COST_TO_SERVE.ordinal()][t] = cts;
                    r[Line.FINANCING_COST.ordinal()][t] = fc;
                    r[Line.CONTRIBUTION.ordinal()][t] = cm;
                    r[Line.CONTRIBUTION_MARGIN_PCT.ordinal()][t] = ratio(cm, nr - rb);
                    r[Line.INVESTMENT.ordinal()][t] = inv;
                    r[Line.CASH_FLOW.ordinal()][t] = cf;
                    r[Line.SURVIVAL.ordinal()][t] = survival;
                    r[Line.EXPECTED_CASH_FLOW.ordinal()][t] = ecf;
                    r[Line.PRESENT_VALUE.ordinal()][t] = pv;
                    r[Line.CUSTOMER_SPEND.ordinal()][t] = spend;
                    r[Line.BASELINE_SPEND.ordinal()][t] = baselineSpend;
                    r[Line.CUSTOMER_SAVINGS.ordinal()][t] = sv;
                    r[Line.SERVICES_VALUE.ordinal()][t] = servicesValue;
                    r[Line.PAYMENT_TERMS_VALUE.ordinal()][t] = ptv;
                    r[Line.CUSTOMER_VALUE.ordinal()][t] = cv;
                    r[Line.CUSTOMER_PRESENT_VALUE.ordinal()][t] = cpv;
                }
                fixedCost *= fixedCostStep;
                supplierDiscount *= supplierDiscountStep;
                customerDiscount *= customerDiscountStep;
            }
            double yearMargin = ratio(yearCm, yearNr - yearRb);
            // years without revenue (NaN margin) are skipped
            if (!Double.isNaN(yearMargin) && (Double.isNaN(minYearMargin) || yearMargin < minYearMargin)) {
                minYearMargin = yearMargin;
            }
            if (y == 0) firstYearNr = yearNr;
            lastYearNr = yearNr;
        }

        double gm = sumNr - sumRb - sumCogs;
        out[Metric.LIST_REVENUE.ordinal()] = sumLr;
        out[Metric.DISCOUNT.ordinal()] = sumDs;
        out[Metric.NET_REVENUE.ordinal()] = sumNr;
        out[Metric.REBATE.ordinal()] = sumRb;
        out[Metric.COGS.ordinal()] = sumCogs;
        out[Metric.GROSS_MARGIN.ordinal()] = gm;
        out[Metric.COST_TO_SERVE.ordinal()] = sumCts;
        out[Metric.FINANCING_COST.ordinal()] = sumFc;
        out[Metric.CONTRIBUTION.ordinal()] = sumCm;
        out[Metric.CASH_FLOW.ordinal()] = sumCf;
        out[Metric.GROSS_MARGIN_PCT.ordinal()] = ratio(gm, sumNr - sumRb);
        out[Metric.CONTRIBUTION_MARGIN_PCT.ordinal()] = ratio(sumCm, sumNr - sumRb);
        out[Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT.ordinal()] = minYearMargin;
        out[Metric.NPV.ordinal()] = npv;
        out[Metric.NPV_BASELINE.ordinal()] = npvBaseline;
        double concessionCost = npvBaseline - npv;
        out[Metric.CONCESSION_COST.ordinal()] = concessionCost;
        out[Metric.CUSTOMER_SAVINGS.ordinal()] = savings;
        out[Metric.CUSTOMER_NPV.ordinal()] = customerNpv;
        out[Metric.VALUE_LEVERAGE.ordinal()] = concessionCost > 0 ? customerNpv / concessionCost : Double.NaN;
        out[Metric.PAYBACK_PERIOD.ordinal()] = payback;
        out[Metric.REVENUE_CAGR.ordinal()] = years > 1 && firstYearNr != 0
                ? root(lastYearNr / firstYearNr, years - 1) - 1 : Double.NaN;
    }

    /** The per-contract-year table from the recorded periods. */
    private double[][] yearTable() {
        Line[] lines = Line.values();
        double[][] table = new double[lines.length][years];
        for (Line line : lines) {
            double[] byPeriod = periodLines[line.ordinal()];
            double[] byYear = table[line.ordinal()];
            for (int y = 0; y < years; y++) {
                int first = y * ppy;
                switch (line.aggregation) {
                    case SAME_ALL_YEAR -> byYear[y] = byPeriod[first];
                    case SUM -> {
                        double sum = 0;
                        for (int t = first; t < first + ppy; t++) sum += byPeriod[t];
                        byYear[y] = sum;
                    }
                    case RATIO -> { } // formed below from the year's sums
                }
            }
        }
        double[] cm = table[Line.CONTRIBUTION.ordinal()];
        double[] nr = table[Line.NET_REVENUE.ordinal()];
        double[] rb = table[Line.REBATE.ordinal()];
        for (int y = 0; y < years; y++) {
            table[Line.CONTRIBUTION_MARGIN_PCT.ordinal()][y] = ratio(cm[y], nr[y] - rb[y]);
        }
        return table;
    }

    /** x^(1/n): square and cube roots where n allows (a tenth of the cost of Math.pow), else pow. */
    static double root(double x, int n) {
        return switch (n) {
            case 1 -> x;
            case 2 -> Math.sqrt(x);
            case 3 -> Math.cbrt(x);
            case 4 -> Math.sqrt(Math.sqrt(x));
            default -> Math.pow(x, 1.0 / n);
        };
    }

    private double volumeStep(int product, double growth) {
        if (growth != volumeGrowthSeen[product]) {
            volumeGrowthSeen[product] = growth;
            volumeStep[product] = periodFactor(growth);
        }
        return volumeStep[product];
    }

    private double costStep(int product, double inflation) {
        if (inflation != costInflationSeen[product]) {
            costInflationSeen[product] = inflation;
            costStep[product] = periodFactor(inflation);
        }
        return costStep[product];
    }

    /** The rate a year slot holds, or the scenario's {@code rate} when the slot follows it. */
    private static double yearRate(double[] p, int slot, double rate) {
        double own = p[slot];
        return own != own ? rate : own; // NaN: follows
    }

    /**
     * (1 + g)^(1/ppy) for the rate g a year slot holds, remembered while it stays; {@code scenarioStep}
     * (the scenario's rate's factor, the very same double) when the slot follows the scenario's rate.
     */
    private double yearStep(double[] p, int slot, double scenarioStep) {
        double rate = p[slot];
        if (rate != rate) return scenarioStep; // NaN: follows
        int i = slot - yearBase;
        if (rate != yearRateSeen[i]) {
            yearRateSeen[i] = rate;
            yearStep[i] = periodFactor(rate);
        }
        return yearStep[i];
    }

    /** (1 + rate)^(1/ppy) for one of the scenario-wide rates, remembered while the rate stays. */
    private double step(int which, double rate) {
        if (rate != rateSeen[which]) {
            rateSeen[which] = rate;
            rateStep[which] = periodFactor(rate);
        }
        return rateStep[which];
    }

    private double periodFactor(double annualRate) {
        return ppy == 1 ? 1 + annualRate : Math.pow(1 + annualRate, 1.0 / ppy);
    }

    private static double sumPairs(double[] p, int base, int count, int member) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += p[base + 2 * i + member];
        }
        return sum;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    private static double[] nanArray(int length) {
        double[] a = new double[length];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
