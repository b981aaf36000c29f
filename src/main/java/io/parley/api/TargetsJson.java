package io.parley.api;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.engine.Report;
import io.parley.plan.AccountPlan;
import io.parley.plan.Actual;
import io.parley.plan.ContractCalendar;
import io.parley.plan.Target;
import io.parley.plan.TargetProgress;

/**
 * The plan's yearly targets against the actuals to date, as the variance and the overview show them
 * (schema {@code TargetsToDate}). Without an agreement start or an agreed scenario the periods cannot
 * be placed in calendar years: {@code years} is then empty and {@code note} says what is missing.
 */
final class TargetsJson {

    static final String NO_START = "set agreementStart on the plan (the first day of contract year 1) to compare its"
            + " yearly targets, which are calendar years, with the agreed scenario's periods";
    static final String NO_AGREED = "mark one of the plan's scenarios as agreed to place the actuals' periods in"
            + " calendar years";
    static final String AGREED_INVALID = "the agreed scenario no longer satisfies the model; GET it for the"
            + " violations, then store a corrected one and mark it agreed";
    static final String NO_TARGETS = "the plan has no yearly targets";

    private TargetsJson() {
    }

    /**
     * @param planned   the agreed scenario's report, null when there is none to use
     * @param asOf      only periods ended by this day count; null counts every uploaded period
     * @param unplanned why there is no report (when {@code planned} is null)
     */
    static ObjectNode of(ObjectMapper mapper, AccountPlan plan, int periodsPerYear, int periodCount, Report planned,
                         List<Actual> actuals, LocalDate asOf, String unplanned) {
        LocalDate start = plan.agreementStart();
        List<Target> targets = plan.targets();
        ObjectNode out = mapper.createObjectNode();
        if (start == null) out.putNull("agreementStart");
        else out.put("agreementStart", start.toString());
        ArrayNode years = mapper.createArrayNode();
        String note = start == null ? NO_START : planned == null ? unplanned : targets.isEmpty() ? NO_TARGETS : null;
        if (note == null) {
            ContractCalendar calendar = new ContractCalendar(start, periodsPerYear);
            for (TargetProgress.Year y : TargetProgress.of(targets, calendar, planned, periodCount, actuals, asOf)) {
                years.add(year(mapper, y));
            }
        }
        if (note == null) out.putNull("note");
        else out.put("note", note);
        out.set("years", years);
        return out;
    }

    private static ObjectNode year(ObjectMapper mapper, TargetProgress.Year y) {
        ObjectNode o = mapper.createObjectNode().put("year", y.year()).put("monthsInAgreement", y.monthsInAgreement())
                .put("monthsWithActuals", y.monthsWithActuals());
        TargetProgress.Revenue r = y.revenue();
        ObjectNode revenue = o.putObject("revenue").put("target", r.target()).put("targetToDate", r.targetToDate())
                .put("plannedToDate", r.plannedToDate()).put("actual", r.actual()).put("variance", r.variance());
        ResultJson.number(revenue, "relative", r.relative());
        revenue.put("plannedForYear", r.plannedForYear());
        TargetProgress.Margin m = y.marginPct();
        ObjectNode margin = o.putObject("marginPct");
        ResultJson.number(margin, "target", m.target());
        ResultJson.number(margin, "plannedToDate", m.plannedToDate());
        ResultJson.number(margin, "actual", m.actual());
        ResultJson.number(margin, "variance", m.variance());
        return o;
    }
}
