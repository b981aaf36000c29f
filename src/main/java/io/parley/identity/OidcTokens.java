package io.parley.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * OpenID Connect bearer tokens verified by SmallRye JWT: the signature against the provider's JWKS
 * ({@code mp.jwt.verify.publickey.location}, RS256 or ES256 keys; {@code alg: none} never verifies),
 * the issuer, the audience, the expiry and not-before times. Roles and tenant come from configurable claims.
 */
@ApplicationScoped
public class OidcTokens implements BearerTokens {

    private final JWTParser parser;
    private final IdentityConfig.Oidc config;

    public OidcTokens(JWTParser parser, IdentityConfig config) {
        this.parser = parser;
        this.config = config.oidc();
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public Caller verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException | RuntimeException e) {
            // the parser's reasons name keys and claims of the provider: the client is told the rule, not them
            throw new InvalidCredentialsException("the bearer token is not valid: it must be signed by the identity "
                    + "provider, issued by it for this service, and within its validity period");
        }
        Object tenant = claim(jwt, config.tenantClaim());
        String tenantName = tenant instanceof JsonString s ? s.getString() : tenant instanceof String s ? s : null;
        if (tenantName == null || !Caller.TENANT.matcher(tenantName).matches()) {
            throw new InvalidCredentialsException("the bearer token names no tenant in claim '" + config.tenantClaim()
                    + "' (1–64 letters, digits, '.', '_' or '-')");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : strings(claim(jwt, config.rolesClaim()))) Role.of(name).ifPresent(roles::add);
        Object named = claim(jwt, config.nameClaim());
        String name = named instanceof JsonString s ? s.getString() : named instanceof String s ? s : jwt.getSubject();
        String subject = jwt.getSubject() != null ? jwt.getSubject() : name;
        if (subject == null) throw new InvalidCredentialsException("the bearer token names no subject ('sub')");
        return Caller.of(subject, name != null ? name : subject, tenantName, roles);
    }

    /** The claim at a slash-separated path: {@code realm_access/roles} is claim realm_access's member roles. */
    private static Object claim(JsonWebToken jwt, String path) {
        String[] steps = path.split("/");
        Object value = jwt.getClaim(steps[0]);
        for (int i = 1; i < steps.length && value != null; i++) {
            value = value instanceof JsonObject o ? o.get(steps[i]) : null;
        }
        return value;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) if (v instanceof JsonString s) out.add(s.getString());
        } else if (value instanceof Collection<?> c) {
            for (Object v : c) out.add(String.valueOf(v));
        } else if (value instanceof JsonString s) {
            out.addAll(List.of(s.getString().split("[ ,]+")));
        } else if (value instanceof String s) {
            out.addAll(List.of(s.split("[ ,]+")));
        }
        return out;
    }
}
