package io.parley.api;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAcceptableException;
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
    record JobAnswer(String id, String operation, String accept, List<String> formats, Map<String, String> parameters,
                     int shards, String state, ProgressAnswer progress,
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
        JsonNode root = bodies.parse(body);
        Jobs.Submission offered = JobSubmissions.read(root, jobs);
        Caller caller = callers.caller();
        Optional<Job> again = key.flatMap(k -> jobs.repeated(caller.tenant(), caller.key(), k, body));
        Jobs.Submission submission = offered;
        if (again.isEmpty()) {
            JobChecks.Checked checked = checks.check(offered, JsonInput.given(root, "formats"), headers.getHeaderString(HttpHeaders.AUTHORIZATION));
            if (checked.refusal().isPresent()) return checked.refusal().get();
            submission = new Jobs.Submission(offered.operation(), checked.formats(), offered.parameters(), offered.request(),
                    offered.shards(), offered.callbackUrl());
        }
        Jobs.Submission kept = submission;
        Job job = again.orElseGet(() -> jobs.submit(caller.tenant(), caller.key(), kept, key, body).job());
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
        // the formats kept, the job's accept first, so it wins when the client takes several equally
        Format[] kept = job.formats().stream().map(Format::of).toArray(Format[]::new);
        Format format;
        try {
            format = Format.negotiate(headers.getAcceptableMediaTypes(), kept);
        } catch (NotAcceptableException e) {
            throw Problem.of(Problem.Kind.NOT_ACCEPTABLE).detail("job " + id + " answers " + String.join(", ", job.formats())
                    + ", the formats it was kept in; submit it again with another in formats for another")
                    .error("Accept", "must accept one of " + String.join(", ", job.formats()), headers.getHeaderString(HttpHeaders.ACCEPT))
                    .exception();
        }
        if (kept.length == 1 && !format.acceptedBy(headers.getAcceptableMediaTypes())) {
            // negotiate answers a lone non-JSON format to any Accept; a job's answer is no spreadsheet read
            throw Problem.of(Problem.Kind.NOT_ACCEPTABLE).detail("job " + id + " answers " + job.mediaType()
                    + " only, the format it was kept in; submit it again with another in formats for another")
                    .error("Accept", "must accept " + job.mediaType(), headers.getHeaderString(HttpHeaders.ACCEPT)).exception();
        }
        if (job.state() != JobState.SUCCEEDED) {
            throw Problem.of(Problem.Kind.JOB_NOT_FINISHED).detail("job " + id + " is " + job.state().apiName()
                    + "; its answer is here once it has succeeded (GET /api/v1/jobs/" + id + " says where it is)").exception();
        }
        StreamingOutput answer = out -> jobs.answer(job, format.mediaType, out);
        return Response.ok(answer, format.contentType).build();
    }

    private Job job(String id) {
        return jobs.find(callers.caller().tenant(), id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return Problem.of(Problem.Kind.NOT_FOUND).detail("no job " + id).exception();
    }

    private JobAnswer answer(Job job) {
        Progress p = job.progress(jobs.now());
        ProgressAnswer progress = new ProgressAnswer(p.done(), p.total(),
                p.ratePerSecond().isPresent() ? Optional.of(p.ratePerSecond().getAsDouble()) : Optional.empty(), p.estimatedFinish());
        // one link per format kept: the same address, the format chosen by the reader's Accept
        List<ResultLink> results = job.state() == JobState.SUCCEEDED
                ? job.formats().stream().map(f -> new ResultLink("/api/v1/jobs/" + job.id() + "/result", f)).toList() : List.of();
        Optional<JsonNode> failure = job.failure().map(this::json);
        return new JobAnswer(job.id(), job.operation().operationId, job.mediaType(), job.formats(), JobSubmissions.parameters(job),
                job.shards(), job.state().apiName(),
                progress, job.createdAt(), job.startedAt(), job.finishedAt(), job.expiresAt(), results, failure);
    }

    private JsonNode json(String problem) {
        try {
            return mapper.readTree(problem);
        } catch (IOException e) {
            Map<String, String> text = new LinkedHashMap<>();
            text.put("detail", problem);
            return mapper.valueToTree(text);
        }
    }
}
