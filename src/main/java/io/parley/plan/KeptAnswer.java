package io.parley.plan;

/**
 * The first answer to a creating request sent with an Idempotency-Key, kept to be given again to a
 * retry with the same key and request.
 *
 * @param status   the HTTP status it had
 * @param location the Location it named, or null
 * @param etag     the ETag it carried, or null
 * @param body     its JSON body
 */
public record KeptAnswer(int status, String location, String etag, String body) {
}
