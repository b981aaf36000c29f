package io.parley.plan;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.plan.AccountPlan.Action;
import io.parley.plan.AccountPlan.ActionStatus;
import io.parley.plan.AccountPlan.Attitude;
import io.parley.plan.AccountPlan.Influence;
import io.parley.plan.AccountPlan.Milestone;
import io.parley.plan.AccountPlan.MilestoneStatus;
import io.parley.plan.AccountPlan.Objective;
import io.parley.plan.AccountPlan.Opportunity;
import io.parley.plan.AccountPlan.Project;
import io.parley.plan.AccountPlan.Stakeholder;

import static org.assertj.core.api.Assertions.assertThat;

class PlanOverviewTest {

    private static final LocalDate REVIEW_DAY = LocalDate.of(2026, 10, 15);

    /** A plan with one of each thing the overview looks for, on either side of the review day. */
    private static AccountPlan plan() {
        return new AccountPlan(new AccountPlan.Account("FreshWay", null, null, List.of(), null, null, null), "Dana",
                "consultative", List.of(),
                List.of(new Stakeholder("Ines", "Head of category", Influence.HIGH, Attitude.SUPPORTER, null, null),
                        new Stakeholder("Kai", "CFO", Influence.HIGH, Attitude.SKEPTIC, null, null),
                        new Stakeholder("Lea", "Buyer", Influence.LOW, Attitude.OPPONENT, null, null),
                        new Stakeholder("Max", "Analyst", Influence.HIGH, Attitude.SKEPTIC, null, null)),
                null, List.of(),
                List.of(new Objective("Preferred supplier", List.of(
                        new Action("pilot", "Sam", LocalDate.of(2026, 9, 30), ActionStatus.IN_PROGRESS, null),
                        new Action("NDA", "Dana", LocalDate.of(2026, 8, 1), ActionStatus.DONE, null),
                        new Action("kick-off", "Dana", LocalDate.of(2026, 7, 1), ActionStatus.BLOCKED, null),
                        new Action("workshop", "Dana", LocalDate.of(2026, 10, 15), ActionStatus.OPEN, null),
                        new Action("someday", "Dana", null, ActionStatus.OPEN, null)))),
                List.of(new Opportunity("trays", 1_200_000, 0.4, 4, 3),
                        new Opportunity("unscored", 9_000_000, 1, null, 5),
                        new Opportunity("displays", 300_000, 0.9, 5, 5),
                        new Opportunity("mailers", 600_000, 0.5, 3, 4)),
                List.of(new Project("EDI", 40_000.0, 12_500.0, List.of(
                                new Milestone("test orders", LocalDate.of(2026, 7, 15), MilestoneStatus.DONE),
                                new Milestone("go live", LocalDate.of(2026, 12, 1), MilestoneStatus.LATE))),
                        new Project("plates", 70_000.0, 82_500.0, List.of(
                                new Milestone("ordered", LocalDate.of(2026, 9, 1), MilestoneStatus.PLANNED))),
                        new Project("labels", 10_000.0, 30_000.0, List.of()),
                        new Project("no budget", null, 5_000.0, List.of())),
                "quarterly", LocalDate.of(2026, 10, 1), PlanStatus.ACTIVE);
    }

    @Test
    void theStakeholdersWhoNeedWorkComeFirst() {
        PlanOverview o = PlanOverview.of(plan(), REVIEW_DAY);
        // high influence before low; within high, skeptics before supporters; empty cells left out
        assertThat(o.stakeholderMap()).extracting(c -> c.influence() + "/" + c.attitude())
                .containsExactly("HIGH/SKEPTIC", "HIGH/SUPPORTER", "LOW/OPPONENT");
        assertThat(o.stakeholderMap().get(0).stakeholders()).containsExactly("Kai", "Max");
    }

    @Test
    void opportunitiesRankByScoreThenWeightedValueAndUnscoredLast() {
        PlanOverview o = PlanOverview.of(plan(), REVIEW_DAY);
        // displays 5 × 5 = 25; trays 4 × 3 = 12 and mailers 3 × 4 = 12 tie, trays weigh 480 000 > 300 000
        assertThat(o.opportunities()).extracting(Opportunity::name).containsExactly("displays", "trays", "mailers", "unscored");
    }

    @Test
    void overdueIsDueBeforeTheDayAndNotDone() {
        PlanOverview o = PlanOverview.of(plan(), REVIEW_DAY);
        // kick-off (07-01, blocked) and the pilot (09-30), oldest first; the NDA is done, the workshop due today,
        // "someday" has no date
        assertThat(o.overdueActions()).extracting(PlanOverview.OverdueAction::description).containsExactly("kick-off", "pilot");
        assertThat(o.actionsByStatus()).containsEntry(ActionStatus.OPEN, 2).containsEntry(ActionStatus.DONE, 1)
                .containsEntry(ActionStatus.BLOCKED, 1).containsEntry(ActionStatus.IN_PROGRESS, 1);
    }

    @Test
    void lateMilestonesAndOverrunsAreTheirDefinitions() {
        PlanOverview o = PlanOverview.of(plan(), REVIEW_DAY);
        // "ordered" is past due and not done; "go live" is marked late though due later; done ones never are
        assertThat(o.lateMilestones()).extracting(PlanOverview.LateMilestone::milestone).containsExactly("ordered", "go live");
        // labels 20 000 over before plates 12 500; no budget, no overrun
        assertThat(o.projectsOverBudget()).extracting(PlanOverview.Overrun::project).containsExactly("labels", "plates");
        assertThat(o.projectsOverBudget().get(1).overrun()).isEqualTo(12_500.0);
    }

    @Test
    void theReviewIsOverdueTheDayAfterItsDate() {
        // review on 2026-10-01: 14 days ago on the 15th; due, not overdue, on the day itself
        PlanOverview late = PlanOverview.of(plan(), REVIEW_DAY);
        assertThat(late.reviewOverdue()).isTrue();
        assertThat(late.reviewDaysAway()).isEqualTo(-14);
        PlanOverview onTheDay = PlanOverview.of(plan(), LocalDate.of(2026, 10, 1));
        assertThat(onTheDay.reviewOverdue()).isFalse();
        assertThat(onTheDay.reviewDaysAway()).isZero();
    }
}
