package io.parley.ops;

import java.net.URI;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;

/**
 * This process's own HTTP address, for the work it sends to its own endpoints (job shards, batch
 * shards): the port is read when asked, since a port of 0 (the tests') is known only once the server
 * listens, and Quarkus then records the port it got.
 */
public final class OwnService {

    private OwnService() {
    }

    public static URI uri() {
        String property = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = ConfigProvider.getConfig().getOptionalValue(property, Integer.class).orElse(8080);
        return URI.create("http://127.0.0.1:" + port);
    }
}
