package io.parley.document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.engine.Overflow;
import io.parley.model.CostToServe;
import io.parley.model.DerivedDefault;
import io.parley.model.Horizon;
import io.parley.model.JsonPointer;
import io.parley.model.Product;
import io.parley.model.Rebate;
import io.parley.model.RebateBasis;
import io.parley.model.RebateTier;
import io.parley.model.Scenario;
import io.parley.model.ScenarioValidator;
import io.parley.model.Service;
import io.parley.model.Sha256;
import io.parley.model.Terms;
import io.parley.model.Violation;

/**
 * The JSON form of a scenario: reading it with every problem reported at once, writing its
 * normalised form, and the hash of that form that identifies a result's input.
 */
public final class ScenarioJson {

    private static final Set<String> SCENARIO_FIELDS = fields("name", "description", "currency", "horizon",
            "supplier", "customer", "products", "terms", "baseline", "costToServe");
    private static final Set<String> HORIZON_FIELDS = fields("years", "periodsPerYear");
    private static final Set<String> PARTY_FIELDS = fields("costOfCapital");
    private static final Set<String> PRODUCT_FIELDS = fields("id", "baseVolume", "listPrice", "unitCost",
            "volumeGrowth", "priceEscalator", "costInflation");
    private static final Set<String> TERMS_FIELDS = fields("discounts", "rebate", "paymentDays", "contractYears",
            "renewalProbability", "services", "upfrontInvestment");
    private static final Set<String> REBATE_FIELDS = fields("basis", "tiers");
    private static final Set<String> TIER_FIELDS = fields("threshold", "rate");
    private static final Set<String> SERVICE_FIELDS = fields("id", "costPerYear", "valuePerYear");
    private static final Set<String> COST_TO_SERVE_FIELDS = fields("fixedPerYear", "inflation");

    private ScenarioJson() {
    }

    /**
     * Reads a scenario, filling in the model spec's defaults. Every structural problem (unknown
     * field, missing field, wrong type) and then every rule the values break is added to
     * {@code violations}, with pointers prefixed by {@code at}; the scenario returned is only
     * meaningful when none were added.
     */
    public static Scenario read(JsonNode node, String at, List<Violation> violations) {
        List<Violation> found = new ArrayList<>();
        Scenario scenario = readStructure(node, new JsonInput(found));
        if (scenario == null) {
            violations.addAll(prefixed(found, at));
            return null;
        }
        // rule checks; a field already reported as malformed is not reported twice
        Set<String> reported = new LinkedHashSet<>();
        found.forEach(v -> reported.add(v.pointer()));
        for (Violation v : ScenarioValidator.validate(scenario)) {
            if (!reported.contains(v.pointer())) found.add(v);
        }
        // values valid one by one can still multiply past the largest double: refused, never answered as infinities
        if (found.isEmpty()) found.addAll(Overflow.of(scenario));
        violations.addAll(prefixed(found, at));
        return scenario;
    }

    private static List<Violation> prefixed(List<Violation> found, String at) {
        return at.isEmpty() ? found : found.stream().map(v -> v.under(at)).toList();
    }

    private static Scenario readStructure(JsonNode root, JsonInput in) {
        if (!in.object(root, "", "a scenario", SCENARIO_FIELDS)) {
            return null;
        }
        String name = in.requiredText(root, "", "name");
        String description = in.optionalText(root, "", "description", "");
        String currency = in.requiredText(root, "", "currency");

        int years = 1;
        int periodsPerYear = 1;
        JsonNode horizon = in.required(root, "", "horizon");
        if (horizon != null && in.object(horizon, "/horizon", "horizon", HORIZON_FIELDS)) {
            years = in.requiredInteger(horizon, "/horizon", "years", 1);
            periodsPerYear = in.requiredInteger(horizon, "/horizon", "periodsPerYear", 1);
        }

        double supplierRate = Double.NaN;
        JsonNode supplier = in.required(root, "", "supplier");
        if (supplier != null && in.object(supplier, "/supplier", "supplier", PARTY_FIELDS)) {
            supplierRate = in.requiredNumber(supplier, "/supplier", "costOfCapital");
        }
        double customerRate = Double.NaN;
        JsonNode customer = in.optional(root, "customer");
        if (customer != null && in.object(customer, "/customer", "customer", PARTY_FIELDS)) {
            customerRate = in.optionalNumber(customer, "/customer", "costOfCapital", Double.NaN);
        }
        customerRate = DerivedDefault.customerCostOfCapital(customerRate, supplierRate);

        List<Product> products = new ArrayList<>();
        List<JsonNode> productNodes = in.array(in.required(root, "", "products"), "/products");
        for (int i = 0; i < productNodes.size(); i++) {
            products.add(readProduct(productNodes.get(i), JsonPointer.child("/products", i), in));
        }

        int contractYears = DerivedDefault.contractYears(years);
        Terms terms = Terms.listPriceStatusQuo(contractYears);
        JsonNode termsNode = in.required(root, "", "terms");
        if (termsNode != null) {
            terms = readTerms(termsNode, "/terms", in, contractYears, null);
        }
        Set<DerivedDefault> derived = DerivedDefault.followed(customer != null && customer.has("costOfCapital"),
                termsNode != null && termsNode.has("contractYears"));
        JsonNode baselineNode = in.optional(root, "baseline");
        Terms baseline = baselineNode == null ? Terms.baselineOf(terms)
                : readTerms(baselineNode, "/baseline", in, contractYears, terms);

        CostToServe costToServe = CostToServe.NONE;
        JsonNode cts = in.optional(root, "costToServe");
        if (cts != null && in.object(cts, "/costToServe", "costToServe", COST_TO_SERVE_FIELDS)) {
            costToServe = new CostToServe(in.optionalNumber(cts, "/costToServe", "fixedPerYear", 0),
                    in.optionalNumber(cts, "/costToServe", "inflation", 0));
        }
        return new Scenario(name, description, currency, new Horizon(years, periodsPerYear), supplierRate,
                customerRate, products, terms, baseline, costToServe, derived);
    }

    private static Product readProduct(JsonNode node, String at, JsonInput in) {
        if (!in.object(node, at, "a product", PRODUCT_FIELDS)) {
            return new Product(null, 0, 0, 0, 0, 0, 0);
        }
        return new Product(in.requiredText(node, at, "id"),
                in.requiredNumber(node, at, "baseVolume"),
                in.requiredNumber(node, at, "listPrice"),
                in.requiredNumber(node, at, "unitCost"),
                in.optionalNumber(node, at, "volumeGrowth", 0),
                in.optionalNumber(node, at, "priceEscalator", 0),
                in.optionalNumber(node, at, "costInflation", 0));
    }

    /** Terms, or the baseline when {@code proposed} is given (its ignored fields then come from it). */
    private static Terms readTerms(JsonNode node, String at, JsonInput in, int defaultContractYears, Terms proposed) {
        String what = proposed == null ? "terms" : "baseline";
        if (!in.object(node, at, what, TERMS_FIELDS)) {
            return Terms.listPriceStatusQuo(defaultContractYears);
        }
        Map<String, Double> discounts = new LinkedHashMap<>();
        JsonNode discountsNode = in.optional(node, "discounts");
        if (discountsNode != null) {
            String dat = at + "/discounts";
            if (!discountsNode.isObject()) {
                in.fail(dat, "must be a JSON object of product id → discount, got " + JsonInput.describe(discountsNode), null);
            } else {
                for (Map.Entry<String, JsonNode> e : in.entries(discountsNode)) {
                    discounts.put(e.getKey(), in.number(e.getValue(), JsonPointer.child(dat, e.getKey())));
                }
            }
        }
        Rebate rebate = Rebate.NONE;
        JsonNode rebateNode = in.optional(node, "rebate");
        if (rebateNode != null) {
            rebate = readRebate(rebateNode, at + "/rebate", in);
        }
        double paymentDays = in.optionalNumber(node, at, "paymentDays", 0);
        int contractYears = in.optionalInteger(node, at, "contractYears", defaultContractYears, defaultContractYears);
        double renewal = in.optionalNumber(node, at, "renewalProbability", 1);
        List<Service> services = new ArrayList<>();
        List<JsonNode> serviceNodes = in.array(in.optional(node, "services"), at + "/services");
        for (int i = 0; i < serviceNodes.size(); i++) {
            String sat = JsonPointer.child(at + "/services", i);
            JsonNode s = serviceNodes.get(i);
            if (in.object(s, sat, "a service", SERVICE_FIELDS)) {
                services.add(new Service(in.requiredText(s, sat, "id"), in.requiredNumber(s, sat, "costPerYear"),
                        in.requiredNumber(s, sat, "valuePerYear")));
            }
        }
        double investment = in.optionalNumber(node, at, "upfrontInvestment", 0);
        Terms terms = new Terms(discounts, rebate, paymentDays, contractYears, renewal, services, investment);
        return proposed == null ? terms : terms.withIgnoredFieldsOf(proposed);
    }

    private static Rebate readRebate(JsonNode node, String at, JsonInput in) {
        if (!in.object(node, at, "rebate", REBATE_FIELDS)) {
            return Rebate.NONE;
        }
        RebateBasis basis = RebateBasis.RETROACTIVE;
        String basisText = in.requiredText(node, at, "basis");
        if (basisText != null) {
            try {
                basis = RebateBasis.valueOf(basisText);
            } catch (IllegalArgumentException e) {
                in.fail(at + "/basis", "'" + basisText + "' is not one of RETROACTIVE, INCREMENTAL", basisText);
            }
        }
        List<RebateTier> tiers = new ArrayList<>();
        List<JsonNode> tierNodes = in.array(in.required(node, at, "tiers"), at + "/tiers");
        for (int k = 0; k < tierNodes.size(); k++) {
            String tat = JsonPointer.child(at + "/tiers", k);
            JsonNode t = tierNodes.get(k);
            if (in.object(t, tat, "a rebate tier", TIER_FIELDS)) {
                tiers.add(new RebateTier(in.requiredNumber(t, tat, "threshold"), in.requiredNumber(t, tat, "rate")));
            } else {
                tiers.add(new RebateTier(Double.NaN, Double.NaN));
            }
        }
        return new Rebate(basis, tiers);
    }

    /**
     * The normalised scenario: every default explicit, fields in a fixed order, discounts sorted by id,
     * except the defaults derived from another field (the customer's rate, the contract term), which are
     * left out as they were, so they still follow that field when the scenario is read back and varied.
     */
    public static ObjectNode write(Scenario s, ObjectMapper mapper) {
        return write(s, mapper, true);
    }

    /** The form the scenario's hash is taken of: every default explicit, derived ones too. */
    public static ObjectNode canonical(Scenario s, ObjectMapper mapper) {
        return write(s, mapper, false);
    }

    private static ObjectNode write(Scenario s, ObjectMapper mapper, boolean leaveDerivedOut) {
        ObjectNode root = mapper.createObjectNode();
        root.put("name", s.name());
        if (!s.description().isEmpty()) root.put("description", s.description());
        root.put("currency", s.currency());
        ObjectNode horizon = root.putObject("horizon");
        horizon.put("years", s.horizon().years());
        horizon.put("periodsPerYear", s.horizon().periodsPerYear());
        root.putObject("supplier").put("costOfCapital", s.supplierCostOfCapital());
        if (!(leaveDerivedOut && s.follows(DerivedDefault.CUSTOMER_COST_OF_CAPITAL))) {
            root.putObject("customer").put("costOfCapital", s.customerCostOfCapital());
        }
        ArrayNode products = root.putArray("products");
        for (Product p : s.products()) {
            ObjectNode o = products.addObject();
            o.put("id", p.id());
            o.put("baseVolume", p.baseVolume());
            o.put("listPrice", p.listPrice());
            o.put("unitCost", p.unitCost());
            o.put("volumeGrowth", p.volumeGrowth());
            o.put("priceEscalator", p.priceEscalator());
            o.put("costInflation", p.costInflation());
        }
        writeTerms(root.putObject("terms"), s.terms(), true);
        if (leaveDerivedOut && s.follows(DerivedDefault.CONTRACT_YEARS)) {
            ((ObjectNode) root.get("terms")).remove("contractYears");
        }
        writeTerms(root.putObject("baseline"), s.baseline(), false);
        ObjectNode cts = root.putObject("costToServe");
        cts.put("fixedPerYear", s.costToServe().fixedPerYear());
        cts.put("inflation", s.costToServe().inflation());
        return root;
    }

    private static void writeTerms(ObjectNode o, Terms t, boolean proposed) {
        ObjectNode discounts = o.putObject("discounts");
        t.discounts().forEach(discounts::put);
        if (!t.rebate().tiers().isEmpty()) {
            ObjectNode rebate = o.putObject("rebate");
            rebate.put("basis", t.rebate().basis().name());
            ArrayNode tiers = rebate.putArray("tiers");
            t.rebate().tiers().forEach(tier -> tiers.addObject().put("threshold", tier.threshold()).put("rate", tier.rate()));
        }
        o.put("paymentDays", t.paymentDays());
        if (proposed) {
            o.put("contractYears", t.contractYears());
            o.put("renewalProbability", t.renewalProbability());
        }
        ArrayNode services = o.putArray("services");
        t.services().forEach(s -> services.addObject().put("id", s.id())
                .put("costPerYear", s.costPerYear()).put("valuePerYear", s.valuePerYear()));
        if (proposed) {
            o.put("upfrontInvestment", t.upfrontInvestment());
        }
    }

    /** {@code sha256:} and the hex SHA-256 of the normalised scenario's compact JSON. */
    public static String hash(Scenario s, ObjectMapper mapper) {
        return hashOf(canonical(s, mapper), mapper); // every default explicit: a default stated or left out means the same scenario
    }

    /** {@link #hash} of a scenario already in its {@link #canonical} form, so a caller that needs both makes it once. */
    public static String hashOf(ObjectNode canonical, ObjectMapper mapper) {
        try {
            return Sha256.named(mapper.writeValueAsBytes(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash a scenario", e);
        }
    }

    private static Set<String> fields(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
