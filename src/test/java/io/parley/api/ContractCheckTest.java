package io.parley.api;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance check itself bites: a response that drifts from openapi.yaml is reported. */
class ContractCheckTest {

    static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(readSpec()).build();

    static String readSpec() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("openapi.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final String DOCUMENTED_PROBLEM = "{\"type\":\"urn:parley:problem:validation\",\"title\":\"t\",\"status\":422,"
            + "\"detail\":\"d\",\"instance\":\"/api/v1/evaluate\",\"errors\":[{\"pointer\":\"/name\",\"message\":\"is required\"}]}";

    /** An answer of evaluate with the request id every answer carries. */
    static ValidationReport problemResponse(String body) {
        return VALIDATOR.validateResponse("/api/v1/evaluate", Request.Method.POST,
                SimpleResponse.Builder.status(422).withContentType("application/problem+json")
                        .withHeader("X-Request-Id", "gw-1").withBody(body).build());
    }

    @Test
    void aDocumentedProblemPasses() {
        assertThat(problemResponse(DOCUMENTED_PROBLEM).hasErrors()).isFalse();
    }

    @Test
    void anAnswerWithoutTheRequestIdFails() {
        assertThat(VALIDATOR.validateResponse("/api/v1/evaluate", Request.Method.POST,
                SimpleResponse.Builder.status(422).withContentType("application/problem+json").withBody(DOCUMENTED_PROBLEM).build())
                .hasErrors()).isTrue();
    }

    @Test
    void anUndocumentedFieldOrAMissingOneFails() {
        assertThat(problemResponse("{\"type\":\"urn:parley:problem:validation\",\"title\":\"t\",\"status\":422,"
                + "\"detail\":\"d\",\"exceptionType\":\"java.lang.IllegalStateException\"}").hasErrors()).isTrue();
        assertThat(problemResponse("{\"title\":\"t\",\"status\":422,\"detail\":\"d\"}").hasErrors()).isTrue();
    }
}
