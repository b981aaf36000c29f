package io.parley.plan;

import java.time.Instant;

/** One immutable revision: its number, who made it, when, why, and the plan as it then stood. */
public record Revision(int number, String author, Instant createdAt, String message, String document) {
}
