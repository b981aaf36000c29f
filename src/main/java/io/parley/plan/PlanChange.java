package io.parley.plan;

import java.time.LocalDate;

/**
 * A validated plan as the service stores it: the fields lists filter on, and the whole plan as a
 * normalised JSON document.
 *
 * @param author  who makes the change (recorded in the revision)
 * @param message why, optional
 */
public record PlanChange(String account, String owner, PlanStatus status, LocalDate nextReview, String document,
                         String author, String message) {
}
