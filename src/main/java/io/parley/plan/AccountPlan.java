package io.parley.plan;

import java.time.LocalDate;
import java.util.List;

/**
 * A major account plan as a value: the account's profile, the relationship and the team, the
 * customer's stakeholders, the yearly targets, objectives with their actions, opportunities, the
 * internal projects that serve the account, and when the plan is reviewed. The api layer checks a
 * document field by field before it becomes one of these; absent optional numbers are null.
 *
 * @param agreementStart the first day of contract year 1 of the agreed scenario, or null
 */
public record AccountPlan(Account account, String owner, String relationship, List<TeamMember> team,
                          List<Stakeholder> stakeholders, LocalDate agreementStart, List<Target> targets,
                          List<Objective> objectives, List<Opportunity> opportunities, List<Project> projects,
                          String reviewCadence, LocalDate nextReview, PlanStatus status) {

    public record Account(String name, String industry, Integer employees, List<String> locations, String currency,
                          Double marketPotential, Double shareOfWallet) {
    }

    /**
     * @param user how the service knows the member when they call (an identity provider's user name,
     *             an API key's name), or null; see {@link PlanEditors}
     */
    public record TeamMember(String name, String role, String user) {
    }

    /** @param relationshipStrength 1–5, or null */
    public record Stakeholder(String name, String role, Influence influence, Attitude attitude, String relationshipOwner,
                              Integer relationshipStrength) {
    }

    public record Objective(String title, List<Action> actions) {
    }

    /** @param due may be null */
    public record Action(String description, String owner, LocalDate due, ActionStatus status, String priority) {
    }

    /** @param attractiveness 1–5 or null; {@code achievability} likewise */
    public record Opportunity(String name, double value, double probability, Integer attractiveness,
                              Integer achievability) {

        public double weightedValue() {
            return value * probability;
        }

        /** attractiveness × achievability (1–25), or null when either is not given. */
        public Integer score() {
            return attractiveness == null || achievability == null ? null : attractiveness * achievability;
        }
    }

    /** @param budget may be null; {@code spend} likewise */
    public record Project(String name, Double budget, Double spend, List<Milestone> milestones) {
    }

    public record Milestone(String name, LocalDate due, MilestoneStatus status) {
    }

    /** Declared from the most influence down: the order the stakeholder map reads in. */
    public enum Influence {
        HIGH("high"), MEDIUM("medium"), LOW("low");

        public final String apiName;

        Influence(String apiName) {
            this.apiName = apiName;
        }
    }

    /** Declared from the most work needed down: opponents first. */
    public enum Attitude {
        OPPONENT("opponent"), SKEPTIC("skeptic"), NEUTRAL("neutral"), SUPPORTER("supporter");

        public final String apiName;

        Attitude(String apiName) {
            this.apiName = apiName;
        }
    }

    public enum ActionStatus {
        OPEN("open"), IN_PROGRESS("inProgress"), BLOCKED("blocked"), DONE("done");

        public final String apiName;

        ActionStatus(String apiName) {
            this.apiName = apiName;
        }
    }

    public enum MilestoneStatus {
        PLANNED("planned"), DONE("done"), LATE("late");

        public final String apiName;

        MilestoneStatus(String apiName) {
            this.apiName = apiName;
        }
    }
}
