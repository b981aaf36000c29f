package io.parley.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /q/openapi} (and {@code .yaml}, {@code .json}), where the SmallRye OpenAPI extension served its
 * re-serialised copy of the contract, answers the contract itself as it did: JSON for the .json path,
 * {@code ?format=json} or an Accept naming application/json, YAML otherwise. The extension built its copy
 * at every start (a quarter of the start's CPU), so it no longer has one (application.properties);
 * clients that read the contract from here keep working, but /openapi.yaml and /openapi.json are its names.
 */
@ApplicationScoped
class ExtensionContractPaths {

    static final List<String> PATHS = List.of("/q/openapi", "/q/openapi.yaml", "/q/openapi.yml", "/q/openapi.json");

    void register(@Observes Router router) {
        // blocking: the first request for JSON makes it (ContractDocument)
        for (String path : PATHS) router.get(path).blockingHandler(ExtensionContractPaths::answer);
    }

    static void answer(RoutingContext rc) {
        boolean json = wantsJson(rc.normalizedPath(), rc.request().getHeader(HttpHeaders.ACCEPT), rc.queryParam("format"));
        ContractDocument.Form form = json ? ContractDocument.json() : ContractDocument.yaml();
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, json ? "application/json;charset=UTF-8" : "application/yaml;charset=UTF-8")
                .putHeader(HttpHeaders.ETAG, form.etag().toString())
                .end(Buffer.buffer(form.bytes()));
    }

    /** The extension's choice of form, kept so that what its clients asked for is what they get. */
    static boolean wantsJson(String path, String accept, List<String> format) {
        if (path.endsWith(".json")) return true;
        if (path.endsWith(".yaml") || path.endsWith(".yml")) return false;
        return (accept != null && accept.contains("application/json"))
                || (!format.isEmpty() && "json".equalsIgnoreCase(format.get(0)));
    }
}
