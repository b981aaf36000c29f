package io.parley.plan;

import java.time.Instant;
import java.time.LocalDate;

/** A plan as stored: its id, the number of its latest revision, and its document. */
public record StoredPlan(long id, int revision, String account, String owner, PlanStatus status, LocalDate nextReview,
                         Instant createdAt, Instant updatedAt, String document) {
}
