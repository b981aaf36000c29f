package io.parley.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;

/**
 * Headers every answer carries, whatever answers it (a resource, a problem document, a 404 of the
 * router, a page): no content sniffing, no Referer leaving the service (a page's URL may hold a
 * spreadsheet link), and on the pages a Content-Security-Policy that lets them load their own
 * modules, styles and ECharts (/webjars) from this origin only, and the task pane Office's library
 * from Microsoft, which an add-in must load from there.
 */
@ApplicationScoped
class SecurityHeaders {

    /** The task pane's one script from elsewhere (addin/taskpane.html). */
    static final String OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";

    /**
     * The pages' policy. Styles allow inline ones because ECharts writes its tooltips with style
     * attributes; scripts do not (no inline script or handler in the pages). Requests go to this origin only.
     */
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'%s; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'%s";
    /** The workbench is never framed (clickjacking); the task pane is, by Office, so it names no ancestors. */
    static final String WORKBENCH_POLICY = PAGE_POLICY.formatted("", "; frame-ancestors 'none'");
    static final String TASK_PANE_POLICY = PAGE_POLICY.formatted(" " + OFFICE_JS_ORIGIN, "");

    static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
    private static final String ALLOW_PREFIX = "Access-Control-Allow-";

    /** Before every other filter (RequestIds is 2000), so even a refused request's answer carries them. */
    private static final int PRIORITY = 3000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            forPath(rc.request().path()).forEach(rc.response()::putHeader);
            rc.addHeadersEndHandler(ignored -> withoutOrphanCorsHeaders(rc.response().headers()));
            rc.next();
        }, PRIORITY);
    }

    /**
     * Quarkus' CORS filter lists the allowed methods and headers in a preflight's answer even to an
     * origin it does not allow (it only leaves out Access-Control-Allow-Origin): without that header
     * they allow nothing, so they are dropped rather than tell a foreign origin what would be allowed.
     */
    static void withoutOrphanCorsHeaders(MultiMap headers) {
        if (headers.contains(ALLOW_ORIGIN)) return;
        // the entries walked as they are: names() builds a sorted set of every name on each answer
        List<String> orphans = null;
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (name.regionMatches(true, 0, ALLOW_PREFIX, 0, ALLOW_PREFIX.length())) {
                if (orphans == null) orphans = new ArrayList<>();
                orphans.add(name);
            }
        }
        if (orphans != null) orphans.forEach(headers::remove);
    }

    /** The headers of every answer, and of the workbench's and the task pane's pages: made once, not per answer. */
    private static final Map<String, String> EVERY_ANSWER = headers(null);
    private static final Map<String, String> WORKBENCH = headers(WORKBENCH_POLICY);
    private static final Map<String, String> TASK_PANE = headers(TASK_PANE_POLICY);

    /** The security headers of the answer to a request for {@code path}. */
    static Map<String, String> forPath(String path) {
        String p = path == null ? "" : path;
        if (p.equals(Pages.WORKBENCH) || p.startsWith(Pages.WORKBENCH + "/")) return WORKBENCH;
        if (p.equals("/addin") || p.startsWith("/addin/")) return TASK_PANE;
        return EVERY_ANSWER;
    }

    private static Map<String, String> headers(String contentSecurityPolicy) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        if (contentSecurityPolicy != null) headers.put("Content-Security-Policy", contentSecurityPolicy);
        return Collections.unmodifiableMap(headers);
    }
}
