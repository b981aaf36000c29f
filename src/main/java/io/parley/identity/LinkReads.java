package io.parley.identity;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which requests a spreadsheet link may make: GET reads of one plan that answer text/plain or CSV
 * (what a spreadsheet's WEBSERVICE() or web query reads), and nothing else. A link on any other
 * request is not looked up at all.
 */
public final class LinkReads {

    /** Always text/plain or CSV: a metric's value, the figures tables. */
    private static final Pattern SCENARIO_READ =
            Pattern.compile("/api/v1/plans/(\\d{1,18})/scenarios/(\\d{1,18})/(?:metrics/[^/]+|figures)");
    private static final Pattern PLAN_FIGURES = Pattern.compile("/api/v1/plans/(\\d{1,18})/figures");
    /** CSV when asked for it ({@code Accept: text/csv}), JSON otherwise: only the CSV is a link's. */
    private static final Pattern PLAN_CSV = Pattern.compile("/api/v1/plans/(\\d{1,18})/(?:actuals|variance)");

    private LinkReads() {
    }

    /** The plan (and scenario) a request reads, when a link may make it; empty when a link may not. */
    public static Optional<LinkScope> target(String method, String path, String accept) {
        if (!"GET".equals(method) || path == null) return Optional.empty();
        Matcher m = SCENARIO_READ.matcher(path);
        if (m.matches()) {
            return Optional.of(new LinkScope(Long.parseLong(m.group(1)), OptionalLong.of(Long.parseLong(m.group(2)))));
        }
        m = PLAN_FIGURES.matcher(path);
        if (m.matches()) return Optional.of(new LinkScope(Long.parseLong(m.group(1)), OptionalLong.empty()));
        m = PLAN_CSV.matcher(path);
        if (m.matches() && accept != null && accept.trim().toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            return Optional.of(new LinkScope(Long.parseLong(m.group(1)), OptionalLong.empty()));
        }
        return Optional.empty();
    }

    /** Whether a link of {@code scope} may read {@code target}: its plan, and its scenario when it names one. */
    public static boolean covers(LinkScope scope, LinkScope target) {
        if (scope.planId() != target.planId()) return false;
        return scope.scenarioId().isEmpty() || scope.scenarioId().equals(target.scenarioId());
    }
}
