package io.parley.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The pages served from META-INF/resources: the workbench at /workbench/ and the Excel add-in
 * under /addin/. Two things static files cannot do are done here: /workbench without the slash
 * is sent to the page, and the add-in's manifest names the origin the service was reached at.
 */
@ApplicationScoped
class Pages {

    static final String WORKBENCH = "/workbench";
    static final String MANIFEST = "/addin/manifest.xml";
    /** The manifest's template names the service's origin by this placeholder. */
    static final String ORIGIN_PLACEHOLDER = "{{origin}}";
    /** A host name, IPv4 or bracketed IPv6 address, and an optional port: what an origin may hold. */
    private static final String HOST_AND_PORT = "(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?";
    private static final String MANIFEST_TEMPLATE = template("addin/manifest.xml");

    void routes(@Observes Router router) {
        // Vert.x lets a path match with or without a trailing slash: only the bare one is redirected
        router.get(WORKBENCH).handler(rc -> {
            if (rc.request().path().equals(WORKBENCH)) {
                rc.redirect(WORKBENCH + "/");
            } else {
                rc.next();
            }
        });
        router.get(MANIFEST).handler(this::manifest);
    }

    private void manifest(RoutingContext rc) {
        String origin = origin(rc.request().absoluteURI());
        if (origin == null) {
            // the Host header is the client's to write: nothing else goes into the XML
            rc.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"urn:parley:problem:bad-request\",\"title\":\"The request's host is not valid\","
                            + "\"status\":400,\"detail\":\"the manifest names the host it was asked at, and this one is not a host name and port\","
                            + "\"instance\":\"" + MANIFEST + "\"}");
            return;
        }
        rc.response().putHeader("Content-Type", "application/xml; charset=utf-8")
                .end(MANIFEST_TEMPLATE.replace(ORIGIN_PLACEHOLDER, origin));
    }

    /** scheme://host[:port] of an absolute URI, or null when it is not a plain host name (or IP) and port. */
    static String origin(String absoluteUri) {
        try {
            URI uri = new URI(absoluteUri);
            String authority = uri.getRawAuthority();
            if (authority == null || !authority.matches(HOST_AND_PORT)) {
                return null;
            }
            return uri.getScheme() + "://" + authority;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String template(String resource) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
