package io.parley.api;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The CORS headers of an answer without Access-Control-Allow-Origin go, whatever their case; nothing else does. */
class SecurityHeadersTest {

    @Test
    void withoutAnAllowedOriginTheOtherCorsHeadersGoAndTheRestStay() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json")
                .add("Access-Control-Allow-Methods", "GET,POST")
                .add("access-control-allow-headers", "authorization")
                .add("Access-Control-Allow-Credentials", "true")
                .add("Access-Control-Max-Age", "86400") // not an Allow- header: kept, as before
                .add("X-Content-Type-Options", "nosniff");
        SecurityHeaders.withoutOrphanCorsHeaders(headers);
        assertThat(headers.names()).containsExactlyInAnyOrder("Content-Type", "Access-Control-Max-Age", "X-Content-Type-Options");
    }

    @Test
    void withAnAllowedOriginEveryHeaderStays() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("access-control-allow-origin", "https://example.org")
                .add("Access-Control-Allow-Methods", "GET,POST")
                .add("Content-Type", "application/json");
        SecurityHeaders.withoutOrphanCorsHeaders(headers);
        assertThat(headers.size()).isEqualTo(3);
    }

    @Test
    void anAnswerWithoutCorsHeadersIsLeftAlone() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/csv").add("Vary", "Accept");
        SecurityHeaders.withoutOrphanCorsHeaders(headers);
        assertThat(headers.size()).isEqualTo(2);
    }
}
