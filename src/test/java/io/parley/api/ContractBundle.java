package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@code openapi.yaml}, the one contract file the service serves and the tests validate
 * against, from its readable parts under {@code openapi/}.
 *
 * <p>The scheme is textual, so the bundle keeps every comment, block scalar and number exactly as
 * written: starting at {@code openapi/root.yaml}, a line {@code # @include PART} (PART relative to
 * {@code openapi/}) is replaced by the lines of that part, each indented as the directive was, its
 * own directives expanded the same way. Each part is plain YAML on its own, written from column 0.
 *
 * <p>Run with nothing but a JDK: {@code java src/test/java/io/parley/api/ContractBundle.java}
 * (what {@code scripts/bundle-openapi} does) rewrites {@code openapi.yaml} from the repository root;
 * {@code ContractBundleTest} fails while the committed file is not the bundle of its parts.
 */
public final class ContractBundle {

    /** Where the parts live, relative to the repository root. */
    static final Path PARTS = Path.of("openapi");
    /** The part the bundle starts from. */
    static final String ROOT = "root.yaml";
    /** The bundle, relative to the repository root. */
    static final Path BUNDLE = Path.of("openapi.yaml");
    /** The bundle's first line, for whoever opens it to edit. */
    static final String BANNER = "# Bundled from openapi/ by scripts/bundle-openapi: edit the parts there, then re-bundle.\n";

    private static final Pattern INCLUDE = Pattern.compile("^( *)# @include (\\S+)$");

    /** The bundled text, and the parts it was made of (relative paths with '/'). */
    record Bundle(String text, Set<String> parts) {
    }

    private ContractBundle() {
    }

    public static void main(String[] args) throws IOException {
        Bundle bundle = of(PARTS);
        Files.writeString(BUNDLE, bundle.text(), StandardCharsets.UTF_8);
        System.out.println("wrote " + BUNDLE + " from " + bundle.parts().size() + " parts under " + PARTS + "/");
    }

    /** The bundle of the parts under {@code parts}, starting at {@link #ROOT}. */
    static Bundle of(Path parts) {
        StringBuilder text = new StringBuilder(BANNER);
        Set<String> included = new TreeSet<>();
        expand(parts, ROOT, "", new ArrayList<>(), text, included);
        return new Bundle(text.toString(), included);
    }

    private static void expand(Path parts, String part, String indent, List<String> chain, StringBuilder text,
            Set<String> included) {
        if (chain.contains(part)) {
            throw new IllegalArgumentException("include cycle: " + String.join(" → ", chain) + " → " + part);
        }
        Path file = parts.resolve(part);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(part + " is not a file under " + parts
                    + (chain.isEmpty() ? "" : " (included from " + chain.get(chain.size() - 1) + ")"));
        }
        chain.add(part);
        included.add(part);
        for (String line : lines(file, part)) {
            Matcher include = INCLUDE.matcher(line);
            if (include.matches()) {
                expand(parts, include.group(2), indent + include.group(1), chain, text, included);
            } else if (line.isEmpty()) {
                text.append('\n'); // an empty line stays empty: no trailing spaces in the bundle
            } else {
                text.append(indent).append(line).append('\n');
            }
        }
        chain.remove(chain.size() - 1);
    }

    /** The part's lines; LF endings only, so the bundle is the same byte for byte on every machine. */
    private static List<String> lines(Path file, String part) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (content.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(part + " has CR line endings; the parts are LF only");
        }
        if (!content.isEmpty() && !content.endsWith("\n")) {
            throw new IllegalArgumentException(part + " does not end with a line break");
        }
        return content.isEmpty() ? List.of() : List.of(content.substring(0, content.length() - 1).split("\n", -1));
    }
}
