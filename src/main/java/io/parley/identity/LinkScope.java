package io.parley.identity;

import java.util.OptionalLong;

/**
 * What a spreadsheet link may read: one plan, or one scenario of it.
 *
 * @param planId     the plan
 * @param scenarioId the one scenario, or empty for any read of the plan
 */
public record LinkScope(long planId, OptionalLong scenarioId) {
}
