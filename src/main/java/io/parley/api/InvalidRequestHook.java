package io.parley.api;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.Deployment;
import io.vertx.core.impl.VertxInternal;

/**
 * Puts {@link UndecodedRequests}' problem answers in place of the HTTP layer's bare 400/414/431, by
 * reflection on Vert.x's and Quarkus's internals, because there is no supported way:
 * <ul>
 * <li>Vert.x 4.5 hands a request whose head failed to decode to the server's
 *     {@code invalidRequestHandler} (default {@code HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER}:
 *     a bare status line), copied when the server starts listening into the per-listener
 *     {@code HttpServerConnectionHandler}, which hands it to each new connection;</li>
 * <li>Quarkus 3.34 ({@code VertxHttpRecorder.WebDeploymentVerticle.start}) creates each server, sets its
 *     request handler and listens in one method, and exposes no server to the application
 *     (quarkusio/quarkus#55082; the open pull request #55148 would let one register such a handler).
 *     Its root request handler also answers a URI {@code java.net.URI} cannot parse with a bare 400,
 *     before any filter.</li>
 * </ul>
 * So, once the servers listen, this walks: each Vert.x deployment's {@code WebDeploymentVerticle} →
 * its {@code HttpServer}s → {@code TCPServerBase.childHandler} (the {@code HttpServerWorker}) → its
 * {@code connectionHandler} (the {@code HttpServerConnectionHandler}) and replaces that one's
 * {@code invalidRequestHandler}, and wraps its {@code requestHandler} with the URI check. Connections
 * accepted from then on use them (those accepted in the few milliseconds before keep the bare answers).
 * <p>
 * Every name walked is an internal of vertx-core 4.5.25 and quarkus-vertx-http 3.34.1. If an upgrade
 * changes one, this logs an ERROR at start naming what it did not find, the service runs on with the bare
 * answers, and {@code HttpLimitsApiTest} fails ({@link #installed()}). Remove this class once Quarkus
 * lets an application set the invalid-request handler (#55082).
 */
@ApplicationScoped
public class InvalidRequestHook {

    private static final Logger LOG = Logger.getLogger(InvalidRequestHook.class);

    private static final String WEB_VERTICLE = "io.quarkus.vertx.http.runtime.VertxHttpRecorder$WebDeploymentVerticle";
    private static final List<String> SERVER_FIELDS = List.of("httpServer", "httpsServer", "domainSocketServer");
    /** How often to look for servers that have started listening, in milliseconds. */
    private static final long POLL_MILLIS = 20;
    /** How long the servers may take to listen before the hook gives up and says so. */
    private static final long GIVE_UP_SECONDS = 120;

    @Inject
    Vertx vertx;
    @Inject
    ObjectMapper mapper;

    private volatile boolean installed;
    private volatile String failure;

    /**
     * Whether every listening server answers undecodable requests with problems; false while the
     * servers are starting, and for good if the internals were not found (then {@link #failure()} says why).
     */
    public boolean installed() {
        return installed;
    }

    public String failure() {
        return failure;
    }

    /** Quarkus starts the HTTP servers around this event (not before it): looks for them until all listen. */
    void start(@Observes StartupEvent event) {
        UndecodedRequests answers = new UndecodedRequests(mapper);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(GIVE_UP_SECONDS);
        vertx.setPeriodic(POLL_MILLIS, timer -> {
            try {
                if (patchAll(answers)) {
                    installed = true;
                    vertx.cancelTimer(timer);
                    LOG.debug("undecodable requests are answered with problem documents");
                } else if (System.nanoTime() > giveUp) {
                    vertx.cancelTimer(timer);
                    fail("the HTTP servers did not all listen within " + GIVE_UP_SECONDS + " s");
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                vertx.cancelTimer(timer);
                fail(e.toString());
            }
        });
    }

    private void fail(String why) {
        failure = why;
        LOG.error("Could not install the problem answers for requests the HTTP layer cannot decode (Vert.x or Quarkus"
                + " internals changed?): " + why + ". A Content-Length that is no number, an invalid URI, a request line or"
                + " headers over 64 KiB will get the HTTP layer's bare 400/414/431. See api/InvalidRequestHook.");
    }

    /**
     * Patches every web server that listens; true once all do. Each patch runs on the server's own
     * event loop, the thread that reads the handlers for each new connection.
     */
    private boolean patchAll(UndecodedRequests answers) throws ReflectiveOperationException {
        VertxInternal internal = (VertxInternal) vertx;
        List<Verticle> web = new ArrayList<>();
        for (String id : internal.deploymentIDs()) {
            Deployment deployment = internal.getDeployment(id);
            if (deployment == null) continue;
            Set<Verticle> verticles = deployment.getVerticles();
            for (Verticle v : verticles) {
                if (v.getClass().getName().equals(WEB_VERTICLE)) web.add(v);
            }
        }
        if (web.isEmpty()) return false;
        boolean all = true;
        for (Verticle verticle : web) {
            int servers = 0;
            for (String name : SERVER_FIELDS) {
                HttpServer server = (HttpServer) read(verticle, field(verticle.getClass(), name));
                if (server == null) continue;
                servers++;
                all &= patch(server, answers);
            }
            if (servers == 0) all = false; // this verticle has not created its server yet
        }
        return all;
    }

    /** True when {@code server}'s connection handler answers with problems (now or already). */
    @SuppressWarnings("unchecked")
    private boolean patch(HttpServer server, UndecodedRequests answers) throws ReflectiveOperationException {
        Object worker = read(server, field(server.getClass(), "childHandler"));
        if (worker == null) return false; // not listening yet
        Object connections = read(worker, field(worker.getClass(), "connectionHandler"));
        Field invalid = field(connections.getClass(), "invalidRequestHandler");
        Field request = field(connections.getClass(), "requestHandler");
        Context context = (Context) read(worker, field(worker.getClass(), "context"));
        Handler<HttpServerRequest> current = (Handler<HttpServerRequest>) read(connections, request);
        if (current instanceof UriChecked) return true;
        Handler<HttpServerRequest> invalidAnswer = answers.invalidRequestHandler();
        UriChecked checked = new UriChecked(answers.requestHandler(current));
        context.runOnContext(v -> {
            try {
                invalid.set(connections, invalidAnswer);
                request.set(connections, checked);
            } catch (IllegalAccessException e) {
                fail(e.toString());
            }
        });
        server.invalidRequestHandler(invalidAnswer); // for a listen to come, the supported way
        return false; // seen as patched on the next look, once the event loop has run it
    }

    /** A request handler that has been wrapped already. */
    private record UriChecked(Handler<HttpServerRequest> handler) implements Handler<HttpServerRequest> {
        @Override
        public void handle(HttpServerRequest request) {
            handler.handle(request);
        }
    }

    /** The field {@code name} declared by {@code type} or a superclass, made accessible. */
    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    private static Object read(Object target, Field field) throws IllegalAccessException {
        return field.get(target);
    }
}
