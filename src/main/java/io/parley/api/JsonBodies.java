package io.parley.api;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.parley.document.AnalysisInput;
import io.parley.model.Numbers;
import io.parley.ops.ParleyConfig;

/**
 * Turns a request body into a JSON tree: enforces the size limit (413) and answers malformed JSON,
 * duplicate keys and trailing garbage with a 400 that says where.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper strict = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final ParleyConfig config;

    public JsonBodies(ParleyConfig config) {
        this.config = config;
    }

    public JsonNode parse(byte[] body) {
        long limit = config.limits().maxBodyBytes();
        if (body == null || body.length == 0) {
            throw Problem.of(Problem.Kind.MALFORMED_JSON).detail("the request has no body; send a JSON document")
                    .error("", "a JSON body is required", null).exception();
        }
        if (body.length > limit) {
            throw tooLarge(body.length, limit);
        }
        try {
            return strict.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String message = withoutInternals(e.getOriginalMessage()) + where;
            throw Problem.of(Problem.Kind.MALFORMED_JSON).detail("the body is not valid JSON: " + message)
                    .error("", message, null).exception();
        } catch (IOException e) {
            throw new ProblemException(Problem.of(Problem.Kind.BAD_REQUEST, "the body could not be read"));
        }
    }

    /** The body read as {@code what} with these fields. */
    AnalysisInput analysisRequest(byte[] body, String what, String... fields) {
        return new AnalysisInput(parse(body), what, fields);
    }

    /** Jackson's advice names its own types and switches ("enable `JsonReadFeature.…`"): none of the client's business. */
    private static final Pattern ADVICE = Pattern.compile("[:;,]? *(enable|disable) `[^`]*`.*$");
    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(",? *from `[^`]*`");
    private static final Pattern INTERNAL_TYPE = Pattern.compile("`?(com\\.fasterxml|java|javax|jakarta|io\\.parley)\\.[\\w.$]+`?");

    static String withoutInternals(String message) {
        if (message == null) return "unreadable";
        String plain = CONSTRAINT_SOURCE.matcher(ADVICE.matcher(message).replaceAll("")).replaceAll("");
        return INTERNAL_TYPE.matcher(plain).replaceAll("a JSON value");
    }

    static ProblemException tooLarge(long size, long limit) {
        return Problem.of(Problem.Kind.BODY_TOO_LARGE)
                .detail("the body is " + Numbers.plain(size) + " bytes; the limit is " + Numbers.plain(limit) + " bytes")
                .limitBytes(limit).exception();
    }

    /** A body sent without a length (chunked) that went past the limit while it was read. */
    static ProblemException tooLargeUndeclared(long limit) {
        return Problem.of(Problem.Kind.BODY_TOO_LARGE)
                .detail("the body (sent without a Content-Length) passed the limit of " + Numbers.plain(limit)
                        + " bytes; the rest was not read")
                .limitBytes(limit).exception();
    }
}
