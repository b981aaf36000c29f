package io.parley.api;

import io.parley.document.Csv;

import java.util.List;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The formats an answer can take, and the one way a resource picks among them: the format the
 * client's Accept header ranks highest (by q, the most specific matching range deciding), the
 * resource's order breaking ties, so JSON wins when JSON and CSV are equally acceptable. A read that
 * has one text format only (a spreadsheet cell's number, a figures table) answers it to any Accept.
 */
enum Format {
    JSON(MediaType.APPLICATION_JSON, MediaType.APPLICATION_JSON),
    CSV(Csv.MEDIA_TYPE, Csv.MEDIA_TYPE + "; charset=UTF-8"),
    NDJSON(Format.NDJSON_TYPE, Format.NDJSON_TYPE),
    TEXT(MediaType.TEXT_PLAIN, MediaType.TEXT_PLAIN + "; charset=UTF-8");

    static final String NDJSON_TYPE = "application/x-ndjson";

    /** The media type as {@code @Produces} and Accept name it. */
    final String mediaType;
    /** The Content-Type the answer is sent with. */
    final String contentType;
    private final MediaType type;

    Format(String mediaType, String contentType) {
        this.mediaType = mediaType;
        this.contentType = contentType;
        this.type = MediaType.valueOf(mediaType);
    }

    /** The offered format the client prefers; 406 when it accepts none of them. */
    static Format negotiate(HttpHeaders headers, Format... offered) {
        return negotiate(headers.getAcceptableMediaTypes(), offered);
    }

    static Format negotiate(List<MediaType> accepted, Format... offered) {
        if (offered.length == 1 && offered[0] != JSON) {
            // a spreadsheet's plain-text or CSV read answers whatever is asked: generated clients ask
            // for application/json or application/problem+json, and it has nothing else to give
            return offered[0];
        }
        Format best = null;
        double bestQuality = 0;
        for (Format f : offered) {
            double q = f.quality(accepted);
            if (q > bestQuality) {
                best = f;
                bestQuality = q;
            }
        }
        if (best == null) {
            throw new NotAcceptableException();
        }
        return best;
    }

    /** True when the client's Accept takes this format at all (q above 0), whatever else it prefers. */
    boolean acceptedBy(List<MediaType> accepted) {
        return quality(accepted) > 0;
    }

    /** The format whose media type is {@code mediaType}, as a job names its answer's. */
    static Format of(String mediaType) {
        for (Format f : values()) {
            if (f.mediaType.equals(mediaType)) return f;
        }
        throw new IllegalArgumentException("no format answers " + mediaType);
    }

    /** The q the client gives this format: that of the most specific range that matches it (RFC 9110 §12.5.1). */
    private double quality(List<MediaType> accepted) {
        int specificity = -1;
        double q = 0;
        for (MediaType range : accepted) {
            if (!range.isCompatible(type)) continue;
            int s = (range.isWildcardType() ? 0 : 1) + (range.isWildcardSubtype() ? 0 : 1);
            if (s > specificity) {
                specificity = s;
                q = qualityOf(range);
            }
        }
        return q;
    }

    private static double qualityOf(MediaType range) {
        String q = range.getParameters().get("q");
        try {
            return q == null ? 1 : Double.parseDouble(q);
        } catch (NumberFormatException e) {
            return 1; // a malformed q is read as no preference, not as a refusal
        }
    }
}
