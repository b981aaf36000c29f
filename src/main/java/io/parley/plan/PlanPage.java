package io.parley.plan;

import java.util.List;

/** One page of plans, and how many plans the query keeps in all. */
public record PlanPage(List<StoredPlan> items, long total) {
}
