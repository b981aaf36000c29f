package io.parley.engine;

import java.util.Arrays;

import io.parley.model.RebateBasis;
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
 * Evaluates a {@link CompiledScenario} for many values of the same levers at once: a batch of samples
 * (or grid points) that differ only in a fixed set of slots. Each sample's figures are those of
 * {@link Evaluator#evaluate} to the last bit: every sample goes through the same operations in the same
 * order; only the loops are turned around, the samples innermost ("lanes", a structure of arrays), so
 * that the per-period arithmetic is the same instruction over neighbouring samples, which the JIT turns
 * into vector instructions, and so that no sample waits on another's chain of multiplications. What
 * does not depend on the moved slots is formed once per chunk of lanes: a product none of whose slots
 * moves is worked out once and added to every lane.
 *
 * <p>Allocation-free after construction. Not thread-safe: one per thread.
 */
public final class BatchEvaluator {

    private static final double DAYS_PER_YEAR = 365;
    /** A chunk's period tables kept within about this many doubles each (64 KB), so that its five stay in L2. */
    private static final int LANE_DOUBLES = 8192;
    /**
     * Most lanes of a chunk: the vectorised loops' pre- and post-loops and the per-chunk setup are then a
     * small part of each loop (measured before the loops vectorised: 256 a few per cent faster than 64;
     * not re-measured since).
     */
    private static final int MAX_LANES = 256;
    /** Fewest lanes of a chunk, for the longest scenarios: one AVX-512 vector. */
    private static final int MIN_LANES = 8;

    private final CompiledScenario model;
    private final int[] slots;
    /** For each slot of the parameter vector: its index among {@link #slots}, or −1 when it does not move. */
    private final int[] movedIndex;
    private final boolean[] productMoves;
    private final boolean termsTiersMove;
    private final boolean baselineTiersMove;
    private final int years;
    private final int ppy;
    private final int periods;
    private final int productCount;
    private final int yearBase;
    /** Lanes per chunk. */
    private final int width;

    // per period × lane, summed over products, for the plain loops; null with the kernel, whose tables are
    // kernelLanes' flat ones
    private final double[][] listRevenue;
    private final double[][] discount;
    private final double[][] netRevenue;
    private final double[][] baselineNetRevenue;
    private final double[][] cogs;
    // per contract year × lane: effective rebate rates e_y
    private final double[][] rebateRate;
    private final double[][] baselineRebateRate;

    /** Each moved product's state per lane; null for a product that does not move. */
    private final ProductLanes[] movedProducts;
    /**
     * Each product that does not move: its state, the same in every lane, as the scalar evaluator keeps it
     * (volume, price, unit cost, rates), advanced period by period; null for a moved product.
     */
    private final double[][] fixedProducts;
    private static final int VOLUME = 0, PRICE = 1, COST = 2, ESCALATOR = 3, ESCALATION = 4, TERMS = 5, BASELINE = 6,
            SCENARIO_V_STEP = 7, SCENARIO_C_STEP = 8, V_STEP = 9, C_STEP = 10, STATE = 11;

    // the P&L's state per lane
    private final double[] renewal;
    private final int[] term;
    private final int[] yearsLeftInTerm;
    private final double[] investment;
    private final double[] noInvestment;
    private final double[] servicesCost;
    private final double[] baselineServicesCost;
    private final double[] servicesValue;
    private final double[] financeRate;
    private final double[] baselineFinanceRate;
    private final double[] paymentValueRate;
    private final double[] baselinePaymentValueRate;
    private final double[] fixedCost;
    private final double[] scenarioFixedCostStep;
    private final double[] fixedCostStep;
    private final double[] supplierDiscountStep;
    private final double[] customerDiscountStep;
    private final double[] supplierDiscount;
    private final double[] customerDiscount;
    private final double[] survival;
    private final double[] sumLr, sumDs, sumNr, sumRb, sumCogs, sumCts, sumFc, sumCm, sumCf;
    private final double[] npv, npvBaseline, savings, customerNpv, runningCashFlow;
    private final double[] payback, minYearMargin, firstYearNr;
    private final double[] yearNr, yearRb, yearCm, margin;
    // one period's figures per lane
    private final double[] rb, rbb, cts, fc, cm, baselineCm;
    // one year's spend and rebate per lane
    private final double[] spend, baselineSpend, rebate;
    // a product's list revenue, or a period's customer savings then value, per lane
    private final double[] laneLr, laneSv;
    /** A year's rebate rates per lane, on their way to {@link #kernelLanes}' table. */
    private final double[] laneRate;
    /** The P&L's lane arrays that hold the same value in every lane unless a global slot moves. */
    private final double[][] laneConstants;
    /** The P&L's sums, zero at the start of each chunk. */
    private final double[][] sums;
    /** True when a slot the P&L reads for the whole account (rates, terms, cost to serve, services) moves. */
    private final boolean globalsMove;
    /** One lane's rebate tiers, when a tier slot moves. */
    private final double[] laneTiers;
    /** The P&L's periods, the rebate tiers and the products' period sums by the Vector API ({@link VectorApi}). */
    private final LaneKernel kernel;
    /** What {@link #kernel} reads and writes; null without it. */
    private final ProfitAndLossLanes kernelLanes;
    /** Each moved product's lane arrays as {@link LaneKernel#productSums} takes them; null without the kernel. */
    private final double[][][] kernelProducts;
    /** Each fixed product's figures of the period for {@link LaneKernel#productSums}; null without the kernel. */
    private final double[] kernelFixedFigures;
    /** One fixed product's figures of a period, for the plain loops. */
    private final double[] fixedFigure = new double[LaneKernel.FIGURES];

    // (1 + r)^(1/ppy) remembered for the last rate seen, per use, as the scalar evaluator does
    private final double[] factorRate = new double[5];
    private final double[] factorValue = new double[5];

    // the batch being evaluated
    private double[] base;
    private double[][] values;
    private int from;

    BatchEvaluator(CompiledScenario model, int[] slots) {
        this(model, slots, VectorApi.AVAILABLE);
    }

    /** {@code vectorApi}: the periods by the Vector API when it is available (false: the plain loops, to compare). */
    BatchEvaluator(CompiledScenario model, int[] slots, boolean vectorApi) {
        this.model = model;
        this.slots = slots.clone();
        this.movedIndex = new int[model.parameterCount()];
        Arrays.fill(movedIndex, -1);
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] < 0 || slots[i] >= movedIndex.length) {
                throw new IllegalArgumentException("slot " + slots[i] + " is not in [0, " + movedIndex.length + ")");
            }
            movedIndex[slots[i]] = i;
        }
        this.years = model.years;
        this.ppy = model.periodsPerYear;
        this.periods = model.periods;
        this.productCount = model.productCount;
        this.yearBase = model.yearBase;
        this.productMoves = new boolean[productCount];
        for (int l = 0; l < productCount; l++) {
            int at = PRODUCTS + PRODUCT_SLOTS * l;
            boolean moves = anyMoves(at, PRODUCT_SLOTS);
            if (yearBase >= 0) {
                moves |= anyMoves(model.yearSlots(l, VOLUME_GROWTH), CompiledScenario.YEAR_RATES_PER_PRODUCT * years);
            }
            productMoves[l] = moves;
        }
        this.termsTiersMove = anyMoves(model.termsTierBase, 2 * model.termsTiers);
        this.baselineTiersMove = anyMoves(model.baselineTierBase, 2 * model.baselineTiers);
        this.laneTiers = new double[2 * Math.max(model.termsTiers, model.baselineTiers)];
        this.width = width(periods);
        int w = width;
        this.kernel = vectorApi ? VectorApi.kernel(w) : null;
        boolean plain = kernel == null;
        this.listRevenue = plain ? new double[periods][w] : null;
        this.discount = plain ? new double[periods][w] : null;
        this.netRevenue = plain ? new double[periods][w] : null;
        this.baselineNetRevenue = plain ? new double[periods][w] : null;
        this.cogs = plain ? new double[periods][w] : null;
        this.rebateRate = plain ? new double[years][w] : null;
        this.baselineRebateRate = plain ? new double[years][w] : null;
        this.movedProducts = new ProductLanes[productCount];
        this.fixedProducts = new double[productCount][];
        for (int l = 0; l < productCount; l++) {
            if (productMoves[l]) movedProducts[l] = new ProductLanes(w);
            else fixedProducts[l] = new double[STATE];
        }
        this.renewal = new double[w];
        this.term = new int[w];
        this.yearsLeftInTerm = new int[w];
        this.investment = new double[w];
        this.noInvestment = new double[w];
        this.servicesCost = new double[w];
        this.baselineServicesCost = new double[w];
        this.servicesValue = new double[w];
        this.financeRate = new double[w];
        this.baselineFinanceRate = new double[w];
        this.paymentValueRate = new double[w];
        this.baselinePaymentValueRate = new double[w];
        this.fixedCost = new double[w];
        this.scenarioFixedCostStep = new double[w];
        this.fixedCostStep = new double[w];
        this.supplierDiscountStep = new double[w];
        this.customerDiscountStep = new double[w];
        this.supplierDiscount = new double[w];
        this.customerDiscount = new double[w];
        this.survival = new double[w];
        this.sumLr = new double[w];
        this.sumDs = new double[w];
        this.sumNr = new double[w];
        this.sumRb = new double[w];
        this.sumCogs = new double[w];
        this.sumCts = new double[w];
        this.sumFc = new double[w];
        this.sumCm = new double[w];
        this.sumCf = new double[w];
        this.npv = new double[w];
        this.npvBaseline = new double[w];
        this.savings = new double[w];
        this.customerNpv = new double[w];
        this.runningCashFlow = new double[w];
        this.payback = new double[w];
        this.minYearMargin = new double[w];
        this.firstYearNr = new double[w];
        this.yearNr = new double[w];
        this.yearRb = new double[w];
        this.yearCm = new double[w];
        this.margin = new double[w];
        this.rb = new double[w];
        this.rbb = new double[w];
        this.cts = new double[w];
        this.fc = new double[w];
        this.cm = new double[w];
        this.baselineCm = new double[w];
        this.spend = new double[w];
        this.baselineSpend = new double[w];
        this.rebate = new double[w];
        this.laneLr = new double[w];
        this.laneSv = new double[w];
        this.laneRate = new double[w];
        this.laneConstants = new double[][] {renewal, investment, servicesCost, baselineServicesCost, servicesValue,
                financeRate, baselineFinanceRate, paymentValueRate, baselinePaymentValueRate, fixedCost,
                scenarioFixedCostStep, supplierDiscountStep, customerDiscountStep};
        this.sums = new double[][] {sumLr, sumDs, sumNr, sumRb, sumCogs, sumCts, sumFc, sumCm, sumCf,
                npv, npvBaseline, savings, customerNpv, runningCashFlow};
        int servicesEnd = model.baselineServiceBase + 2 * model.baselineServices;
        this.globalsMove = anyMoves(0, PRODUCTS) || anyMoves(model.termsServiceBase, servicesEnd - model.termsServiceBase)
                || yearBase >= 0 && anyMoves(model.costToServeYearSlots(), years);
        Arrays.fill(factorRate, Double.NaN);
        this.kernelLanes = plain ? null : new ProfitAndLossLanes(years, ppy, w,
                new double[periods * w], new double[periods * w], new double[periods * w], new double[periods * w],
                new double[periods * w],
                new double[years * w], new double[years * w], new double[years * w], new double[years * w],
                investment, servicesCost, baselineServicesCost, servicesValue, financeRate, baselineFinanceRate,
                paymentValueRate, baselinePaymentValueRate, fixedCost, supplierDiscountStep, customerDiscountStep,
                sumLr, sumDs, sumNr, sumRb, sumCogs, sumCts, sumFc, sumCm, sumCf, npv, npvBaseline, savings,
                customerNpv, payback, minYearMargin, firstYearNr, yearNr,
                laneSv, rb, cts, fc, cm, margin);      // the summary's ratios: as summary() names these arrays
        this.kernelProducts = kernel == null ? null : new double[productCount][][];
        this.kernelFixedFigures = kernel == null ? null : new double[LaneKernel.FIGURES * productCount];
        for (int l = 0; kernel != null && l < productCount; l++) {
            ProductLanes p = movedProducts[l];
            if (p != null) {
                kernelProducts[l] = new double[][] {p.volume, p.price, p.unitCost, p.termsDiscount, p.baselineDiscount,
                        p.vStep, p.cStep};
            }
        }
    }

    /** True when the periods run on the Vector API's kernel rather than the plain loops. */
    boolean usesVectorApi() {
        return kernel != null;
    }

    private boolean anyMoves(int first, int count) {
        for (int s = first; s < first + count; s++) {
            if (movedIndex[s] >= 0) return true;
        }
        return false;
    }

    /** The compiled scenario this evaluator runs. */
    public CompiledScenario model() {
        return model;
    }

    /** The slots whose values each sample gives, in the order of {@code values}' rows. */
    public int[] slots() {
        return slots.clone();
    }

    /**
     * Computes every summary metric of {@code count} samples: sample s is {@code base} (laid out as
     * {@link CompiledScenario#parameters()}) with slot {@code slots()[i]} set to {@code values[i][s]}.
     * Its metrics go to {@code out[m][s]}, m a {@link Metric#ordinal()}; each is bit for bit what
     * {@link Evaluator#evaluate} gives for that parameter vector. {@code base}'s moved slots are not read.
     *
     * @throws Work.Stopped when the scenario's work was stopped: checked once per chunk of samples
     */
    public void evaluate(double[] base, double[][] values, int count, double[][] out) {
        if (values.length != slots.length) {
            throw new IllegalArgumentException(values.length + " rows of values for " + slots.length + " slots");
        }
        this.base = base;
        this.values = values;
        try {
            for (int start = 0; start < count; start += width) {
                int n = Math.min(width, count - start);
                model.work.evaluating(n);
                from = start;
                sumProducts(n);
                rebateRates(n);
                profitAndLoss(n, out);
            }
        } finally {
            this.base = null;
            this.values = null;
        }
    }

    /** Slot {@code slot}'s value in lane b. */
    private double value(int slot, int b) {
        int i = movedIndex[slot];
        return i < 0 ? base[slot] : values[i][from + b];
    }

    /** Slot {@code slot}'s value in each of the n lanes, into {@code lanes}. */
    private void lanes(int slot, int n, double[] lanes) {
        int i = movedIndex[slot];
        if (i < 0) {
            Arrays.fill(lanes, 0, n, base[slot]);
        } else {
            System.arraycopy(values[i], from, lanes, 0, n);
        }
    }

    /**
     * Volumes, prices and costs per product and period, summed per period, per lane. Period by period,
     * every product within the period in the scalar evaluator's order, so that a period's five sums stay
     * in the first-level cache while the products are added to them.
     */
    private void sumProducts(int n) {
        for (int l = 0; l < productCount; l++) {
            if (productMoves[l]) startLanes(l, n);
            else startFixed(l);
        }
        int t = 0;
        for (int y = 0; y < years; y++) {
            if (yearBase >= 0) {
                for (int l = 0; l < productCount; l++) {
                    if (productMoves[l]) yearLanes(l, y, n);
                    else yearFixed(l, y);
                }
            }
            for (int k = 0; k < ppy; k++, t++) {
                if (kernel != null) {
                    kernelProductSums(t, n);
                    continue;
                }
                double[] listRevenueT = listRevenue[t], discountT = discount[t], netRevenueT = netRevenue[t];
                double[] baselineNetRevenueT = baselineNetRevenue[t], cogsT = cogs[t];
                Arrays.fill(listRevenueT, 0, n, 0);
                Arrays.fill(discountT, 0, n, 0);
                Arrays.fill(netRevenueT, 0, n, 0);
                Arrays.fill(baselineNetRevenueT, 0, n, 0);
                Arrays.fill(cogsT, 0, n, 0);
                for (int l = 0; l < productCount; l++) {
                    if (productMoves[l]) {
                        periodLanes(movedProducts[l], t, n);
                    } else {
                        addFixed(fixedProducts[l], t, n);
                    }
                }
            }
            for (int l = 0; l < productCount; l++) {
                if (productMoves[l]) {
                    ProductLanes p = movedProducts[l];
                    for (int b = 0; b < n; b++) p.price[b] *= p.escalation[b];
                } else {
                    fixedProducts[l][PRICE] *= fixedProducts[l][ESCALATION];
                }
            }
        }
    }

    /** A product none of whose slots moves, at the start of the horizon: its state as {@link Evaluator} starts it. */
    private void startFixed(int l) {
        int at = PRODUCTS + PRODUCT_SLOTS * l;
        double[] p = fixedProducts[l];
        p[VOLUME] = base[at + BASE_VOLUME] / ppy;
        p[PRICE] = base[at + LIST_PRICE];
        p[COST] = base[at + UNIT_COST];
        p[ESCALATOR] = base[at + PRICE_ESCALATOR];
        p[ESCALATION] = 1 + p[ESCALATOR];
        p[TERMS] = base[at + TERMS_DISCOUNT];
        p[BASELINE] = base[at + BASELINE_DISCOUNT];
        p[SCENARIO_V_STEP] = factor(0, base[at + VOLUME_GROWTH]);
        p[SCENARIO_C_STEP] = factor(1, base[at + COST_INFLATION]);
        p[V_STEP] = p[SCENARIO_V_STEP];
        p[C_STEP] = p[SCENARIO_C_STEP];
    }

    /** A product that does not move: its rates of year y, when the scenario has a slot per contract year. */
    private void yearFixed(int l, int y) {
        double[] p = fixedProducts[l];
        p[V_STEP] = yearStep(0, base[model.yearSlots(l, VOLUME_GROWTH) + y], p[SCENARIO_V_STEP]);
        p[C_STEP] = yearStep(1, base[model.yearSlots(l, COST_INFLATION) + y], p[SCENARIO_C_STEP]);
        if (y + 1 < years) p[ESCALATION] = 1 + yearRate(base[model.yearSlots(l, PRICE_ESCALATOR) + y + 1], p[ESCALATOR]);
    }

    /** Period t's sums over the products by {@link #kernel}: the products that do not move worked out first. */
    private void kernelProductSums(int t, int n) {
        for (int l = 0; l < productCount; l++) {
            if (productMoves[l]) {
                ProductLanes p = movedProducts[l];
                double[][] lanes = kernelProducts[l];
                lanes[LaneKernel.VOLUME_STEP] = p.vs;
                lanes[LaneKernel.COST_STEP] = p.cs;
            } else {
                fixedFigures(fixedProducts[l], kernelFixedFigures, LaneKernel.FIGURES * l);
            }
        }
        kernel.productSums(kernelProducts, kernelFixedFigures, productCount, kernelLanes, t, n);
    }

    /**
     * A product that does not move, worked out for one period (its list revenue, discount, net revenue, baseline
     * net revenue and cost of goods into {@code figures} from {@code at}) and advanced to the next.
     */
    private static void fixedFigures(double[] p, double[] figures, int at) {
        double volume = p[VOLUME];
        double lr = volume * p[PRICE];
        double ds = lr * p[TERMS];
        figures[at] = lr;
        figures[at + 1] = ds;
        figures[at + 2] = lr - ds;
        figures[at + 3] = lr - lr * p[BASELINE];
        figures[at + 4] = volume * p[COST];
        p[VOLUME] = volume * p[V_STEP];
        p[COST] *= p[C_STEP];
    }

    /** A product that does not move, worked out once for period t and added to every lane's sums. */
    private void addFixed(double[] p, int t, int n) {
        double[] figures = fixedFigure;
        fixedFigures(p, figures, 0);
        double lr = figures[0], ds = figures[1], nr = figures[2], nrb = figures[3], goods = figures[4];
        double[] listRevenueT = listRevenue[t], discountT = discount[t], netRevenueT = netRevenue[t];
        double[] baselineNetRevenueT = baselineNetRevenue[t], cogsT = cogs[t];
        for (int b = 0; b < n; b++) {
            listRevenueT[b] += lr;
            discountT[b] += ds;
            netRevenueT[b] += nr;
        }
        for (int b = 0; b < n; b++) {
            baselineNetRevenueT[b] += nrb;
            cogsT[b] += goods;
        }
    }

    /** A moved product's volumes, prices, costs and rates at the start of the horizon, per lane. */
    private void startLanes(int l, int n) {
        ProductLanes p = movedProducts[l];
        int at = PRODUCTS + PRODUCT_SLOTS * l;
        lanes(at + BASE_VOLUME, n, p.volume);
        for (int b = 0; b < n; b++) p.volume[b] = p.volume[b] / ppy;      // v_l(0): the yearly rate spread over the periods
        lanes(at + LIST_PRICE, n, p.price);
        lanes(at + UNIT_COST, n, p.unitCost);
        lanes(at + PRICE_ESCALATOR, n, p.escalator);
        for (int b = 0; b < n; b++) p.escalation[b] = 1 + p.escalator[b];
        lanes(at + TERMS_DISCOUNT, n, p.termsDiscount);
        lanes(at + BASELINE_DISCOUNT, n, p.baselineDiscount);
        steps(0, at + VOLUME_GROWTH, n, p.scenarioVStep);
        steps(1, at + COST_INFLATION, n, p.scenarioCStep);
        p.vs = p.scenarioVStep;
        p.cs = p.scenarioCStep;
    }

    /** A moved product's rates of year y per lane, when the scenario has a slot per contract year. */
    private void yearLanes(int l, int y, int n) {
        ProductLanes p = movedProducts[l];
        int volumeYears = model.yearSlots(l, VOLUME_GROWTH);
        int escalatorYears = model.yearSlots(l, PRICE_ESCALATOR);
        int costYears = model.yearSlots(l, COST_INFLATION);
        p.vs = p.vStep;
        p.cs = p.cStep;
        for (int b = 0; b < n; b++) {
            p.vStep[b] = yearStep(0, value(volumeYears + y, b), p.scenarioVStep[b]);
            p.cStep[b] = yearStep(1, value(costYears + y, b), p.scenarioCStep[b]);
            p.escalation[b] = y + 1 < years ? 1 + yearRate(value(escalatorYears + y + 1, b), p.escalator[b]) : p.escalation[b];
        }
    }

    /** A moved product added to period t's sums, each lane following its own volumes, prices and costs. */
    private void periodLanes(ProductLanes p, int t, int n) {
        double[] listRevenueT = listRevenue[t], discountT = discount[t], netRevenueT = netRevenue[t];
        double[] baselineNetRevenueT = baselineNetRevenue[t], cogsT = cogs[t];
        double[] volume = p.volume, price = p.price, unitCost = p.unitCost, vs = p.vs, cs = p.cs;
        double[] termsDiscount = p.termsDiscount, baselineDiscount = p.baselineDiscount;
        for (int b = 0; b < n; b++) {
            double lr = volume[b] * price[b];
            laneLr[b] = lr;
            listRevenueT[b] += lr;
        }
        for (int b = 0; b < n; b++) {
            double lr = laneLr[b];
            double ds = lr * termsDiscount[b];
            discountT[b] += ds;
            netRevenueT[b] += lr - ds;
        }
        for (int b = 0; b < n; b++) {
            double lr = laneLr[b];
            baselineNetRevenueT[b] += lr - lr * baselineDiscount[b];
        }
        for (int b = 0; b < n; b++) {
            double v = volume[b];
            cogsT[b] += v * unitCost[b];
            volume[b] = v * vs[b];
        }
        for (int b = 0; b < n; b++) {
            unitCost[b] *= cs[b];
        }
    }

    /**
     * (1 + g)^(1/ppy) per lane for slot {@code slot}'s rate g, as {@link #factor} gives it: worked out once
     * when the slot does not move, and without a look at the remembered rate when ppy is 1 (a step of 1 + g).
     */
    private void steps(int use, int slot, int n, double[] steps) {
        int i = movedIndex[slot];
        if (i < 0) {
            Arrays.fill(steps, 0, n, factor(use, base[slot]));
        } else if (ppy == 1) {
            double[] rates = values[i];
            for (int b = 0; b < n; b++) steps[b] = 1 + rates[from + b];
        } else {
            for (int b = 0; b < n; b++) steps[b] = factor(use, values[i][from + b]);
        }
    }

    /** Lanes of a chunk for a scenario of {@code periods} periods: its per-period arrays about {@link #LANE_DOUBLES} doubles. */
    private static int width(int periods) {
        return Math.max(MIN_LANES, Math.min(MAX_LANES, Integer.highestOneBit(Math.max(1, LANE_DOUBLES / periods))));
    }

    /** Arrays of one lane each that a batch evaluator holds besides its products' (the P&L's state and sums), rounded up. */
    private static final int LANE_ARRAYS = 64;

    /**
     * Bytes of heap one batch evaluator holds, at most, for a scenario of {@code periods} periods,
     * {@code years} years and {@code products} products (each counted as moved), for admission: its
     * per-period and per-year arrays, {@value #LANE_ARRAYS} arrays of one lane each, and 11 per product.
     */
    public static long heapBytes(int periods, int years, int products) {
        long lane = Heap.doubles(width(periods));
        long perPeriod = Heap.times(5L * periods + 4L * years, lane);  // with the Vector API's survival and fixed-cost steps
        long perProduct = Heap.times(11L * products, lane);
        return Heap.plus(Heap.plus(perPeriod, perProduct), Heap.times(LANE_ARRAYS, lane));
    }

    /** One moved product's state per lane. */
    private static final class ProductLanes {
        final double[] volume, price, unitCost, escalator, escalation, termsDiscount, baselineDiscount;
        final double[] scenarioVStep, scenarioCStep, vStep, cStep;
        /** The steps of the current year: the scenario's, or the year slots' ({@link #vStep}, {@link #cStep}). */
        double[] vs, cs;

        ProductLanes(int width) {
            volume = new double[width];
            price = new double[width];
            unitCost = new double[width];
            escalator = new double[width];
            escalation = new double[width];
            termsDiscount = new double[width];
            baselineDiscount = new double[width];
            scenarioVStep = new double[width];
            scenarioCStep = new double[width];
            vStep = new double[width];
            cStep = new double[width];
        }
    }

    /** e_y for terms and baseline per lane: the year's rebate on its net spend, as a rate. */
    private void rebateRates(int n) {
        if (kernel != null) {
            kernelRebateRates(n);
            return;
        }
        for (int y = 0; y < years; y++) {
            int first = y * ppy;
            Arrays.fill(spend, 0, n, 0);
            Arrays.fill(baselineSpend, 0, n, 0);
            for (int t = first; t < first + ppy; t++) {
                double[] listRevenueT = listRevenue[t], discountT = discount[t], netRevenueT = netRevenue[t];
                double[] baselineNetRevenueT = baselineNetRevenue[t], cogsT = cogs[t];
                for (int b = 0; b < n; b++) {
                    spend[b] += netRevenueT[b];
                    baselineSpend[b] += baselineNetRevenueT[b];
                }
            }
            rates(model.termsBasis, model.termsTierBase, model.termsTiers, termsTiersMove, spend, rebateRate[y], n);
            rates(model.baselineBasis, model.baselineTierBase, model.baselineTiers, baselineTiersMove, baselineSpend,
                    baselineRebateRate[y], n);
        }
    }

    /** {@link #rebateRates} from and into {@link #kernelLanes}' tables, each lane's spend summed in the same order. */
    private void kernelRebateRates(int n) {
        for (int y = 0; y < years; y++) {
            kernel.yearSpend(kernelLanes, y, spend, baselineSpend, n);
            rates(model.termsBasis, model.termsTierBase, model.termsTiers, termsTiersMove, spend, laneRate, n);
            System.arraycopy(laneRate, 0, kernelLanes.rebateRate(), y * width, n);
            rates(model.baselineBasis, model.baselineTierBase, model.baselineTiers, baselineTiersMove, baselineSpend,
                    laneRate, n);
            System.arraycopy(laneRate, 0, kernelLanes.baselineRebateRate(), y * width, n);
        }
    }

    /** {@code rates[b]}: the rebate on lane b's {@code spend} as a rate of it, 0 without spend. */
    private void rates(RebateBasis basis, int tierBase, int tiers, boolean moves, double[] spend, double[] rates, int n) {
        if (moves || !ascending(tierBase, tiers)) {
            for (int b = 0; b < n; b++) {
                double s = spend[b];
                rates[b] = s > 0 ? laneRebate(basis, tierBase, tiers, moves, b, s) / s : 0;
            }
            return;
        }
        if (tiers == 0) {
            Arrays.fill(rates, 0, n, 0);
            return;
        }
        // The same strictly ascending tiers in every lane: RebateSchedule.rebate's walk, which stops at the
        // first threshold not below the spend, takes the same tiers as a look at every tier, a lane at a time.
        if (kernel != null) {
            kernel.tierRates(basis, base, tierBase, tiers, spend, rebate, rates, n);
            return;
        }
        double[] r = rebate;
        Arrays.fill(r, 0, n, 0);
        if (basis == RebateBasis.RETROACTIVE) {
            for (int k = 0; k < tiers; k++) {
                double threshold = base[tierBase + 2 * k];
                double rate = base[tierBase + 2 * k + 1];
                for (int b = 0; b < n; b++) {
                    r[b] = threshold <= spend[b] ? rate : r[b];       // the rate of the highest tier reached
                }
            }
            for (int b = 0; b < n; b++) r[b] = r[b] * spend[b];       // on all of the spend
        } else {
            for (int k = 0; k < tiers; k++) {
                double from = base[tierBase + 2 * k];
                double rate = base[tierBase + 2 * k + 1];
                boolean last = k + 1 == tiers;
                double next = last ? 0 : base[tierBase + 2 * k + 2];
                for (int b = 0; b < n; b++) {
                    double s = spend[b];
                    if (s > from) {                                    // on the part of the spend in the tier
                        double to = last ? s : Math.min(s, next);
                        r[b] += rate * (to - from);
                    }
                }
            }
        }
        for (int b = 0; b < n; b++) rates[b] = r[b] / spend[b];
        for (int b = 0; b < n; b++) rates[b] = spend[b] > 0 ? rates[b] : 0;
    }

    private boolean ascending(int tierBase, int tiers) {
        for (int k = 0; k + 1 < tiers; k++) {
            if (!(base[tierBase + 2 * k] < base[tierBase + 2 * k + 2])) return false;
        }
        return true;
    }

    /** Lane b's rebate on {@code spend}, by {@link RebateSchedule#rebate} itself. */
    private double laneRebate(RebateBasis basis, int tierBase, int tiers, boolean moves, int b, double spend) {
        if (!moves) {
            return RebateSchedule.rebate(basis, base, tierBase, tiers, spend);
        }
        for (int s = 0; s < 2 * tiers; s++) {
            laneTiers[s] = value(tierBase + s, b);
        }
        return RebateSchedule.rebate(basis, laneTiers, 0, tiers, spend);
    }

    /** The rates, costs and factors of the P&L per lane; worked out once and copied when no lane differs. */
    private void setUpProfitAndLoss(int n) {
        int lanes = globalsMove ? n : 1;
        for (int b = 0; b < lanes; b++) {
            double r = value(SUPPLIER_COC, b);
            double own = value(CUSTOMER_COC, b);
            double c = Double.isNaN(own) ? r : own;                   // r_c, or r_s when left out
            double days = value(TERMS_PAYMENT_DAYS, b);
            double baselineDays = value(BASELINE_PAYMENT_DAYS, b);
            term[b] = (int) value(CONTRACT_YEARS, b);
            renewal[b] = value(RENEWAL_PROBABILITY, b);
            investment[b] = value(UPFRONT_INVESTMENT, b);
            servicesCost[b] = sumPairs(model.termsServiceBase, model.termsServices, 0, b) / ppy;
            baselineServicesCost[b] = sumPairs(model.baselineServiceBase, model.baselineServices, 0, b) / ppy;
            servicesValue[b] = (sumPairs(model.termsServiceBase, model.termsServices, 1, b)
                    - sumPairs(model.baselineServiceBase, model.baselineServices, 1, b)) / ppy;
            financeRate[b] = days / DAYS_PER_YEAR * r;                 // FC = NR × D/365 × r_s
            baselineFinanceRate[b] = baselineDays / DAYS_PER_YEAR * r;
            paymentValueRate[b] = days / DAYS_PER_YEAR * c;            // PTV = (NR × D − NR_b × D_b)/365 × r_c
            baselinePaymentValueRate[b] = baselineDays / DAYS_PER_YEAR * c;
            fixedCost[b] = value(CTS_FIXED, b) / ppy;                  // F / ppy × (1 + g_f)^τ
            scenarioFixedCostStep[b] = factor(2, value(CTS_INFLATION, b));
            supplierDiscountStep[b] = 1 / factor(3, r);                // (1 + r_s)^(−1/ppy)
            customerDiscountStep[b] = 1 / factor(4, c);
        }
        if (!globalsMove) {
            Arrays.fill(term, 1, n, term[0]);
            for (double[] a : laneConstants) {
                Arrays.fill(a, 1, n, a[0]);
            }
        }
        System.arraycopy(scenarioFixedCostStep, 0, fixedCostStep, 0, n);
        System.arraycopy(term, 0, yearsLeftInTerm, 0, n);
        Arrays.fill(survival, 0, n, 1);
        if (kernel != null) {
            return;     // the kernel starts its discount factors, sums, payback and lowest margin itself
        }
        System.arraycopy(supplierDiscountStep, 0, supplierDiscount, 0, n);    // end of period 0
        System.arraycopy(customerDiscountStep, 0, customerDiscount, 0, n);
        Arrays.fill(payback, 0, n, Double.NaN);
        Arrays.fill(minYearMargin, 0, n, Double.NaN);
        for (double[] sum : sums) {
            Arrays.fill(sum, 0, n, 0);
        }
    }

    /** The supplier P&L, the baseline's NPV and the customer view, period by period, per lane. */
    private void profitAndLoss(int n, double[][] out) {
        setUpProfitAndLoss(n);
        if (kernel != null) {
            for (int y = 0; y < years; y++) {
                yearOfTerm(y, n);
                System.arraycopy(survival, 0, kernelLanes.survival(), y * width, n);
                System.arraycopy(fixedCostStep, 0, kernelLanes.fixedCostStep(), y * width, n);
            }
            kernel.profitAndLoss(kernelLanes, n);
            summary(n, out);
            return;
        }
        int withoutPayback = n; // lanes whose cash flow has not yet turned: the payback's loop ends with the last
        int t = 0;
        for (int y = 0; y < years; y++) {
            yearOfTerm(y, n);
            Arrays.fill(yearNr, 0, n, 0);
            Arrays.fill(yearRb, 0, n, 0);
            Arrays.fill(yearCm, 0, n, 0);
            double[] rebateRateY = rebateRate[y], baselineRebateRateY = baselineRebateRate[y];
            // Each step below is a loop over the lanes small enough for the JIT to unroll and vectorise;
            // each lane's arithmetic is the scalar evaluator's, in its order.
            for (int k = 0; k < ppy; k++, t++) {
                double[] listRevenueT = listRevenue[t], discountT = discount[t], netRevenueT = netRevenue[t];
                double[] baselineNetRevenueT = baselineNetRevenue[t], cogsT = cogs[t];
                double[] inv = t == 0 ? investment : noInvestment;
                supplierPeriod(n, t, inv, rebateRateY, baselineRebateRateY);
                customerPeriod(n, t, inv);
                for (int b = 0; b < n; b++) {
                    yearNr[b] += netRevenueT[b];
                    yearRb[b] += rb[b];
                    yearCm[b] += cm[b];
                }
                for (int b = 0; b < n; b++) {
                    fixedCost[b] *= fixedCostStep[b];
                    supplierDiscount[b] *= supplierDiscountStep[b];
                    customerDiscount[b] *= customerDiscountStep[b];
                }
                if (withoutPayback > 0) {
                    for (int b = 0; b < n; b++) {
                        if (runningCashFlow[b] >= 0 && Double.isNaN(payback[b])) {
                            payback[b] = t + 1;
                            withoutPayback--;
                        }
                    }
                }
            }
            for (int b = 0; b < n; b++) {
                margin[b] = yearCm[b] / (yearNr[b] - yearRb[b]);
            }
            for (int b = 0; b < n; b++) {
                // years without revenue (NaN margin) are skipped
                double yearMargin = yearNr[b] - yearRb[b] == 0 ? Double.NaN : margin[b];
                if (!Double.isNaN(yearMargin) && (Double.isNaN(minYearMargin[b]) || yearMargin < minYearMargin[b])) {
                    minYearMargin[b] = yearMargin;
                }
            }
            if (y == 0) System.arraycopy(yearNr, 0, firstYearNr, 0, n);
        }
        summary(n, out);
    }

    /** Survival and the fixed cost's step in year y per lane: the contract's renewals and the cost to serve's inflation. */
    private void yearOfTerm(int y, int n) {
        // Survival and the fixed cost's step are the same in every lane unless an account-wide slot moves;
        // when none moves, lane 0 alone follows the term and its figures are copied (not a branch per lane).
        int yearLanes = globalsMove ? n : 1;
        int fixedCostYears = yearBase < 0 ? 0 : model.costToServeYearSlots();
        for (int b = 0; b < yearLanes; b++) {
            if (yearBase >= 0) {
                // F(t+1) = F(t) × (1 + g_f,y)^(1/ppy)
                fixedCostStep[b] = yearStep(2, value(fixedCostYears + y, b), scenarioFixedCostStep[b]);
            }
            if (yearsLeftInTerm[b] == 0) {
                survival[b] *= renewal[b];                         // s = p^floor(y / K)
                yearsLeftInTerm[b] = term[b];
            }
            yearsLeftInTerm[b]--;
        }
        if (!globalsMove) {
            Arrays.fill(survival, 1, n, survival[0]);
            Arrays.fill(fixedCostStep, 1, n, fixedCostStep[0]);
        }
    }

    /**
     * One period of the supplier's P&L in every lane: rebates, cost to serve, financing, contribution, NPVs.
     * Each step is a loop over the lanes small enough for the JIT to unroll and vectorise, in a method of its
     * own so that the compiled P&L stays within the JIT's limits; each lane's arithmetic is the scalar
     * evaluator's, in its order.
     */
    private void supplierPeriod(int n, int t, double[] inv, double[] rebateRateY, double[] baselineRebateRateY) {
        double[] netRevenueT = netRevenue[t], baselineNetRevenueT = baselineNetRevenue[t], cogsT = cogs[t];
        for (int b = 0; b < n; b++) {
            rb[b] = netRevenueT[b] * rebateRateY[b];                          // RB = NR × e_y
        }
        for (int b = 0; b < n; b++) {
            rbb[b] = baselineNetRevenueT[b] * baselineRebateRateY[b];
        }
        for (int b = 0; b < n; b++) {
            cts[b] = fixedCost[b] + servicesCost[b];                          // CTS = F + S
        }
        for (int b = 0; b < n; b++) {
            fc[b] = netRevenueT[b] * financeRate[b];                          // FC = NR × D/365 × r_s
        }
        for (int b = 0; b < n; b++) {
            cm[b] = netRevenueT[b] - rb[b] - cogsT[b] - cts[b] - fc[b];  // CM = GM − CTS − FC
        }
        for (int b = 0; b < n; b++) {
            baselineCm[b] = baselineNetRevenueT[b] - rbb[b] - cogsT[b];
        }
        for (int b = 0; b < n; b++) {
            baselineCm[b] = baselineCm[b] - (fixedCost[b] + baselineServicesCost[b])
                    - baselineNetRevenueT[b] * baselineFinanceRate[b];
        }
        for (int b = 0; b < n; b++) {
            npv[b] += (cm[b] * survival[b] - inv[b]) * supplierDiscount[b];   // PV = (CM × s − I) × δ_s
        }
        for (int b = 0; b < n; b++) {
            npvBaseline[b] += (baselineCm[b] * survival[b] - inv[b]) * supplierDiscount[b];
        }
    }

    /** One period of the customer's view and of the sums in every lane, as {@link #supplierPeriod}. */
    private void customerPeriod(int n, int t, double[] inv) {
        double[] listRevenueT = listRevenue[t], discountT = discount[t], netRevenueT = netRevenue[t];
        double[] baselineNetRevenueT = baselineNetRevenue[t], cogsT = cogs[t];
        for (int b = 0; b < n; b++) {
            double sv = (baselineNetRevenueT[b] - rbb[b]) - (netRevenueT[b] - rb[b]);  // SV = spend_b − spend
            laneSv[b] = sv;
            savings[b] += sv;
        }
        for (int b = 0; b < n; b++) {
            // PTV = NR × D/365 × r_c − NR_b × D_b/365 × r_c; CV = SV + services + PTV
            double ptv = netRevenueT[b] * paymentValueRate[b] - baselineNetRevenueT[b] * baselinePaymentValueRate[b];
            laneSv[b] = laneSv[b] + servicesValue[b] + ptv;
        }
        for (int b = 0; b < n; b++) {
            customerNpv[b] += laneSv[b] * survival[b] * customerDiscount[b];
        }
        for (int b = 0; b < n; b++) {
            sumLr[b] += listRevenueT[b];
            sumDs[b] += discountT[b];
            sumNr[b] += netRevenueT[b];
        }
        for (int b = 0; b < n; b++) {
            sumRb[b] += rb[b];
            sumCogs[b] += cogsT[b];
            sumCts[b] += cts[b];
        }
        for (int b = 0; b < n; b++) {
            sumFc[b] += fc[b];
            sumCm[b] += cm[b];
        }
        for (int b = 0; b < n; b++) {
            double cf = cm[b] - inv[b];                                         // CF = CM − I
            sumCf[b] += cf;
            runningCashFlow[b] += cf;
        }
    }

    /** The summary metrics of the lanes into their samples' places in {@code out}. */
    private void summary(int n, double[][] out) {
        System.arraycopy(sumLr, 0, out[Metric.LIST_REVENUE.ordinal()], from, n);
        System.arraycopy(sumDs, 0, out[Metric.DISCOUNT.ordinal()], from, n);
        System.arraycopy(sumNr, 0, out[Metric.NET_REVENUE.ordinal()], from, n);
        System.arraycopy(sumRb, 0, out[Metric.REBATE.ordinal()], from, n);
        System.arraycopy(sumCogs, 0, out[Metric.COGS.ordinal()], from, n);
        System.arraycopy(sumCts, 0, out[Metric.COST_TO_SERVE.ordinal()], from, n);
        System.arraycopy(sumFc, 0, out[Metric.FINANCING_COST.ordinal()], from, n);
        System.arraycopy(sumCm, 0, out[Metric.CONTRIBUTION.ordinal()], from, n);
        System.arraycopy(sumCf, 0, out[Metric.CASH_FLOW.ordinal()], from, n);
        System.arraycopy(minYearMargin, 0, out[Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT.ordinal()], from, n);
        System.arraycopy(npv, 0, out[Metric.NPV.ordinal()], from, n);
        System.arraycopy(npvBaseline, 0, out[Metric.NPV_BASELINE.ordinal()], from, n);
        System.arraycopy(savings, 0, out[Metric.CUSTOMER_SAVINGS.ordinal()], from, n);
        System.arraycopy(customerNpv, 0, out[Metric.CUSTOMER_NPV.ordinal()], from, n);
        System.arraycopy(payback, 0, out[Metric.PAYBACK_PERIOD.ordinal()], from, n);
        // The P&L's period arrays are free by now and hold the ratios (the kernel has left them there; the names
        // are kernelLanes' too).
        double[] net = laneLr, grossMargin = laneSv, grossMarginPct = rb, contributionPct = cts;
        double[] concessionCost = fc, leverage = cm, cagr = margin;
        if (kernel == null) {
            // The ratios each a loop of their own over lane arrays, which the JIT vectorises; the divisions by
            // zero they make are then replaced by NaN, as the scalar evaluator's ratios do, in loops that only select.
            for (int b = 0; b < n; b++) net[b] = sumNr[b] - sumRb[b];
            for (int b = 0; b < n; b++) grossMargin[b] = net[b] - sumCogs[b];
            for (int b = 0; b < n; b++) grossMarginPct[b] = grossMargin[b] / net[b];
            for (int b = 0; b < n; b++) contributionPct[b] = sumCm[b] / net[b];
            for (int b = 0; b < n; b++) concessionCost[b] = npvBaseline[b] - npv[b];
            for (int b = 0; b < n; b++) leverage[b] = customerNpv[b] / concessionCost[b];
            for (int b = 0; b < n; b++) {
                grossMarginPct[b] = net[b] == 0 ? Double.NaN : grossMarginPct[b];
                contributionPct[b] = net[b] == 0 ? Double.NaN : contributionPct[b];
                leverage[b] = concessionCost[b] > 0 ? leverage[b] : Double.NaN;
            }
            for (int b = 0; b < n; b++) cagr[b] = yearNr[b] / firstYearNr[b];
        }
        revenueGrowth(n, cagr);
        System.arraycopy(grossMargin, 0, out[Metric.GROSS_MARGIN.ordinal()], from, n);
        System.arraycopy(grossMarginPct, 0, out[Metric.GROSS_MARGIN_PCT.ordinal()], from, n);
        System.arraycopy(contributionPct, 0, out[Metric.CONTRIBUTION_MARGIN_PCT.ordinal()], from, n);
        System.arraycopy(concessionCost, 0, out[Metric.CONCESSION_COST.ordinal()], from, n);
        System.arraycopy(leverage, 0, out[Metric.VALUE_LEVERAGE.ordinal()], from, n);
        System.arraycopy(cagr, 0, out[Metric.REVENUE_CAGR.ordinal()], from, n);
    }

    /**
     * The revenue CAGR per lane from {@code cagr}'s NR_last / NR_first: (NR_last / NR_first)^(1/(years − 1)) − 1
     * by {@link Evaluator#root}'s operations, chosen once for all lanes; NaN for one year or no first-year revenue.
     */
    private void revenueGrowth(int n, double[] cagr) {
        if (years <= 1) {
            Arrays.fill(cagr, 0, n, Double.NaN);
            return;
        }
        switch (years - 1) {
            case 1 -> { }
            case 2 -> {
                for (int b = 0; b < n; b++) cagr[b] = Math.sqrt(cagr[b]);
            }
            case 3 -> {
                for (int b = 0; b < n; b++) cagr[b] = Math.cbrt(cagr[b]);
            }
            case 4 -> {
                for (int b = 0; b < n; b++) cagr[b] = Math.sqrt(Math.sqrt(cagr[b]));
            }
            default -> {
                double power = 1.0 / (years - 1);
                for (int b = 0; b < n; b++) cagr[b] = Math.pow(cagr[b], power);
            }
        }
        for (int b = 0; b < n; b++) cagr[b] = firstYearNr[b] != 0 ? cagr[b] - 1 : Double.NaN;
    }

    /** The rate a year slot holds, or the scenario's {@code rate} when the slot follows it. */
    private static double yearRate(double own, double rate) {
        return own != own ? rate : own; // NaN: follows
    }

    /** (1 + g)^(1/ppy) for a year slot's rate g, or {@code scenarioStep} when the slot follows the scenario's rate. */
    private double yearStep(int use, double rate, double scenarioStep) {
        return rate != rate ? scenarioStep : factor(use, rate);
    }

    /** (1 + rate)^(1/ppy), remembered per use while the rate stays: Math.pow only when it changes. */
    private double factor(int use, double rate) {
        if (rate != factorRate[use]) {
            factorRate[use] = rate;
            factorValue[use] = ppy == 1 ? 1 + rate : Math.pow(1 + rate, 1.0 / ppy);
        }
        return factorValue[use];
    }

    private double sumPairs(int pairs, int count, int member, int b) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += value(pairs + 2 * i + member, b);
        }
        return sum;
    }
}
