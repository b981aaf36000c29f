package io.parley.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.parley.jobs.Jobs;
import io.parley.ops.OwnService;

/**
 * Checks a job's request at submit time exactly as its synchronous endpoint would: the request is sent
 * to that endpoint on this process as a {@link DryRun} (with the caller's own credentials, the job's
 * query parameters and first shard), once per format, which stops before any work. A refusal comes back as the endpoint's problem with
 * each field's pointer moved under {@code /request}, where the field sits in the submitted job.
 */
@ApplicationScoped
class JobChecks {

    private final DryRun dryRun;
    private final ObjectMapper mapper;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JobChecks(DryRun dryRun, ObjectMapper mapper) {
        this.dryRun = dryRun;
        this.mapper = mapper;
    }

    /**
     * The formats a job keeps, as its endpoint checks them: its own refusal, re-pointed, when it refuses
     * the request in the job's first format or in one the client named; otherwise the formats it would
     * answer the request in, of those offered ({@code formats}, the first the job's {@code accept}). A
     * format the client did not name and the endpoint refuses for this request (NDJSON with
     * {@code layout=table}, JSON past the points one JSON answer holds) is not kept.
     */
    Checked check(Jobs.Submission s, boolean named, String authorization) {
        List<String> kept = new ArrayList<>();
        for (String format : s.formats()) {
            Optional<Response> refused = refusal(s, format, authorization);
            if (refused.isEmpty()) {
                kept.add(format);
            } else if (kept.isEmpty() || named || refused.get().getStatus() >= 500) {
                return new Checked(List.of(), refused);
            }
        }
        return new Checked(kept, Optional.empty());
    }

    /** The formats the endpoint answers the job's request in, or its refusal. */
    record Checked(List<String> formats, Optional<Response> refusal) {
    }

    /** Nothing when the endpoint would run the request in {@code format}; otherwise its refusal, re-pointed. */
    private Optional<Response> refusal(Jobs.Submission s, String format, String authorization) {
        String query = s.shards() > 1 ? "shard=1&shards=" + s.shards() : "";
        if (!s.parameters().isEmpty()) query = query.isEmpty() ? s.parameters() : s.parameters() + "&" + query;
        HttpRequest.Builder request = HttpRequest.newBuilder(OwnService.uri().resolve(URI.create(s.operation().path
                        + (query.isEmpty() ? "" : "?" + query))))
                .timeout(Duration.ofMinutes(1)).header("Content-Type", "application/json").header("Accept", format)
                .header(DryRun.HEADER, dryRun.token()).POST(HttpRequest.BodyPublishers.ofString(s.request()));
        if (authorization != null) request.header("Authorization", authorization);
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw Problem.of(Problem.Kind.UNAVAILABLE).detail("the job's request could not be checked; retry in 5 s").exception(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.of(Problem.Kind.UNAVAILABLE).detail("the job's request could not be checked; retry in 5 s").exception(5);
        }
        if (answer.statusCode() < 300) return Optional.empty();
        Response.ResponseBuilder refused = Response.status(answer.statusCode()).type(Problem.MEDIA_TYPE)
                .entity(repointed(answer.body()));
        answer.headers().firstValue("Retry-After").ifPresent(seconds -> refused.header("Retry-After", seconds));
        return Optional.of(refused.build());
    }

    /**
     * The endpoint's problem with each error's pointer where the field sits in the job: a body field's
     * under /request, a query parameter's ({@code ?name}) under /parameters; its instance is the job's path.
     */
    private byte[] repointed(byte[] problem) {
        try {
            JsonNode root = mapper.readTree(problem);
            if (root instanceof ObjectNode o) {
                o.put("instance", "/api/v1/jobs");
                for (JsonNode error : o.path("errors")) {
                    if (error instanceof ObjectNode e && e.path("pointer").isTextual()) {
                        String pointer = e.path("pointer").asText();
                        if (pointer.startsWith("/")) e.set("pointer", TextNode.valueOf("/request" + pointer));
                        else if (pointer.startsWith("?")) e.set("pointer", TextNode.valueOf("/parameters/" + pointer.substring(1)));
                    }
                }
            }
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            return problem;
        }
    }
}
