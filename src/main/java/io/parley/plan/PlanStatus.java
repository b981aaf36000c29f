package io.parley.plan;

import java.util.Arrays;
import java.util.Optional;

/** Where a plan is in the review-plan-do cycle. */
public enum PlanStatus {
    DRAFT("draft"), IN_REVIEW("inReview"), APPROVED("approved"), ACTIVE("active"), ARCHIVED("archived");

    public final String apiName;

    PlanStatus(String apiName) {
        this.apiName = apiName;
    }

    public static Optional<PlanStatus> byName(String apiName) {
        return Arrays.stream(values()).filter(s -> s.apiName.equals(apiName)).findFirst();
    }
}
