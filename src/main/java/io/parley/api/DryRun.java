package io.parley.api;

import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request checked but not run: the jobs resource sends a job's request to its operation's endpoint
 * on this process with {@link #HEADER} set to this process's token, so the request meets every rule of
 * the synchronous call (the same 422s, at submit time) and stops where the work would be admitted
 * ({@link HeavyWork}), answering 204. The token is random per process and never leaves it, so no
 * client can ask for a dry run of its own.
 */
@ApplicationScoped
public class DryRun {

    static final String HEADER = "Parley-Dry-Run";

    private final String token;

    public DryRun() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.token = HexFormat.of().formatHex(bytes);
    }

    String token() {
        return token;
    }

    boolean asked(String header) {
        return token.equals(header);
    }

    /** Thrown where the checked request's work would start. */
    static final class Checked extends RuntimeException {
        Checked() {
            super("checked, not run", null, false, false);
        }
    }

    @ServerExceptionMapper
    public Response checked(Checked e) {
        return Response.noContent().build();
    }
}
