package io.parley.plan;

import java.time.Instant;

/** A negotiation scenario kept with a plan; {@code document} is the scenario's normalised JSON. */
public record PlanScenario(long id, long planId, String name, boolean agreed, Instant createdAt, String document) {
}
