package io.parley.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The permission every request needs, from its method and path. Everything under {@code /api/} needs
 * a caller; what no rule names is for administrators only, so a new operation is closed until a rule
 * opens it. Outside {@code /api/}: the contract ({@code /openapi.yaml}, {@code /openapi.json}), health
 * and metrics ({@code /q/}) and the static pages of the workbench and the add-in, which hold no data of
 * their own.
 */
public final class AccessRules {

    private static final String API = "/api/";
    private static final Pattern PLAN_ARCHIVE = Pattern.compile("/api/v1/plans/[^/]+/archive/?");
    /** Evaluating a stored scenario reads the plan's figures: a read, charged to the quota like any computation. */
    private static final Pattern PLAN_SCENARIO_EVALUATE = Pattern.compile("/api/v1/plans/[^/]+/scenarios/[^/]+/evaluate/?");
    /** A plan's spreadsheet links, listed too, are for those who may change the plan: a link reads the plan without a key. */
    private static final Pattern PLAN_LINKS = Pattern.compile("/api/v1/plans/[^/]+/links(/.*)?");
    private static final Pattern PLANS = Pattern.compile("/api/v1/plans(/.*)?");
    private static final Pattern ANALYSES = Pattern.compile("/api/v1/(evaluate|compare|analyses|optimize|jobs)(/.*)?");
    private static final Pattern ADMINISTRATION = Pattern.compile("/api/v1/(keys|links|audit)(/.*)?");
    private static final Pattern REFERENCE = Pattern.compile("/api/v1/metrics/?");

    private AccessRules() {
    }

    /**
     * Whether a request's raw path is in the form the rules read: no dot segments (plain, encoded or
     * with matrix parameters), no empty segments, no backslashes. The HTTP layer resolves such
     * segments before routing, so {@code /api/v1/plans/%2e%2e/keys} would reach the keys under a
     * plan path's rule; such paths are refused instead of read.
     */
    public static boolean isCanonical(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.contains("//") || rawPath.contains("\\")
                || rawPath.toLowerCase(Locale.ROOT).contains("%2e")
                || rawPath.toLowerCase(Locale.ROOT).contains("%5c")) {
            return false;
        }
        for (String segment : rawPath.split("/")) {
            String bare = segment.contains(";") ? segment.substring(0, segment.indexOf(';')) : segment;
            if (bare.equals(".") || bare.equals("..")) return false;
        }
        return true;
    }

    /** The permission {@code method} on {@code path} needs; empty when the path is public. */
    public static Optional<Permission> required(String method, String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        if (!p.startsWith(API)) return Optional.empty();
        boolean read = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
        if (REFERENCE.matcher(p).matches() && read) return Optional.of(Permission.READ_REFERENCE);
        if (ADMINISTRATION.matcher(p).matches()) return Optional.of(Permission.ADMINISTER);
        if (ANALYSES.matcher(p).matches()) return Optional.of(Permission.ANALYSE);
        if (PLANS.matcher(p).matches()) {
            if (PLAN_LINKS.matcher(p).matches()) return Optional.of(Permission.WRITE_PLANS);
            if (read || PLAN_SCENARIO_EVALUATE.matcher(p).matches() && "POST".equals(method)) {
                return Optional.of(Permission.READ_PLANS);
            }
            if (PLAN_ARCHIVE.matcher(p).matches()) return Optional.of(Permission.ARCHIVE_PLANS);
            return Optional.of(Permission.WRITE_PLANS);
        }
        return Optional.of(Permission.ADMINISTER);
    }
}
