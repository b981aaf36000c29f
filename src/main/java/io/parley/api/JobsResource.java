package io.parley.api;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.document.Csv;
import io.parley.document.JsonInput;
import io.parley.identity.Caller;
import io.parley.jobs.Job;
import io.parley.jobs.JobState;
import io.parley.jobs.Jobs;
import io.parley.jobs.Operation;
import io.parley.jobs.Progress;
import io.parley.plan.IdempotencyKey;

/**
 * {@code /api/v1/jobs}: an analysis or optimisation submitted to run later (docs/jobs.md). A job
 * names its operation by the contract's operationId and carries the body that operation's endpoint
 * takes; it is checked as that endpoint checks it, at submit, then queued shard by shard for any
 * replica. Jobs are the caller's tenant's: another tenant's job is not found.
 */
@Path("/api/v1/jobs")
public class JobsResource {

    private static final Set<String> FIELDS = Set.of("operation", "request", "accept", "shards", "callbackUrl");

    @Inject
    Jobs jobs;
    @Inject
    JobChecks checks;
    @Inject
    JsonBodies bodies;
    @Inject
    Callers callers;
    @Inject
    ObjectMapper mapper;

    /** A job as answered: where it is, how far along, and when it has succeeded where its answer is. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record JobAnswer(String id, String operation, String accept, int shards, String state, ProgressAnswer progress,
                     Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                     Optional<Instant> expiresAt, List<ResultLink> results, Optional<JsonNode> failure) {
    }

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record ProgressAnswer(int done, int total, Optional<Double> ratePerSecond, Optional<Instant> estimatedFinish) {
    }

    record ResultLink(String href, String type) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(byte[] body, @Context HttpHeaders headers) {
        Optional<String> key = Optional.ofNullable(headers.getHeaderString("Idempotency-Key"));
        if (key.isPresent() && !IdempotencyKey.isWellFormed(key.get())) {
            throw Problem.of(Problem.Kind.BAD_REQUEST).detail("Idempotency-Key must be " + IdempotencyKey.RULE)
                    .error("Idempotency-Key", "must be " + IdempotencyKey.RULE, key.get()).exception();
        }
        Jobs.Submission submission = read(bodies.parse(body));
        Caller caller = callers.caller();
        Optional<Job> again = key.flatMap(k -> jobs.repeated(caller.tenant(), caller.key(), k, body));
        if (again.isEmpty()) {
            Optional<Response> refused = checks.refusal(submission, headers.getHeaderString(HttpHeaders.AUTHORIZATION));
            if (refused.isPresent()) return refused.get();
        }
        Job job = again.orElseGet(() -> jobs.submit(caller.tenant(), caller.key(), submission, key, body).job());
        return Response.accepted(answer(job)).location(URI.create("/api/v1/jobs/" + job.id())).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response read(@PathParam("id") String id) {
        return Response.ok(answer(job(id))).build();
    }

    @DELETE
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id) {
        Job job = jobs.cancel(callers.caller().tenant(), id).orElseThrow(() -> notFound(id));
        return Response.ok(answer(job)).build();
    }

    @GET
    @Path("/{id}/result")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, Format.NDJSON_TYPE})
    public Response result(@PathParam("id") String id, @Context HttpHeaders headers) {
        Job job = job(id);
        Format stored = Format.of(job.mediaType());
        if (!stored.acceptedBy(headers.getAcceptableMediaTypes())) {
            // the answer is kept as the endpoint gave it, in the one media type the job asked for
            throw Problem.of(Problem.Kind.NOT_ACCEPTABLE).detail("job " + id + " answers " + job.mediaType()
                    + " only, the media type it was submitted with (accept); submit it again with another accept for another")
                    .error("Accept", "must accept " + job.mediaType(), headers.getHeaderString(HttpHeaders.ACCEPT)).exception();
        }
        if (job.state() != JobState.SUCCEEDED) {
            throw Problem.of(Problem.Kind.JOB_NOT_FINISHED).detail("job " + id + " is " + job.state().apiName()
                    + "; its answer is here once it has succeeded (GET /api/v1/jobs/" + id + " says where it is)").exception();
        }
        StreamingOutput answer = out -> jobs.answer(job, out);
        return Response.ok(answer, job.mediaType()).build();
    }

    private Job job(String id) {
        return jobs.find(callers.caller().tenant(), id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return Problem.of(Problem.Kind.NOT_FOUND).detail("no job " + id).exception();
    }

    private Jobs.Submission read(JsonNode root) {
        JsonInput in = new JsonInput(new java.util.ArrayList<>());
        if (!in.object(root, "", "a job", FIELDS)) throw new io.parley.model.InvalidInputException(in.violations());
        String operationId = in.requiredText(root, "", "operation");
        Optional<Operation> operation = Optional.ofNullable(operationId).flatMap(Operation::byId);
        if (operationId != null && operation.isEmpty()) {
            in.fail("/operation", "unknown operation; a job runs one of " + String.join(", ", Operation.ids()), operationId);
        }
        JsonNode request = in.required(root, "", "request");
        if (request != null && !request.isObject()) in.fail("/request", "must be the operation's request body, an object", JsonInput.describe(request));
        String accept = in.optionalText(root, "", "accept", operation.map(o -> o.mediaTypes().get(0)).orElse(null));
        int shards = in.optionalInteger(root, "", "shards", 1, 1);
        Optional<String> callback = Optional.ofNullable(in.optionalText(root, "", "callbackUrl", null));
        if (!in.violations().isEmpty()) throw new io.parley.model.InvalidInputException(in.violations());
        jobs.check(operation.get(), accept, shards, callback);
        return new Jobs.Submission(operation.get(), accept, request.toString(), shards, callback);
    }

    private JobAnswer answer(Job job) {
        Progress p = job.progress(jobs.now());
        ProgressAnswer progress = new ProgressAnswer(p.done(), p.total(),
                p.ratePerSecond().isPresent() ? Optional.of(p.ratePerSecond().getAsDouble()) : Optional.empty(), p.estimatedFinish());
        List<ResultLink> results = job.state() == JobState.SUCCEEDED
                ? List.of(new ResultLink("/api/v1/jobs/" + job.id() + "/result", job.mediaType())) : List.of();
        Optional<JsonNode> failure = job.failure().map(this::json);
        return new JobAnswer(job.id(), job.operation().operationId, job.mediaType(), job.shards(), job.state().apiName(),
                progress, job.createdAt(), job.startedAt(), job.finishedAt(), job.expiresAt(), results, failure);
    }

    private JsonNode json(String problem) {
        try {
            return mapper.readTree(problem);
        } catch (java.io.IOException e) {
            Map<String, String> text = new LinkedHashMap<>();
            text.put("detail", problem);
            return mapper.valueToTree(text);
        }
    }
}
