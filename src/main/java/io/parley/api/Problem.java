package io.parley.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.model.LimitExceededException;
import io.parley.model.Violation;

/**
 * An RFC 9457 problem detail, the one shape of every error response.
 *
 * @param type       a URN naming the kind of problem, e.g. {@code urn:parley:problem:validation}
 * @param errors     every field-level problem found, for 400 and 422 (and the rules a stored scenario breaks, 409)
 * @param limitBytes the body size limit, for 413
 * @param limit      the ceiling an analysis request went over, for limit-exceeded
 * @param requested  the size the request asked for, for limit-exceeded
 * @param currentRevision the plan's latest revision, for a stale update (412)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors, Long limitBytes, Long limit, Long requested, Long currentRevision) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field-level problem: where, what was wrong and (when there is one) the offending value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String pointer, String message, Object value) {
        static FieldError of(Violation v) {
            return new FieldError(v.pointer(), v.message(), v.value());
        }
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors, limitBytes, limit, requested, currentRevision);
    }

    /** The one way to build a problem: its kind gives the type, title and status; the rest is named. */
    static Builder of(Kind kind) {
        return new Builder(kind);
    }

    static Problem of(Kind kind, String detail) {
        return of(kind).detail(detail).build();
    }

    static Problem validation(List<Violation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).toString()
                : violations.size() + " problems found; the first: " + violations.get(0);
        return of(Kind.VALIDATION).detail(detail).violations(violations).build();
    }

    /**
     * A stored scenario that no longer satisfies the model (its rules have tightened since it was
     * stored): nothing the client sent is wrong, so a 409 with every rule the stored document breaks.
     */
    static Problem storedScenarioInvalid(long planId, long scenarioId, List<Violation> violations) {
        String broken = violations.size() == 1 ? "it breaks " + violations.get(0)
                : "it breaks " + violations.size() + " rules; the first: " + violations.get(0);
        String detail = "scenario " + scenarioId + " of plan " + planId
                + " was stored under earlier rules and no longer satisfies the model: " + broken
                + "; store a corrected copy (POST /api/v1/plans/" + planId + "/scenarios)";
        return of(Kind.STORED_SCENARIO_INVALID).detail(detail).violations(violations).build();
    }

    /** A request for more work than an analysis is configured to do: states the ceiling and the size asked. */
    static ProblemException overLimit(String pointer, String what, long requested, long limit) {
        return new ProblemException(overLimit(new LimitExceededException(pointer, what, requested, limit)));
    }

    /** The same problem, for the limits the readers of documents enforce (they know no HTTP). */
    static Problem overLimit(LimitExceededException e) {
        LimitExceededException.Excess excess = e.excess();
        return of(Kind.LIMIT_EXCEEDED).detail(e.getMessage()).error(excess.pointer(), e.getMessage(), excess.requested())
                .limit(excess.limit(), excess.requested()).build();
    }

    /** Collects a problem's parts by name; {@link #build()} or {@link #exception()} ends it. */
    static final class Builder {
        private final Kind kind;
        private String title;
        private int status;
        private String detail;
        private List<FieldError> errors;
        private Long limitBytes;
        private Long limit;
        private Long requested;
        private Long currentRevision;

        private Builder(Kind kind) {
            this.kind = kind;
            this.title = kind.title;
            this.status = kind.status;
        }

        /** A title more precise than the kind's, e.g. which part of the request is not valid. */
        Builder title(String title) {
            this.title = title;
            return this;
        }

        /** A status other than the kind's, for a framework exception that carries its own. */
        Builder status(int status) {
            this.status = status;
            return this;
        }

        Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        Builder errors(List<FieldError> errors) {
            this.errors = errors;
            return this;
        }

        Builder error(String pointer, String message, Object value) {
            return errors(List.of(new FieldError(pointer, message, value)));
        }

        Builder violations(List<Violation> violations) {
            return errors(violations.stream().map(FieldError::of).toList());
        }

        Builder limitBytes(long limitBytes) {
            this.limitBytes = limitBytes;
            return this;
        }

        Builder limit(long limit, long requested) {
            this.limit = limit;
            this.requested = requested;
            return this;
        }

        Builder currentRevision(long currentRevision) {
            this.currentRevision = currentRevision;
            return this;
        }

        Problem build() {
            return new Problem(kind.type(), title, status, detail, null, errors, limitBytes, limit, requested,
                    currentRevision);
        }

        ProblemException exception() {
            return new ProblemException(build());
        }

        /** A problem the client should retry after {@code seconds} (a 503 of ours, or a 429). */
        ProblemException exception(int retryAfterSeconds) {
            return new ProblemException(build(), retryAfterSeconds);
        }
    }

    /** The kinds of problem the API answers with, each with its status and a title for people. */
    enum Kind {
        UNAUTHENTICATED("unauthenticated", 401, "The request does not say who sends it, or its credentials are not valid"),
        FORBIDDEN("forbidden", 403, "The caller's roles do not allow this"),
        MALFORMED_JSON("malformed-json", 400, "The body is not well-formed JSON"),
        NOT_FOUND("not-found", 404, "No such resource"),
        METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed on this resource"),
        NOT_ACCEPTABLE("not-acceptable", 406, "None of the accepted media types can be produced"),
        BODY_TOO_LARGE("body-too-large", 413, "The request body is larger than the limit"),
        URI_TOO_LONG("uri-too-long", 414, "The request's URI is longer than the limit"),
        HEADERS_TOO_LARGE("headers-too-large", 431, "The request's headers are larger than the limit"),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "The request body's media type is not supported"),
        VALIDATION("validation", 422, "The request breaks the model's rules"),
        LIMIT_EXCEEDED("limit-exceeded", 422, "The request asks for more work than this service does in one call"),
        BAD_REQUEST("bad-request", 400, "The request cannot be read"),
        INTERNAL("internal", 500, "Parley failed to handle the request"),
        QUOTA_EXCEEDED("quota-exceeded", 429, "The caller has spent its budget of compute work for now"),
        BUSY("busy", 503, "Parley is busy with other heavy work"),
        UNAVAILABLE("unavailable", 503, "A service Parley depends on is unavailable"),
        OUTCOME_UNKNOWN("outcome-unknown", 503, "The write may or may not have been stored"),
        PRECONDITION_REQUIRED("precondition-required", 428, "Changes need the ETag of the revision they change"),
        STALE("stale-revision", 412, "Someone else changed this first"),
        JOB_NOT_FINISHED("job-not-finished", 409, "The job has no answer: it has not succeeded"),
        NO_AGREED_SCENARIO("no-agreed-scenario", 409, "The plan has no agreed scenario to compare with"),
        STORED_SCENARIO_INVALID("stored-scenario-invalid", 409, "The stored scenario no longer satisfies the model"),
        IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "The Idempotency-Key was used with another request"),
        IDEMPOTENCY_KEY_IN_FLIGHT("idempotency-key-in-flight", 409,
                "A request with this Idempotency-Key is still being handled");

        final String slug;
        final int status;
        final String title;

        Kind(String slug, int status, String title) {
            this.slug = slug;
            this.status = status;
            this.title = title;
        }

        String type() {
            return "urn:parley:problem:" + slug;
        }
    }
}
