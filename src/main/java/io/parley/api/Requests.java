package io.parley.api;

import java.util.List;

import jakarta.ws.rs.core.UriInfo;

import io.parley.model.SheetNumbers;

/** Checks on the parts of a request outside its body: query parameters and the media type wanted. */
final class Requests {

    private Requests() {
    }

    /** The parameter's value, which must be one of {@code allowed}; {@code absent} when not given. */
    static String oneOf(UriInfo uri, String name, List<String> allowed, String absent) {
        List<String> values = uri.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return absent;
        }
        if (values.size() > 1) {
            throw badParameter(name, "query parameter '" + name + "' is given " + values.size() + " times; give it once");
        }
        String value = values.get(0);
        if (!allowed.contains(value)) {
            throw badParameter(name, "query parameter '" + name + "': '" + value + "' is not one of "
                    + String.join(", ", allowed));
        }
        return value;
    }

    /** The numbers of {@code ?locale=<BCP 47 tag>} (given at most once), or undeclared ones without it. */
    static SheetNumbers sheetNumbers(UriInfo uri) {
        List<String> values = uri.getQueryParameters().get("locale");
        if (values == null || values.isEmpty()) return SheetNumbers.undeclared();
        if (values.size() > 1) throw badParameter("locale", "query parameter 'locale' is given " + values.size() + " times; give it once");
        try {
            return SheetNumbers.of(values.get(0));
        } catch (IllegalArgumentException e) {
            throw badParameter("locale", "query parameter 'locale': " + e.getMessage());
        }
    }

    /** A whole-number query parameter within [min, max]. */
    static int integer(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badParameter(name, "query parameter '" + name + "': '" + value + "' is not a whole number in " + min + "–" + max);
    }

    static ProblemException badParameter(String name, String message) {
        return Problem.of(Problem.Kind.BAD_REQUEST).title("A query parameter is not valid").detail(message)
                .error("?" + name, message, null).exception();
    }

    /** A path parameter that breaks its rule; the error's pointer is {@code {name}}, its value the text sent. */
    static ProblemException badPathParameter(String name, String value, String message) {
        return Problem.of(Problem.Kind.BAD_REQUEST).title("A path parameter is not valid").detail(message)
                .error("{" + name + "}", message, value).exception();
    }
}
