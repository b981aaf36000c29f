package io.parley.engine;

import java.util.Arrays;
import java.util.List;

import io.parley.model.DerivedDefault;
import io.parley.model.InvalidLeverPathException;
import io.parley.model.Lever;
import io.parley.model.LeverPath;
import io.parley.model.Levers;
import io.parley.model.Product;
import io.parley.model.RebateBasis;
import io.parley.model.RebateTier;
import io.parley.model.Scenario;
import io.parley.model.ScenarioValidator;
import io.parley.model.Service;
import io.parley.model.Terms;

/**
 * A valid scenario compiled once into a flat parameter vector with a fixed layout, so that analyses
 * can set any lever by slot and evaluate again without parsing or allocating. The shape (horizon,
 * product count, rebate bases, tier and service counts) is fixed at compile time; every number that
 * does not change the shape is a slot. Immutable and safe to share; each thread evaluates with its
 * own {@link Evaluator}.
 */
public final class CompiledScenario {

    // global slots
    static final int SUPPLIER_COC = 0;
    static final int CUSTOMER_COC = 1;
    static final int CTS_FIXED = 2;
    static final int CTS_INFLATION = 3;
    static final int TERMS_PAYMENT_DAYS = 4;
    static final int CONTRACT_YEARS = 5;
    static final int RENEWAL_PROBABILITY = 6;
    static final int UPFRONT_INVESTMENT = 7;
    static final int BASELINE_PAYMENT_DAYS = 8;
    static final int PRODUCTS = 9;

    /**
     * What a slot holds while the spec derives its value from another slot: the customer's rate left
     * out of the input is the supplier's, whatever the supplier's is set to. A lever that sets the slot
     * replaces the marker with a value of its own; {@link #value(double[], int)} reads through it.
     */
    static final double FOLLOWS = Double.NaN;

    // offsets inside a product's block
    static final int BASE_VOLUME = 0;
    static final int LIST_PRICE = 1;
    static final int UNIT_COST = 2;
    static final int VOLUME_GROWTH = 3;
    static final int PRICE_ESCALATOR = 4;
    static final int COST_INFLATION = 5;
    static final int TERMS_DISCOUNT = 6;
    static final int BASELINE_DISCOUNT = 7;
    static final int PRODUCT_SLOTS = 8;

    /**
     * The rates that may vary per contract year, in the order of their blocks of year slots: a product's
     * volume growth, price escalator and cost inflation (its slots {@link #VOLUME_GROWTH} … {@link #COST_INFLATION}),
     * then the cost to serve's inflation.
     */
    static final int YEAR_RATES_PER_PRODUCT = 3;

    final Scenario scenario;
    final int years;
    final int periodsPerYear;
    final int periods;
    final int productCount;
    final RebateBasis termsBasis;
    final RebateBasis baselineBasis;
    final int termsTiers;
    final int baselineTiers;
    /** Start of (threshold, rate) pairs, two slots per tier. */
    final int termsTierBase;
    final int baselineTierBase;
    final int termsServices;
    final int baselineServices;
    /** Start of (costPerYear, valuePerYear) pairs, two slots per service. */
    final int termsServiceBase;
    final int baselineServiceBase;
    /**
     * Start of the year slots, or −1 when the scenario was compiled without them ({@link #withYearSlots()}):
     * a block of {@code years} slots per product and rate ({@link #YEAR_RATES_PER_PRODUCT}), then one for the
     * cost to serve's inflation. A year slot holds {@link #FOLLOWS} until a lever sets it: that year then
     * takes the scenario's rate, whatever its own slot is set to.
     */
    final int yearBase;
    private final double[] parameters;
    /** Whose computation evaluations of this scenario are: checked before each (see {@link Work}). */
    final Work work;

    private CompiledScenario(Scenario s, boolean yearSlots) {
        this.work = Work.UNWATCHED;
        this.scenario = s;
        this.years = s.horizon().years();
        this.periodsPerYear = s.horizon().periodsPerYear();
        this.periods = years * periodsPerYear;
        this.productCount = s.products().size();
        this.termsBasis = s.terms().rebate().basis();
        this.baselineBasis = s.baseline().rebate().basis();
        this.termsTiers = s.terms().rebate().tiers().size();
        this.baselineTiers = s.baseline().rebate().tiers().size();
        this.termsServices = s.terms().services().size();
        this.baselineServices = s.baseline().services().size();
        this.termsTierBase = PRODUCTS + PRODUCT_SLOTS * productCount;
        this.baselineTierBase = termsTierBase + 2 * termsTiers;
        this.termsServiceBase = baselineTierBase + 2 * baselineTiers;
        this.baselineServiceBase = termsServiceBase + 2 * termsServices;
        int end = baselineServiceBase + 2 * baselineServices;
        this.yearBase = yearSlots ? end : -1;
        this.parameters = new double[yearSlots ? end + (YEAR_RATES_PER_PRODUCT * productCount + 1) * years : end];
        Arrays.fill(parameters, end, parameters.length, FOLLOWS);

        double[] p = parameters;
        p[SUPPLIER_COC] = s.supplierCostOfCapital();
        p[CUSTOMER_COC] = s.follows(DerivedDefault.CUSTOMER_COST_OF_CAPITAL) ? FOLLOWS : s.customerCostOfCapital();
        p[CTS_FIXED] = s.costToServe().fixedPerYear();
        p[CTS_INFLATION] = s.costToServe().inflation();
        p[TERMS_PAYMENT_DAYS] = s.terms().paymentDays();
        p[CONTRACT_YEARS] = s.terms().contractYears();
        p[RENEWAL_PROBABILITY] = s.terms().renewalProbability();
        p[UPFRONT_INVESTMENT] = s.terms().upfrontInvestment();
        p[BASELINE_PAYMENT_DAYS] = s.baseline().paymentDays();
        for (int l = 0; l < productCount; l++) {
            Product product = s.products().get(l);
            int at = PRODUCTS + PRODUCT_SLOTS * l;
            p[at + BASE_VOLUME] = product.baseVolume();
            p[at + LIST_PRICE] = product.listPrice();
            p[at + UNIT_COST] = product.unitCost();
            p[at + VOLUME_GROWTH] = product.volumeGrowth();
            p[at + PRICE_ESCALATOR] = product.priceEscalator();
            p[at + COST_INFLATION] = product.costInflation();
            p[at + TERMS_DISCOUNT] = s.terms().discountOf(product.id());
            p[at + BASELINE_DISCOUNT] = s.baseline().discountOf(product.id());
        }
        copyTiers(s.terms(), termsTierBase);
        copyTiers(s.baseline(), baselineTierBase);
        copyServices(s.terms().services(), termsServiceBase);
        copyServices(s.baseline().services(), baselineServiceBase);
    }

    /** The same compiled scenario, its arrays shared, evaluated as {@code work}. */
    private CompiledScenario(CompiledScenario same, Work work) {
        this.work = work;
        this.scenario = same.scenario;
        this.years = same.years;
        this.periodsPerYear = same.periodsPerYear;
        this.periods = same.periods;
        this.productCount = same.productCount;
        this.termsBasis = same.termsBasis;
        this.baselineBasis = same.baselineBasis;
        this.termsTiers = same.termsTiers;
        this.baselineTiers = same.baselineTiers;
        this.termsTierBase = same.termsTierBase;
        this.baselineTierBase = same.baselineTierBase;
        this.termsServices = same.termsServices;
        this.baselineServices = same.baselineServices;
        this.termsServiceBase = same.termsServiceBase;
        this.baselineServiceBase = same.baselineServiceBase;
        this.yearBase = same.yearBase;
        this.parameters = same.parameters;
    }

    /**
     * This scenario evaluated on behalf of {@code work}: every evaluation first asks whether the work
     * was stopped (and throws {@link Work.Stopped} if so), so stopping it ends every analysis running on it.
     */
    public CompiledScenario watchedBy(Work work) {
        return new CompiledScenario(this, work);
    }

    /** The work this scenario is evaluated for. */
    public Work work() {
        return work;
    }

    /**
     * Compiles a scenario.
     *
     * @throws io.parley.model.InvalidInputException when the scenario breaks a rule of the model
     */
    public static CompiledScenario compile(Scenario scenario) {
        return new CompiledScenario(ScenarioValidator.requireValid(scenario), false);
    }

    /**
     * This scenario with a slot per contract year for each year-on-year rate, so that levers such as
     * {@code products[widgets].volumeGrowth[year=3]} can be set. Every year slot starts out following the
     * scenario's rate, so the figures are those of this scenario to the last bit until one is set. Compiled
     * only for the requests that vary a rate per year: the slots cost every other evaluation a copy.
     */
    public CompiledScenario withYearSlots() {
        return yearBase >= 0 ? this : new CompiledScenario(scenario, true).watchedByWorkOf(this);
    }

    private CompiledScenario watchedByWorkOf(CompiledScenario other) {
        return other.work == Work.UNWATCHED ? this : watchedBy(other.work);
    }

    /** True when the scenario has a slot per contract year for each year-on-year rate. */
    public boolean hasYearSlots() {
        return yearBase >= 0;
    }

    private void copyTiers(Terms terms, int base) {
        List<RebateTier> tiers = terms.rebate().tiers();
        for (int k = 0; k < tiers.size(); k++) {
            parameters[base + 2 * k] = tiers.get(k).threshold();
            parameters[base + 2 * k + 1] = tiers.get(k).rate();
        }
    }

    private void copyServices(List<Service> services, int base) {
        for (int i = 0; i < services.size(); i++) {
            parameters[base + 2 * i] = services.get(i).costPerYear();
            parameters[base + 2 * i + 1] = services.get(i).valuePerYear();
        }
    }

    /** The scenario this was compiled from. */
    public Scenario scenario() {
        return scenario;
    }

    /**
     * A fresh copy of the scenario's parameter vector, to be changed and evaluated. A slot whose value
     * the spec derives from another holds a marker until set; read values with {@link #value(double[], int)}.
     */
    public double[] parameters() {
        return parameters.clone();
    }

    /** The value a slot takes in {@code parameters}: a derived default reads as the value it follows. */
    public static double value(double[] parameters, int slot) {
        return slot == CUSTOMER_COC ? customerRate(parameters) : parameters[slot];
    }

    /** The value a slot takes in the scenario as compiled: a year slot that follows reads as the scenario's rate. */
    public double value(int slot) {
        return yearBase >= 0 && slot >= yearBase && Double.isNaN(parameters[slot])
                ? value(parameters, rateSlotOf(slot)) : value(parameters, slot);
    }

    /** The slot of the rate a year slot overrides for its year. */
    int rateSlotOf(int yearSlot) {
        int block = (yearSlot - yearBase) / years;
        return block < YEAR_RATES_PER_PRODUCT * productCount
                ? PRODUCTS + PRODUCT_SLOTS * (block / YEAR_RATES_PER_PRODUCT) + VOLUME_GROWTH + block % YEAR_RATES_PER_PRODUCT
                : CTS_INFLATION;
    }

    /** The first of the {@code years} slots of product {@code product}'s rate at {@code rateSlot} (e.g. {@link #VOLUME_GROWTH}). */
    int yearSlots(int product, int rateSlot) {
        return yearBase + (YEAR_RATES_PER_PRODUCT * product + rateSlot - VOLUME_GROWTH) * years;
    }

    /** The first of the {@code years} slots of the cost to serve's inflation. */
    int costToServeYearSlots() {
        return yearBase + YEAR_RATES_PER_PRODUCT * productCount * years;
    }

    /** r_c: the customer's own rate, or the supplier's when the input left the customer's out. */
    static double customerRate(double[] parameters) {
        double own = parameters[CUSTOMER_COC];
        return Double.isNaN(own) ? parameters[SUPPLIER_COC] : own;
    }

    public int parameterCount() {
        return parameters.length;
    }

    public int periods() {
        return periods;
    }

    /** Bytes of heap one batch evaluator of this scenario holds, at most ({@link BatchEvaluator#heapBytes}). */
    public long batchEvaluatorBytes() {
        return BatchEvaluator.heapBytes(periods, years, productCount);
    }

    /** A new evaluator with its own workspace; not thread-safe, so one per thread. */
    public Evaluator newEvaluator() {
        return new Evaluator(this);
    }

    /**
     * A new evaluator of batches of samples that differ in the parameter slots {@code slots} (see
     * {@link #slot(String)}); not thread-safe, so one per thread.
     */
    public BatchEvaluator newBatchEvaluator(int... slots) {
        return new BatchEvaluator(this, slots);
    }

    /** Every table of the scenario as compiled, i.e. at its own lever values. */
    public Report report() {
        return newEvaluator().report(parameters);
    }

    /** The summary metrics at the scenario's own lever values, indexed by {@link Metric#ordinal()}. */
    public double[] summary() {
        double[] summary = new double[Metric.count()];
        newEvaluator().evaluate(parameters, summary);
        return summary;
    }

    /** The lever path of every slot, in slot order: the inverse of {@link #slot(String)}. */
    public String[] leverPaths() {
        String[] paths = new String[parameters.length];
        paths[SUPPLIER_COC] = LeverPath.of("supplier", "costOfCapital").toString();
        paths[CUSTOMER_COC] = LeverPath.of("customer", "costOfCapital").toString();
        paths[CTS_FIXED] = LeverPath.of("costToServe", "fixedPerYear").toString();
        paths[CTS_INFLATION] = LeverPath.of("costToServe", "inflation").toString();
        paths[TERMS_PAYMENT_DAYS] = LeverPath.of("terms", "paymentDays").toString();
        paths[CONTRACT_YEARS] = LeverPath.of("terms", "contractYears").toString();
        paths[RENEWAL_PROBABILITY] = LeverPath.of("terms", "renewalProbability").toString();
        paths[UPFRONT_INVESTMENT] = LeverPath.of("terms", "upfrontInvestment").toString();
        paths[BASELINE_PAYMENT_DAYS] = LeverPath.of("baseline", "paymentDays").toString();
        String[] fields = {"baseVolume", "listPrice", "unitCost", "volumeGrowth", "priceEscalator", "costInflation"};
        for (int l = 0; l < productCount; l++) {
            String id = scenario.products().get(l).id();
            int at = PRODUCTS + PRODUCT_SLOTS * l;
            for (int f = 0; f < fields.length; f++) {
                paths[at + f] = LeverPath.of("products").select(id).then(fields[f]).toString();
            }
            paths[at + TERMS_DISCOUNT] = LeverPath.of("terms", "discounts").select(id).toString();
            paths[at + BASELINE_DISCOUNT] = LeverPath.of("baseline", "discounts").select(id).toString();
        }
        tierPaths(paths, "terms", termsTierBase, termsTiers);
        tierPaths(paths, "baseline", baselineTierBase, baselineTiers);
        servicePaths(paths, "terms", termsServiceBase, scenario.terms().services());
        servicePaths(paths, "baseline", baselineServiceBase, scenario.baseline().services());
        for (int slot = yearBase; yearBase >= 0 && slot < parameters.length; slot++) {
            // (the escalator's year-1 slot is never read or set; it is named like the others)
            paths[slot] = LeverPath.parse(paths[rateSlotOf(slot)]).inYear((slot - yearBase) % years + 1).toString();
        }
        return paths;
    }

    private static void tierPaths(String[] paths, String side, int base, int count) {
        for (int k = 0; k < count; k++) {
            LeverPath tier = LeverPath.of(side, "rebate", "tiers").select(k);
            paths[base + 2 * k] = tier.then("threshold").toString();
            paths[base + 2 * k + 1] = tier.then("rate").toString();
        }
    }

    private static void servicePaths(String[] paths, String side, int base, List<Service> services) {
        for (int i = 0; i < services.size(); i++) {
            LeverPath service = LeverPath.of(side, "services").select(services.get(i).id());
            paths[base + 2 * i] = service.then("costPerYear").toString();
            paths[base + 2 * i + 1] = service.then("valuePerYear").toString();
        }
    }

    /** True when {@code other} has the same shape, so their parameter vectors line up slot by slot. */
    public boolean sameShape(CompiledScenario other) {
        return years == other.years && periodsPerYear == other.periodsPerYear
                && Arrays.equals(leverPaths(), other.leverPaths())
                && termsBasis == other.termsBasis && baselineBasis == other.baselineBasis;
    }

    /** The parameter slot of a lever path such as {@code terms.discounts[widgets]}. */
    public int slot(String path) {
        return slot(Levers.resolve(path, scenario));
    }

    /**
     * The parameter slot of a resolved lever.
     *
     * @throws InvalidLeverPathException for levers that change the model's shape (the horizon)
     */
    public int slot(Lever lever) {
        if (lever instanceof Lever.PerYear l) {
            if (yearBase < 0) {
                throw new InvalidLeverPathException(l.path(), "a rate varies per contract year in the analyses of one "
                        + "scenario (tornado, spider, sweep, goal seek, break-even, Monte Carlo, Sobol, Morris), not here");
            }
            int rate = slot(l.scenarioRate());
            int first = rate == CTS_INFLATION ? costToServeYearSlots()
                    : yearSlots((rate - PRODUCTS) / PRODUCT_SLOTS, (rate - PRODUCTS) % PRODUCT_SLOTS);
            return first + l.year() - 1;
        }
        if (lever instanceof Lever.OfScenario l) {
            return switch (l.field()) {
                case SUPPLIER_COST_OF_CAPITAL -> SUPPLIER_COC;
                case CUSTOMER_COST_OF_CAPITAL -> CUSTOMER_COC;
                case COST_TO_SERVE_FIXED -> CTS_FIXED;
                case COST_TO_SERVE_INFLATION -> CTS_INFLATION;
                case HORIZON_YEARS, PERIODS_PER_YEAR -> throw new InvalidLeverPathException(l.path(),
                        "the horizon sets the model's shape and cannot be varied here; compare scenarios with different horizons instead");
            };
        }
        if (lever instanceof Lever.OfProduct l) {
            int at = PRODUCTS + PRODUCT_SLOTS * l.product();
            return at + switch (l.field()) {
                case baseVolume -> BASE_VOLUME;
                case listPrice -> LIST_PRICE;
                case unitCost -> UNIT_COST;
                case volumeGrowth -> VOLUME_GROWTH;
                case priceEscalator -> PRICE_ESCALATOR;
                case costInflation -> COST_INFLATION;
            };
        }
        if (lever instanceof Lever.Discount l) {
            return PRODUCTS + PRODUCT_SLOTS * l.product()
                    + (l.side() == Lever.Side.TERMS ? TERMS_DISCOUNT : BASELINE_DISCOUNT);
        }
        if (lever instanceof Lever.OfTerms l) {
            if (l.side() == Lever.Side.BASELINE) {
                return BASELINE_PAYMENT_DAYS; // the only baseline term the model reads
            }
            return switch (l.field()) {
                case paymentDays -> TERMS_PAYMENT_DAYS;
                case contractYears -> CONTRACT_YEARS;
                case renewalProbability -> RENEWAL_PROBABILITY;
                case upfrontInvestment -> UPFRONT_INVESTMENT;
            };
        }
        if (lever instanceof Lever.OfTier l) {
            int base = l.side() == Lever.Side.TERMS ? termsTierBase : baselineTierBase;
            return base + 2 * l.tier() + (l.field() == Lever.TierField.threshold ? 0 : 1);
        }
        Lever.OfService l = (Lever.OfService) lever;
        int base = l.side() == Lever.Side.TERMS ? termsServiceBase : baselineServiceBase;
        return base + 2 * l.service() + (l.field() == Lever.ServiceField.costPerYear ? 0 : 1);
    }
}
