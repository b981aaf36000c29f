package io.parley.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The pages served from META-INF/resources: the workbench lives at /workbench/ (its index.html);
 * /workbench without the slash is sent there, so the address a newcomer types works and the page's
 * relative links resolve.
 */
@ApplicationScoped
class Pages {

    static final String WORKBENCH = "/workbench";

    void routes(@Observes Router router) {
        // Vert.x lets a path match with or without a trailing slash: only the bare one is redirected
        router.get(WORKBENCH).handler(rc -> {
            if (rc.request().path().equals(WORKBENCH)) {
                rc.redirect(WORKBENCH + "/");
            } else {
                rc.next();
            }
        });
    }
}
