package io.parley.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.parley.model.Lever.ProductField;
import io.parley.model.Lever.ScenarioField;
import io.parley.model.Lever.ServiceField;
import io.parley.model.Lever.Side;
import io.parley.model.Lever.TermsField;
import io.parley.model.Lever.TierField;

import static io.parley.model.Numbers.plain;

/**
 * The numbers a {@link LeverPath} names: an element of a list with ids picked by {@code [id]}, of any
 * other list by {@code [index]}, a map entry by {@code [key]}. Resolving a path that names nothing
 * fails with a message naming the path and what would have been valid.
 */
public final class Levers {

    private Levers() {
    }

    /**
     * Resolves {@code path} against {@code scenario}.
     *
     * @throws InvalidLeverPathException when the path is malformed or names nothing
     */
    public static Lever resolve(String path, Scenario scenario) {
        List<LeverPath.Step> steps = LeverPath.parse(path).steps();
        return new Resolver(path, steps, scenario).resolve();
    }

    /** The scenario with the lever's field set to {@code value}; the result is not yet validated. */
    public static Scenario apply(Scenario s, Lever lever, double value) {
        if (lever.integral() && value != Math.rint(value)) {
            throw new InvalidInputException(new Violation(lever.pointer(),
                    plain(value) + " is not a whole number", value));
        }
        if (lever instanceof Lever.PerYear l) {
            throw new InvalidInputException(new Violation(l.pointer(), "a scenario holds one " + l.scenarioRate().path()
                    + " for every year; " + l.path() + " is varied by the analyses of one scenario (tornado, spider, "
                    + "sweep, goal seek, break-even, Monte Carlo, Sobol, Morris), not set in a variant", l.path()));
        }
        if (lever instanceof Lever.OfScenario l) {
            return switch (l.field()) {
                case HORIZON_YEARS -> s.withHorizon(new Horizon((int) value, s.horizon().periodsPerYear()));
                case PERIODS_PER_YEAR -> s.withHorizon(new Horizon(s.horizon().years(), (int) value));
                case SUPPLIER_COST_OF_CAPITAL -> s.withSupplierCostOfCapital(value);
                case CUSTOMER_COST_OF_CAPITAL -> s.withCustomerCostOfCapital(value);
                case COST_TO_SERVE_FIXED -> s.withCostToServe(new CostToServe(value, s.costToServe().inflation()));
                case COST_TO_SERVE_INFLATION -> s.withCostToServe(new CostToServe(s.costToServe().fixedPerYear(), value));
            };
        }
        if (lever instanceof Lever.OfProduct l) {
            List<Product> products = new ArrayList<>(s.products());
            Product p = products.get(l.product());
            products.set(l.product(), switch (l.field()) {
                case baseVolume -> new Product(p.id(), value, p.listPrice(), p.unitCost(), p.volumeGrowth(), p.priceEscalator(), p.costInflation());
                case listPrice -> new Product(p.id(), p.baseVolume(), value, p.unitCost(), p.volumeGrowth(), p.priceEscalator(), p.costInflation());
                case unitCost -> new Product(p.id(), p.baseVolume(), p.listPrice(), value, p.volumeGrowth(), p.priceEscalator(), p.costInflation());
                case volumeGrowth -> new Product(p.id(), p.baseVolume(), p.listPrice(), p.unitCost(), value, p.priceEscalator(), p.costInflation());
                case priceEscalator -> new Product(p.id(), p.baseVolume(), p.listPrice(), p.unitCost(), p.volumeGrowth(), value, p.costInflation());
                case costInflation -> new Product(p.id(), p.baseVolume(), p.listPrice(), p.unitCost(), p.volumeGrowth(), p.priceEscalator(), value);
            });
            return s.withProducts(products);
        }
        if (lever instanceof Lever.Discount l) {
            Terms t = side(s, l.side());
            Map<String, Double> discounts = new HashMap<>(t.discounts());
            discounts.put(l.productId(), value);
            return withSide(s, l.side(), new Terms(discounts, t.rebate(), t.paymentDays(), t.contractYears(),
                    t.renewalProbability(), t.services(), t.upfrontInvestment()));
        }
        if (lever instanceof Lever.OfTerms l && l.field() == TermsField.contractYears) {
            return s.withContractYears((int) value); // only the terms' term is a lever; the baseline keeps it
        }
        if (lever instanceof Lever.OfTerms l) {
            Terms t = side(s, l.side());
            return withSide(s, l.side(), switch (l.field()) {
                case paymentDays -> new Terms(t.discounts(), t.rebate(), value, t.contractYears(), t.renewalProbability(), t.services(), t.upfrontInvestment());
                case contractYears -> throw new IllegalStateException("handled above");
                case renewalProbability -> new Terms(t.discounts(), t.rebate(), t.paymentDays(), t.contractYears(), value, t.services(), t.upfrontInvestment());
                case upfrontInvestment -> new Terms(t.discounts(), t.rebate(), t.paymentDays(), t.contractYears(), t.renewalProbability(), t.services(), value);
            });
        }
        if (lever instanceof Lever.OfTier l) {
            Terms t = side(s, l.side());
            List<RebateTier> tiers = new ArrayList<>(t.rebate().tiers());
            RebateTier old = tiers.get(l.tier());
            tiers.set(l.tier(), l.field() == TierField.threshold
                    ? new RebateTier(value, old.rate()) : new RebateTier(old.threshold(), value));
            return withSide(s, l.side(), new Terms(t.discounts(), new Rebate(t.rebate().basis(), tiers), t.paymentDays(),
                    t.contractYears(), t.renewalProbability(), t.services(), t.upfrontInvestment()));
        }
        Lever.OfService l = (Lever.OfService) lever;
        Terms t = side(s, l.side());
        List<Service> services = new ArrayList<>(t.services());
        Service old = services.get(l.service());
        services.set(l.service(), l.field() == ServiceField.costPerYear
                ? new Service(old.id(), value, old.valuePerYear()) : new Service(old.id(), old.costPerYear(), value));
        return withSide(s, l.side(), new Terms(t.discounts(), t.rebate(), t.paymentDays(), t.contractYears(),
                t.renewalProbability(), services, t.upfrontInvestment()));
    }

    /** The current value of the lever's field in {@code s}; a per-year rate's is the scenario's rate. */
    public static double valueOf(Scenario s, Lever lever) {
        if (lever instanceof Lever.PerYear l) {
            return valueOf(s, l.scenarioRate());
        }
        if (lever instanceof Lever.OfScenario l) {
            return switch (l.field()) {
                case HORIZON_YEARS -> s.horizon().years();
                case PERIODS_PER_YEAR -> s.horizon().periodsPerYear();
                case SUPPLIER_COST_OF_CAPITAL -> s.supplierCostOfCapital();
                case CUSTOMER_COST_OF_CAPITAL -> s.customerCostOfCapital();
                case COST_TO_SERVE_FIXED -> s.costToServe().fixedPerYear();
                case COST_TO_SERVE_INFLATION -> s.costToServe().inflation();
            };
        }
        if (lever instanceof Lever.OfProduct l) {
            Product p = s.products().get(l.product());
            return switch (l.field()) {
                case baseVolume -> p.baseVolume();
                case listPrice -> p.listPrice();
                case unitCost -> p.unitCost();
                case volumeGrowth -> p.volumeGrowth();
                case priceEscalator -> p.priceEscalator();
                case costInflation -> p.costInflation();
            };
        }
        if (lever instanceof Lever.Discount l) {
            return side(s, l.side()).discountOf(l.productId());
        }
        if (lever instanceof Lever.OfTerms l) {
            Terms t = side(s, l.side());
            return switch (l.field()) {
                case paymentDays -> t.paymentDays();
                case contractYears -> t.contractYears();
                case renewalProbability -> t.renewalProbability();
                case upfrontInvestment -> t.upfrontInvestment();
            };
        }
        if (lever instanceof Lever.OfTier l) {
            RebateTier tier = side(s, l.side()).rebate().tiers().get(l.tier());
            return l.field() == TierField.threshold ? tier.threshold() : tier.rate();
        }
        Lever.OfService l = (Lever.OfService) lever;
        Service service = side(s, l.side()).services().get(l.service());
        return l.field() == ServiceField.costPerYear ? service.costPerYear() : service.valuePerYear();
    }

    private static Terms side(Scenario s, Side side) {
        return side == Side.TERMS ? s.terms() : s.baseline();
    }

    private static Scenario withSide(Scenario s, Side side, Terms t) {
        return side == Side.TERMS ? s.withTerms(t) : s.withBaseline(t);
    }

    /** Walks the steps of one path; every dead end says what was expected there. */
    private static final class Resolver {
        private final String path;
        private final List<LeverPath.Step> steps;
        private final Scenario scenario;

        Resolver(String path, List<LeverPath.Step> steps, Scenario scenario) {
            this.path = path;
            this.steps = steps;
            this.scenario = scenario;
        }

        Lever resolve() {
            String root = name(0);
            switch (root) {
                case "horizon":
                    return scenarioField(Map.of("years", ScenarioField.HORIZON_YEARS,
                            "periodsPerYear", ScenarioField.PERIODS_PER_YEAR));
                case "supplier":
                    return scenarioField(Map.of("costOfCapital", ScenarioField.SUPPLIER_COST_OF_CAPITAL));
                case "customer":
                    return scenarioField(Map.of("costOfCapital", ScenarioField.CUSTOMER_COST_OF_CAPITAL));
                case "costToServe":
                    return scenarioField(Map.of("fixedPerYear", ScenarioField.COST_TO_SERVE_FIXED,
                            "inflation", ScenarioField.COST_TO_SERVE_INFLATION));
                case "products":
                    return product();
                case "terms":
                    return terms(Side.TERMS);
                case "baseline":
                    return terms(Side.BASELINE);
                case "name", "description", "currency":
                    throw fail("'" + root + "' is text, not a number");
                default:
                    throw fail("no field '" + root + "' in a scenario; levers start with one of "
                            + "products, terms, baseline, supplier, customer, costToServe, horizon");
            }
        }

        private Lever scenarioField(Map<String, ScenarioField> fields) {
            noSelector(0);
            length(2);
            ScenarioField f = fields.get(name(1));
            if (f == null) {
                noSelector(1);
                throw fail("no field '" + name(1) + "' in " + name(0) + "; expected " + String.join(" or ", sorted(fields.keySet())));
            }
            return perYearIfAsked(new Lever.OfScenario(rateOnly(), f));
        }

        /** The path without a year: the path itself when its last step picks none. */
        private String rateOnly() {
            return steps.get(steps.size() - 1).selector() == null ? path
                    : new LeverPath(steps).withoutLastSelector().toString();
        }

        /**
         * {@code lever} for the contract year the last step picks, {@code [year=N]}, or {@code lever} itself
         * when it picks none. Only the year-on-year rates vary per year.
         */
        private Lever perYearIfAsked(Lever lever) {
            LeverPath.Step last = steps.get(steps.size() - 1);
            if (last.selector() == null) return lever;
            if (!last.picksYear()) {
                throw fail("'" + last.name() + "' is not a list or map; remove [" + last.selector() + "]"
                        + (Lever.PerYear.variesPerYear(lever) ? ", or pick a contract year: " + last.name() + "[year=2]" : ""));
            }
            if (!Lever.PerYear.variesPerYear(lever)) {
                throw fail("'" + last.name() + "' is one value for the whole horizon; per contract year vary only "
                        + Lever.PerYear.RATES);
            }
            int first = Lever.PerYear.firstYear(lever);
            int years = scenario.horizon().years();
            int year = last.year().orElse(-1);
            if (year < first || year > years) {
                String range = first > years ? "none: the horizon has " + years + " year" : first + "–" + years;
                throw fail("[" + last.selector() + "] is not a contract year of " + last.name() + "; its years run " + range
                        + (first == 2 ? " (the list price of year 1 is listPrice; the escalator steps it into years 2 on)" : ""));
            }
            return new Lever.PerYear(path, lever, year);
        }

        private Lever product() {
            String id = selector(0, "a product id, e.g. products[widgets].listPrice");
            int index = scenario.productIndex(id);
            if (index < 0) {
                throw fail("no product with id '" + id + "'");
            }
            length(2);
            ProductField field = enumField(ProductField.class, name(1), "a product");
            return perYearIfAsked(new Lever.OfProduct(rateOnly(), index, id, field));
        }

        private Lever terms(Side side) {
            noSelector(0);
            if (steps.size() < 2) {
                throw fail("'" + name(0) + "' is not a number; name one of its fields, e.g. " + name(0) + ".paymentDays");
            }
            Terms terms = side == Side.TERMS ? scenario.terms() : scenario.baseline();
            String field = name(1);
            switch (field) {
                case "discounts": {
                    String id = selector(1, "a product id, e.g. " + name(0) + ".discounts[widgets]");
                    length(2);
                    int index = scenario.productIndex(id);
                    if (index < 0) {
                        throw fail("no product with id '" + id + "'");
                    }
                    return new Lever.Discount(path, side, index, id);
                }
                case "rebate": {
                    noSelector(1);
                    if (steps.size() < 3 || !name(2).equals("tiers")) {
                        throw fail("rebate levers are rebate.tiers[index].threshold or rebate.tiers[index].rate");
                    }
                    String selector = selector(2, "a tier index, e.g. rebate.tiers[0].rate");
                    int tier = index(selector, terms.rebate().tiers().size(), "rebate tier");
                    length(4);
                    noSelector(3);
                    return new Lever.OfTier(path, side, tier, enumField(TierField.class, name(3), "a rebate tier"));
                }
                case "services": {
                    String id = selector(1, "a service id, e.g. " + name(0) + ".services[support].costPerYear");
                    int index = -1;
                    for (int i = 0; i < terms.services().size(); i++) {
                        if (terms.services().get(i).id().equals(id)) index = i;
                    }
                    if (index < 0) {
                        throw fail("no service with id '" + id + "' in " + name(0));
                    }
                    length(3);
                    noSelector(2);
                    return new Lever.OfService(path, side, index, id, enumField(ServiceField.class, name(2), "a service"));
                }
                default: {
                    noSelector(1);
                    length(2);
                    TermsField f = enumField(TermsField.class, field, name(0), "discounts", "rebate", "services");
                    if (side == Side.BASELINE && f != TermsField.paymentDays) {
                        throw fail("baseline." + f + " is ignored by the model (the baseline keeps the terms' "
                                + "contractYears, renewalProbability and upfrontInvestment); vary terms." + f);
                    }
                    return new Lever.OfTerms(path, side, f);
                }
            }
        }

        private int index(String selector, int size, String what) {
            int index;
            try {
                index = Integer.parseInt(selector);
            } catch (NumberFormatException e) {
                throw fail("'" + selector + "' is not a " + what + " index");
            }
            if (index < 0 || index >= size) {
                throw fail(size == 0 ? "there is no " + what : "no " + what + " " + index + "; indexes run 0–" + (size - 1));
            }
            return index;
        }

        private <E extends Enum<E>> E enumField(Class<E> type, String name, String owner, String... others) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) return e;
            }
            List<String> valid = new ArrayList<>(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
            valid.addAll(List.of(others));
            throw fail("no number '" + name + "' in " + owner + "; expected one of " + String.join(", ", valid));
        }

        private String name(int i) {
            return steps.get(i).name();
        }

        private String selector(int i, String expected) {
            String selector = steps.get(i).selector();
            if (selector == null || selector.isEmpty()) {
                throw fail("'" + name(i) + "' needs [" + "…] naming " + expected);
            }
            return selector;
        }

        private void noSelector(int i) {
            if (steps.get(i).selector() != null) {
                throw fail("'" + name(i) + "' is not a list or map; remove [" + steps.get(i).selector() + "]");
            }
        }

        private void length(int expected) {
            if (steps.size() < expected) {
                throw fail("the path stops at '" + name(steps.size() - 1) + "', which is not a number");
            }
            if (steps.size() > expected) {
                throw fail("'" + name(expected - 1) + "' is a number; nothing follows it");
            }
        }

        private InvalidLeverPathException fail(String message) {
            return new InvalidLeverPathException(path, message);
        }

        private static List<String> sorted(Set<String> names) {
            return names.stream().sorted().collect(Collectors.toList());
        }
    }
}
