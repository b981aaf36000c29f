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

    private static final Set<String> FIELDS = Set.of("operation", "request", "accept", "formats", "parameters", "shards", "callbackUrl");
    /** The longest query string of parameters a job keeps (its column). */
    private static final int MAX_PARAMETERS_CHARS = 4000;

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
        Jobs.Submission offered = read(root);
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
        } catch (jakarta.ws.rs.NotAcceptableException e) {
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
        int shards = in.optionalInteger(root, "", "shards", 1, 1);
        List<String> named = texts(in, root, "formats");
        String asked = in.optionalText(root, "", "accept", null);
        String parameters = parameters(in, root);
        Optional<String> callback = Optional.ofNullable(in.optionalText(root, "", "callbackUrl", null));
        if (!in.violations().isEmpty()) throw new io.parley.model.InvalidInputException(in.violations());
        Operation op = operation.get();
        // absent: the first of the formats named, else the endpoint's first that this many shards can take
        String accept = asked != null ? asked : !named.isEmpty() ? named.get(0) : op.mediaTypes().stream().filter(m -> shards == 1 || op.shardsAs(m))
                    .findFirst().orElse(op.mediaTypes().get(0));
        List<String> formats = new java.util.ArrayList<>();
        formats.add(accept);
        if (named.isEmpty()) {
            String first = accept;
            op.mediaTypes().stream().filter(m -> !m.equals(first) && (shards == 1 || op.shardsAs(m))).forEach(formats::add);
        } else {
            if (!named.contains(accept)) {
                throw new io.parley.model.InvalidInputException(List.of(new io.parley.model.Violation("/accept",
                        "must be one of the formats the job keeps (formats)", accept)));
            }
            named.stream().filter(m -> !m.equals(accept)).forEach(formats::add);
        }
        jobs.check(op, accept, formats, shards, callback);
        return new Jobs.Submission(op, formats, parameters, request.toString(), shards, callback);
    }

    /** A list of texts, none when absent. */
    private static List<String> texts(JsonInput in, JsonNode root, String field) {
        JsonNode list = in.optional(root, field);
        if (list == null) return List.of();
        if (!list.isArray()) {
            in.fail("/" + field, "must be a list of media types", JsonInput.describe(list));
            return List.of();
        }
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).isTextual()) texts.add(list.get(i).asText());
            else in.fail("/" + field + "/" + i, "must be a media type", JsonInput.describe(list.get(i)));
        }
        return texts;
    }

    /**
     * The endpoint's query parameters as the query string its calls carry: each a text, number or
     * true/false, in the order given; shard and shards are the job's own {@code shards}.
     */
    private static String parameters(JsonInput in, JsonNode root) {
        JsonNode given = in.optional(root, "parameters");
        if (given == null) return "";
        if (!given.isObject()) {
            in.fail("/parameters", "must be an object of the endpoint's query parameters", JsonInput.describe(given));
            return "";
        }
        StringBuilder query = new StringBuilder();
        given.fields().forEachRemaining(e -> {
            String at = "/parameters/" + e.getKey();
            if (e.getKey().equals("shard") || e.getKey().equals("shards")) {
                in.fail(at, "a job is split by its own shards, not by a parameter", JsonInput.describe(e.getValue()));
            } else if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                in.fail(at, "must be a text, a number or true/false, as the query parameter would be", JsonInput.describe(e.getValue()));
            } else {
                if (query.length() > 0) query.append('&');
                query.append(java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8)).append('=')
                        .append(java.net.URLEncoder.encode(e.getValue().asText(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        if (query.length() > MAX_PARAMETERS_CHARS) {
            in.fail("/parameters", "must be at most " + MAX_PARAMETERS_CHARS + " characters as a query string", query.length());
        }
        return query.toString();
    }

    private JobAnswer answer(Job job) {
        Progress p = job.progress(jobs.now());
        ProgressAnswer progress = new ProgressAnswer(p.done(), p.total(),
                p.ratePerSecond().isPresent() ? Optional.of(p.ratePerSecond().getAsDouble()) : Optional.empty(), p.estimatedFinish());
        // one link per format kept: the same address, the format chosen by the reader's Accept
        List<ResultLink> results = job.state() == JobState.SUCCEEDED
                ? job.formats().stream().map(f -> new ResultLink("/api/v1/jobs/" + job.id() + "/result", f)).toList() : List.of();
        Optional<JsonNode> failure = job.failure().map(this::json);
        return new JobAnswer(job.id(), job.operation().operationId, job.mediaType(), job.formats(), parameters(job),
                job.shards(), job.state().apiName(),
                progress, job.createdAt(), job.startedAt(), job.finishedAt(), job.expiresAt(), results, failure);
    }

    /** The job's query parameters as it was given them. */
    private static Map<String, String> parameters(Job job) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (job.parameters().isEmpty()) return parameters;
        for (String pair : job.parameters().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return parameters;
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
