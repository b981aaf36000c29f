package io.parley.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.parley.plan.AccountPlan.ActionStatus;
import io.parley.plan.AccountPlan.Attitude;
import io.parley.plan.AccountPlan.Influence;
import io.parley.plan.AccountPlan.MilestoneStatus;
import io.parley.plan.AccountPlan.Opportunity;

/**
 * The one read a manager opens before a review, as of a day: who matters and where they stand, which
 * opportunities to pursue, what is overdue, late or over budget, and when the next review is.
 *
 * @param reviewDaysAway days from asOf to the next review (negative when overdue), null without one
 */
public record PlanOverview(LocalDate nextReview, boolean reviewOverdue, Long reviewDaysAway,
                           List<StakeholderCell> stakeholderMap, List<Opportunity> opportunities,
                           Map<ActionStatus, Integer> actionsByStatus, List<OverdueAction> overdueActions,
                           List<LateMilestone> lateMilestones, List<Overrun> projectsOverBudget) {

    /** The stakeholders of one influence and attitude, in the plan's order. */
    public record StakeholderCell(Influence influence, Attitude attitude, List<String> stakeholders) {
    }

    public record OverdueAction(String objective, String description, String owner, LocalDate due, ActionStatus status) {
    }

    public record LateMilestone(String project, String milestone, LocalDate due, MilestoneStatus status) {
    }

    public record Overrun(String project, double budget, double spend) {
        public double overrun() {
            return spend - budget;
        }
    }

    public static PlanOverview of(AccountPlan plan, LocalDate asOf) {
        LocalDate next = plan.nextReview();
        return new PlanOverview(next, next != null && next.isBefore(asOf),
                next == null ? null : ChronoUnit.DAYS.between(asOf, next),
                stakeholderMap(plan), ranked(plan), byStatus(plan), overdue(plan, asOf), late(plan, asOf), overruns(plan));
    }

    /** Non-empty cells only, high influence first and, within it, opponents first: who needs work. */
    private static List<StakeholderCell> stakeholderMap(AccountPlan plan) {
        List<StakeholderCell> cells = new ArrayList<>();
        for (Influence influence : Influence.values()) {
            for (Attitude attitude : Attitude.values()) {
                List<String> names = plan.stakeholders().stream()
                        .filter(s -> s.influence() == influence && s.attitude() == attitude)
                        .map(AccountPlan.Stakeholder::name).toList();
                if (!names.isEmpty()) cells.add(new StakeholderCell(influence, attitude, names));
            }
        }
        return cells;
    }

    /** By attractiveness × achievability (unscored last), then by weighted value, largest first. */
    private static List<Opportunity> ranked(AccountPlan plan) {
        List<Opportunity> list = new ArrayList<>(plan.opportunities());
        list.sort(Comparator.comparingInt((Opportunity o) -> o.score() == null ? 0 : o.score()).reversed()
                .thenComparing(Comparator.comparingDouble(Opportunity::weightedValue).reversed()));
        return list;
    }

    private static Map<ActionStatus, Integer> byStatus(AccountPlan plan) {
        Map<ActionStatus, Integer> counts = new EnumMap<>(ActionStatus.class);
        for (ActionStatus s : ActionStatus.values()) counts.put(s, 0);
        plan.objectives().forEach(o -> o.actions().forEach(a -> counts.merge(a.status(), 1, Integer::sum)));
        return counts;
    }

    /** Due before asOf and not done, oldest first. */
    private static List<OverdueAction> overdue(AccountPlan plan, LocalDate asOf) {
        List<OverdueAction> out = new ArrayList<>();
        for (AccountPlan.Objective o : plan.objectives()) {
            for (AccountPlan.Action a : o.actions()) {
                if (a.due() != null && a.status() != ActionStatus.DONE && a.due().isBefore(asOf)) {
                    out.add(new OverdueAction(o.title(), a.description(), a.owner(), a.due(), a.status()));
                }
            }
        }
        out.sort(Comparator.comparing(OverdueAction::due));
        return out;
    }

    /** Marked late, or due before asOf and not done; oldest first. */
    private static List<LateMilestone> late(AccountPlan plan, LocalDate asOf) {
        List<LateMilestone> out = new ArrayList<>();
        for (AccountPlan.Project p : plan.projects()) {
            for (AccountPlan.Milestone m : p.milestones()) {
                if (m.status() == MilestoneStatus.LATE || (m.status() != MilestoneStatus.DONE && m.due().isBefore(asOf))) {
                    out.add(new LateMilestone(p.name(), m.name(), m.due(), m.status()));
                }
            }
        }
        out.sort(Comparator.comparing(LateMilestone::due));
        return out;
    }

    /** Spend above budget, the largest overrun first. */
    private static List<Overrun> overruns(AccountPlan plan) {
        List<Overrun> out = new ArrayList<>();
        for (AccountPlan.Project p : plan.projects()) {
            if (p.budget() != null && p.spend() != null && p.spend() > p.budget()) {
                out.add(new Overrun(p.name(), p.budget(), p.spend()));
            }
        }
        out.sort(Comparator.comparingDouble(Overrun::overrun).reversed());
        return out;
    }
}
