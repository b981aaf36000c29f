package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

/**
 * REST Assured filters that check every request and response of a test against openapi.yaml, so the
 * contract cannot drift from what the service does. Public for the API tests that live with the
 * store (a database outage seen through the API).
 */
public final class Contract {

    private static final String SPEC = read(Path.of("openapi.yaml"));

    /** Requests and responses must both conform. */
    public static final OpenApiValidationFilter CONFORMS = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForInlineApiSpecification(SPEC).build());

    /**
     * For tests that send a request the contract forbids on purpose (to see the error): only the
     * response is checked, and it must be a documented one.
     */
    public static final OpenApiValidationFilter RESPONSE_CONFORMS = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForInlineApiSpecification(SPEC)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    private Contract() {
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
