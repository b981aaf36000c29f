package io.parley.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.parley.model.JsonPointer.child;
import static io.parley.model.Numbers.plain;

/**
 * The rules of the model spec for a scenario, checked all at once: every violation is reported with
 * the JSON pointer of its field, the value and the rule, so a client can fix everything in one go.
 */
public final class ScenarioValidator {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    public static final int MAX_YEARS = 50;
    public static final int MAX_PRODUCTS = 1000;
    public static final double MAX_PAYMENT_DAYS = 365;
    /** The rule an id follows; {@link #isId} checks it without the regular expression's matcher per id. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_ID_LENGTH = 64;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final List<Violation> found = new ArrayList<>();

    private ScenarioValidator() {
    }

    /** Every rule the scenario breaks; empty when it is valid. */
    public static List<Violation> validate(Scenario scenario) {
        ScenarioValidator v = new ScenarioValidator();
        v.check(scenario);
        return List.copyOf(v.found);
    }

    /** Throws {@link InvalidInputException} listing every violation, or returns the scenario. */
    public static Scenario requireValid(Scenario scenario) {
        List<Violation> violations = validate(scenario);
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        return scenario;
    }

    private void check(Scenario s) {
        if (s.name() == null || s.name().isBlank()) {
            fail("/name", "must be 1–" + MAX_NAME_LENGTH + " characters, not blank", s.name());
        } else if (s.name().length() > MAX_NAME_LENGTH) {
            fail("/name", "is " + s.name().length() + " characters; at most " + MAX_NAME_LENGTH + " allowed", null);
        }
        if (s.description().length() > MAX_DESCRIPTION_LENGTH) {
            fail("/description", "is " + s.description().length() + " characters; at most "
                    + MAX_DESCRIPTION_LENGTH + " allowed", null);
        }
        if (s.currency() == null || !CURRENCY.matcher(s.currency()).matches()) {
            fail("/currency", "'" + s.currency() + "' is not an ISO 4217 code (3 upper-case letters, e.g. EUR)", s.currency());
        }
        int years = s.horizon().years();
        if (years < 1 || years > MAX_YEARS) {
            fail("/horizon/years", years + " is outside 1–" + MAX_YEARS, years);
        }
        int ppy = s.horizon().periodsPerYear();
        if (ppy != 1 && ppy != 4 && ppy != 12) {
            fail("/horizon/periodsPerYear", ppy + " is not one of 1 (annual), 4 (quarterly), 12 (monthly)", ppy);
        }
        aboveMinusOne("/supplier/costOfCapital", s.supplierCostOfCapital());
        aboveMinusOne("/customer/costOfCapital", s.customerCostOfCapital());
        checkProducts(s.products());
        checkTerms("/terms", s.terms(), s, true);
        checkTerms("/baseline", s.baseline(), s, false);
        atLeastZero("/costToServe/fixedPerYear", s.costToServe().fixedPerYear());
        aboveMinusOne("/costToServe/inflation", s.costToServe().inflation());
    }

    private void checkProducts(List<Product> products) {
        if (products.isEmpty() || products.size() > MAX_PRODUCTS) {
            fail("/products", "has " + products.size() + " lines; a scenario needs 1–" + MAX_PRODUCTS, null);
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < products.size(); i++) {
            Product p = products.get(i);
            String at = child("/products", i);
            checkId(at + "/id", p.id(), "product", firstIndex, i, "/products");
            atLeastZero(at + "/baseVolume", p.baseVolume());
            atLeastZero(at + "/listPrice", p.listPrice());
            atLeastZero(at + "/unitCost", p.unitCost());
            aboveMinusOne(at + "/volumeGrowth", p.volumeGrowth());
            aboveMinusOne(at + "/priceEscalator", p.priceEscalator());
            aboveMinusOne(at + "/costInflation", p.costInflation());
        }
    }

    private void checkTerms(String at, Terms t, Scenario s, boolean proposed) {
        t.discounts().forEach((productId, d) -> {
            String p = child(at + "/discounts", productId);
            if (s.productIndex(productId) < 0) {
                fail(p, "no product with id '" + productId + "'", productId);
            } else {
                fraction(p, d);
            }
        });
        Rebate rebate = t.rebate();
        for (int k = 0; k < rebate.tiers().size(); k++) {
            RebateTier tier = rebate.tiers().get(k);
            String p = child(at + "/rebate/tiers", k);
            if (atLeastZero(p + "/threshold", tier.threshold()) && k > 0) {
                double previous = rebate.tiers().get(k - 1).threshold();
                if (Double.isFinite(previous) && tier.threshold() <= previous) {
                    fail(p + "/threshold", plain(tier.threshold()) + " is not above the previous tier's threshold "
                            + plain(previous) + "; thresholds must be strictly ascending", tier.threshold());
                }
            }
            fraction(p + "/rate", tier.rate());
        }
        if (finite(at + "/paymentDays", t.paymentDays())
                && (t.paymentDays() < 0 || t.paymentDays() > MAX_PAYMENT_DAYS)) {
            fail(at + "/paymentDays", plain(t.paymentDays()) + " is outside 0–365 days", t.paymentDays());
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < t.services().size(); i++) {
            Service service = t.services().get(i);
            String p = child(at + "/services", i);
            checkId(p + "/id", service.id(), "service", firstIndex, i, at + "/services");
            atLeastZero(p + "/costPerYear", service.costPerYear());
            atLeastZero(p + "/valuePerYear", service.valuePerYear());
        }
        if (!proposed) {
            return; // contractYears, renewalProbability and upfrontInvestment are ignored in the baseline
        }
        int years = s.horizon().years();
        if (t.contractYears() < 1 || t.contractYears() > Math.max(1, years)) {
            fail(at + "/contractYears", t.contractYears() + " is outside 1–" + years
                    + " (horizon.years)", t.contractYears());
        }
        if (finite(at + "/renewalProbability", t.renewalProbability())
                && (t.renewalProbability() < 0 || t.renewalProbability() > 1)) {
            fail(at + "/renewalProbability", plain(t.renewalProbability()) + " is not a probability in [0, 1]",
                    t.renewalProbability());
        }
        atLeastZero(at + "/upfrontInvestment", t.upfrontInvestment());
    }

    /**
     * Whether {@code id} matches {@link #ID}: 1–64 ASCII letters, digits, {@code _} and {@code -}. Checked
     * char by char, as every product and service id of every request is: the matcher was 4 % of a small evaluate.
     */
    static boolean isId(String id) {
        int n = id.length();
        if (n < 1 || n > MAX_ID_LENGTH) return false;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
            if (!allowed) return false;
        }
        return true;
    }

    private void checkId(String at, String id, String what, Map<String, Integer> firstIndex, int index, String list) {
        if (id == null || !isId(id)) {
            fail(at, "'" + id + "' is not a valid " + what + " id ([A-Za-z0-9_-], 1–64 characters)", id);
            return;
        }
        Integer first = firstIndex.putIfAbsent(id, index);
        if (first != null) {
            fail(at, "duplicate " + what + " id '" + id + "' (also at " + child(list, first) + ")", id);
        }
    }

    private boolean finite(String at, double value) {
        if (Double.isFinite(value)) return true;
        fail(at, "must be a finite number", null);
        return false;
    }

    private boolean atLeastZero(String at, double value) {
        if (!finite(at, value)) return false;
        if (value < 0) {
            fail(at, plain(value) + " is negative; must be ≥ 0", value);
            return false;
        }
        return true;
    }

    private void aboveMinusOne(String at, double value) {
        if (finite(at, value) && value <= -1) {
            fail(at, plain(value) + " is not a rate above -1 (−100 %)", value);
        }
    }

    private void fraction(String at, double value) {
        if (finite(at, value) && (value < 0 || value >= 1)) {
            fail(at, plain(value) + " is outside [0, 1); a share of 6 % is 0.06", value);
        }
    }

    private void fail(String pointer, String message, Object value) {
        found.add(new Violation(pointer, message, value));
    }
}
