package io.parley.document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.model.InvalidInputException;
import io.parley.model.JsonPointer;
import io.parley.model.Violation;
import io.parley.plan.AccountPlan;
import io.parley.plan.PlanChange;
import io.parley.plan.PlanRules;
import io.parley.plan.PlanStatus;
import io.parley.plan.Target;

/**
 * The JSON form of an account plan: what a major account plan holds, every field checked with its
 * pointer, every problem reported at once. The stored document is the plan as sent, with its
 * defaults (status {@code draft}) made explicit.
 */
public final class PlanJson {

    private final JsonInput in;

    private PlanJson(JsonInput in) {
        this.in = in;
    }

    /** Checks the plan at {@code at}; returns its normalised copy (null when the node is not an object). */
    public static ObjectNode read(JsonNode plan, String at, JsonInput in) {
        return new PlanJson(in).plan(plan, at);
    }

    private ObjectNode plan(JsonNode node, String at) {
        if (!in.object(node, at, "a plan", fields("account", "owner", "relationship", "team", "stakeholders",
                "agreementStart", "targets", "objectives", "opportunities", "projects", "reviewCadence", "nextReview", "status"))) {
            return null;
        }
        ObjectNode plan = node.deepCopy();
        dropEmptyListsStandingForAbsent(plan);
        JsonNode account = in.required(node, at, "account");
        if (account != null && in.object(account, at + "/account", "an account profile",
                fields("name", "industry", "employees", "locations", "currency", "marketPotential", "shareOfWallet"))) {
            String a = at + "/account";
            text(account, a, "name", true, PlanRules.MAX_TEXT);
            text(account, a, "industry", false, PlanRules.MAX_TEXT);
            whole(account, a, "employees", 0, Integer.MAX_VALUE, false);
            texts(account, a, "locations");
            String currency = in.optionalText(account, a, "currency", null);
            if (currency != null) PlanRules.problemWithCurrency(currency).ifPresent(p -> in.fail(a + "/currency", p, currency));
            number(account, a, "marketPotential", 0, Double.POSITIVE_INFINITY, false);
            number(account, a, "shareOfWallet", 0, 1, false);
        }
        text(node, at, "owner", true, PlanRules.MAX_TEXT);
        oneOf(node, at, "relationship", true, PlanRules.RELATIONSHIPS);
        each(node, at, "team", "a team member", fields("name", "role", "user"), (m, p) -> {
            text(m, p, "name", true, PlanRules.MAX_TEXT);
            text(m, p, "role", true, PlanRules.MAX_TEXT);
            text(m, p, "user", false, PlanRules.MAX_TEXT);
        });
        each(node, at, "stakeholders", "a stakeholder", fields("name", "role", "influence", "attitude",
                "relationshipOwner", "relationshipStrength"), (s, p) -> {
            text(s, p, "name", true, PlanRules.MAX_TEXT);
            text(s, p, "role", true, PlanRules.MAX_TEXT);
            oneOf(s, p, "influence", true, PlanRules.INFLUENCES);
            oneOf(s, p, "attitude", true, PlanRules.ATTITUDES);
            text(s, p, "relationshipOwner", false, PlanRules.MAX_TEXT);
            whole(s, p, "relationshipStrength", PlanRules.LOWEST_SCORE, PlanRules.HIGHEST_SCORE, false);
        });
        LocalDate start = date(node, at, "agreementStart", false);
        if (start != null) {
            PlanRules.problemWithAgreementStart(start).ifPresent(p -> in.fail(at + "/agreementStart", p, start.toString()));
        }
        Set<Integer> years = new HashSet<>();
        each(node, at, "targets", "a yearly target", fields("year", "revenue", "marginPct"), (t, p) -> {
            Integer year = whole(t, p, "year", PlanRules.FIRST_YEAR, PlanRules.LAST_YEAR, true);
            if (year != null) PlanRules.problemWithTargetYear(year, years).ifPresent(problem -> in.fail(p + "/year", problem, year));
            if (year != null) years.add(year);
            number(t, p, "revenue", 0, Double.POSITIVE_INFINITY, true);
            number(t, p, "marginPct", -1, 1, false);
        });
        each(node, at, "objectives", "an objective", fields("title", "actions"), (o, p) -> {
            text(o, p, "title", true, PlanRules.MAX_LONG_TEXT);
            each(o, p, "actions", "an action", fields("description", "owner", "due", "status", "priority"), (a, q) -> {
                text(a, q, "description", true, PlanRules.MAX_LONG_TEXT);
                text(a, q, "owner", true, PlanRules.MAX_TEXT);
                date(a, q, "due", false);
                oneOf(a, q, "status", true, PlanRules.ACTION_STATUSES);
                oneOf(a, q, "priority", false, PlanRules.PRIORITIES);
            });
        });
        each(node, at, "opportunities", "an opportunity", fields("name", "value", "probability", "attractiveness",
                "achievability"), (o, p) -> {
            text(o, p, "name", true, PlanRules.MAX_TEXT);
            number(o, p, "value", 0, Double.POSITIVE_INFINITY, true);
            number(o, p, "probability", 0, 1, true);
            whole(o, p, "attractiveness", PlanRules.LOWEST_SCORE, PlanRules.HIGHEST_SCORE, false);
            whole(o, p, "achievability", PlanRules.LOWEST_SCORE, PlanRules.HIGHEST_SCORE, false);
        });
        each(node, at, "projects", "an internal project", fields("name", "budget", "spend", "milestones"), (o, p) -> {
            text(o, p, "name", true, PlanRules.MAX_TEXT);
            number(o, p, "budget", 0, Double.POSITIVE_INFINITY, false);
            number(o, p, "spend", 0, Double.POSITIVE_INFINITY, false);
            each(o, p, "milestones", "a milestone", fields("name", "due", "status"), (m, q) -> {
                text(m, q, "name", true, PlanRules.MAX_TEXT);
                date(m, q, "due", true);
                oneOf(m, q, "status", true, PlanRules.MILESTONE_STATUSES);
            });
        });
        oneOf(node, at, "reviewCadence", false, PlanRules.REVIEW_CADENCES);
        date(node, at, "nextReview", false);
        String status = oneOf(node, at, "status", false, PlanRules.STATUSES);
        if (status == null) plan.put("status", PlanStatus.DRAFT.apiName);
        return plan;
    }

    /** The plan's fields that hold lists; any other field given as {@code []} is read as absent. */
    private static final Set<String> LIST_FIELDS = Set.of("locations", "team", "stakeholders", "targets", "objectives",
            "actions", "opportunities", "projects", "milestones");

    /**
     * Removes, at every depth, a field other than a list given as an empty list: the reader takes it as absent
     * (what generated clients send for the fields they were not given), so the stored plan must not keep it, or a
     * date or a text would be read back from it as an empty string.
     */
    private static void dropEmptyListsStandingForAbsent(JsonNode node) {
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                JsonNode value = field.getValue();
                if (value.isArray() && value.isEmpty() && !LIST_FIELDS.contains(field.getKey())) fields.remove();
                else dropEmptyListsStandingForAbsent(value);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) dropEmptyListsStandingForAbsent(item);
        }
    }

    public static LocalDate nextReview(ObjectNode plan) {
        JsonNode n = plan.get("nextReview");
        return n == null || n.isNull() ? null : LocalDate.parse(n.asText());
    }

    /** A stored (checked) plan document as a value; absent optional fields become null or empty lists. */
    public static AccountPlan value(JsonNode doc) {
        JsonNode a = doc.path("account");
        AccountPlan.Account account = new AccountPlan.Account(a.path("name").asText(), text(a, "industry"),
                a.hasNonNull("employees") ? a.get("employees").asInt() : null, list(a, "locations", JsonNode::asText),
                text(a, "currency"), decimal(a, "marketPotential"), decimal(a, "shareOfWallet"));
        return new AccountPlan(account, doc.path("owner").asText(), doc.path("relationship").asText(),
                list(doc, "team", m -> new AccountPlan.TeamMember(m.path("name").asText(), m.path("role").asText(),
                        text(m, "user"))),
                list(doc, "stakeholders", s -> new AccountPlan.Stakeholder(s.path("name").asText(), s.path("role").asText(),
                        named(AccountPlan.Influence.values(), e -> e.apiName, s.path("influence").asText()),
                        named(AccountPlan.Attitude.values(), e -> e.apiName, s.path("attitude").asText()), text(s, "relationshipOwner"),
                        s.hasNonNull("relationshipStrength") ? s.get("relationshipStrength").asInt() : null)),
                day(doc, "agreementStart"),
                list(doc, "targets", t -> new Target(t.path("year").asInt(), t.path("revenue").asDouble(),
                        t.hasNonNull("marginPct") ? t.path("marginPct").asDouble() : Double.NaN)),
                list(doc, "objectives", o -> new AccountPlan.Objective(o.path("title").asText(),
                        list(o, "actions", x -> new AccountPlan.Action(x.path("description").asText(), x.path("owner").asText(),
                                day(x, "due"), named(AccountPlan.ActionStatus.values(), e -> e.apiName, x.path("status").asText()),
                                text(x, "priority"))))),
                list(doc, "opportunities", o -> new AccountPlan.Opportunity(o.path("name").asText(),
                        o.path("value").asDouble(), o.path("probability").asDouble(),
                        o.hasNonNull("attractiveness") ? o.get("attractiveness").asInt() : null,
                        o.hasNonNull("achievability") ? o.get("achievability").asInt() : null)),
                list(doc, "projects", p -> new AccountPlan.Project(p.path("name").asText(), decimal(p, "budget"),
                        decimal(p, "spend"), list(p, "milestones", m -> new AccountPlan.Milestone(m.path("name").asText(),
                                day(m, "due"), named(AccountPlan.MilestoneStatus.values(), e -> e.apiName, m.path("status").asText()))))),
                text(doc, "reviewCadence"), day(doc, "nextReview"),
                PlanStatus.byName(doc.path("status").asText()).orElse(PlanStatus.DRAFT));
    }

    private static String text(JsonNode parent, String field) {
        return parent.hasNonNull(field) ? parent.get(field).asText() : null;
    }

    private static Double decimal(JsonNode parent, String field) {
        return parent.hasNonNull(field) ? parent.get(field).asDouble() : null;
    }

    private static LocalDate day(JsonNode parent, String field) {
        return parent.hasNonNull(field) ? LocalDate.parse(parent.get(field).asText()) : null;
    }

    private static <T> List<T> list(JsonNode parent, String field, Function<JsonNode, T> item) {
        List<T> out = new ArrayList<>();
        for (JsonNode n : parent.path(field)) out.add(item.apply(n));
        return List.copyOf(out);
    }

    /** The constant whose api name is {@code name}: the document was checked, so one always is. */
    private static <E extends Enum<E>> E named(E[] values, Function<E, String> apiName, String name) {
        for (E e : values) {
            if (apiName.apply(e).equals(name)) return e;
        }
        throw new IllegalStateException("'" + name + "' is none of " + Arrays.toString(values));
    }

    private interface Item {
        void check(JsonNode item, String at);
    }

    private void each(JsonNode parent, String at, String field, String what, Set<String> allowed, Item item) {
        List<JsonNode> items = in.array(in.optional(parent, field), at + "/" + field);
        for (int i = 0; i < items.size(); i++) {
            String p = JsonPointer.child(at + "/" + field, i);
            if (in.object(items.get(i), p, what, allowed)) item.check(items.get(i), p);
        }
    }

    private void text(JsonNode parent, String at, String field, boolean required, int max) {
        String t = required ? in.requiredText(parent, at, field) : in.optionalText(parent, at, field, null);
        if (t != null) PlanRules.problemWithText(t, max).ifPresent(p -> in.fail(at + "/" + field, p, null));
    }

    private void texts(JsonNode parent, String at, String field) {
        List<JsonNode> items = in.array(in.optional(parent, field), at + "/" + field);
        for (int i = 0; i < items.size(); i++) in.text(items.get(i), JsonPointer.child(at + "/" + field, i));
    }

    private String oneOf(JsonNode parent, String at, String field, boolean required, List<String> menu) {
        String t = required ? in.requiredText(parent, at, field) : in.optionalText(parent, at, field, null);
        Optional<String> problem = t == null ? Optional.empty() : PlanRules.problemWithChoice(t, menu);
        problem.ifPresent(p -> in.fail(at + "/" + field, p, t));
        return problem.isPresent() ? null : t;
    }

    private void number(JsonNode parent, String at, String field, double min, double max, boolean required) {
        double v = required ? in.requiredNumber(parent, at, field) : in.optionalNumber(parent, at, field, Double.NaN);
        if (!Double.isNaN(v)) PlanRules.problemWithAmount(v, min, max).ifPresent(p -> in.fail(at + "/" + field, p, v));
    }

    private Integer whole(JsonNode parent, String at, String field, int min, int max, boolean required) {
        int broken = Integer.MIN_VALUE;
        int v = required ? in.requiredInteger(parent, at, field, broken) : in.optionalInteger(parent, at, field, broken, broken);
        if (v == broken) return null;
        Optional<String> problem = PlanRules.problemWithWhole(v, min, max);
        problem.ifPresent(p -> in.fail(at + "/" + field, p, v));
        return problem.isPresent() ? null : v;
    }

    private LocalDate date(JsonNode parent, String at, String field, boolean required) {
        String t = required ? in.requiredText(parent, at, field) : in.optionalText(parent, at, field, null);
        Optional<String> problem = t == null ? Optional.empty() : PlanRules.problemWithDate(t);
        problem.ifPresent(p -> in.fail(at + "/" + field, p, t));
        return t == null || problem.isPresent() ? null : LocalDate.parse(t);
    }

    /**
     * A plan change as the body of a create or an update gives it: message and the plan, made by
     * {@code author} (the caller). An {@code author} in the body is accepted, as clients written before
     * callers were identified send one, and ignored: a revision's author is who sent it, never what it says.
     */
    public static PlanChange change(JsonNode root, String author) {
        List<Violation> violations = new ArrayList<>();
        JsonInput in = new JsonInput(violations);
        if (!in.object(root, "", "a plan change", new LinkedHashSet<>(List.of("author", "message", "plan")))) {
            throw new InvalidInputException(violations);
        }
        String claimed = in.optionalText(root, "", "author", null); // checked as before, then ignored
        if (claimed != null) PlanRules.problemWithText(claimed, PlanRules.MAX_TEXT).ifPresent(p -> in.fail("/author", p, null));
        String message = in.optionalText(root, "", "message", null);
        if (message != null) PlanRules.problemWithMessage(message).ifPresent(p -> in.fail("/message", p, null));
        JsonNode planNode = in.required(root, "", "plan");
        ObjectNode plan = planNode == null ? null : PlanJson.read(planNode, "/plan", in);
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        return new PlanChange(plan.get("account").get("name").asText(), plan.get("owner").asText(),
                PlanStatus.byName(plan.get("status").asText()).orElseThrow(), PlanJson.nextReview(plan),
                plan.toString(), author, message);
    }

    private static Set<String> fields(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }
}
