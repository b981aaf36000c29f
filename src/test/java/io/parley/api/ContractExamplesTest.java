package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator.SpecSource;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example in openapi.yaml conforms to the schema it illustrates. Client authors copy the
 * examples; one that breaks its own schema (a renamed field, a missing required one, a wrong enum)
 * misleads them, and the conformance filter of the API tests never sees it.
 *
 * <p>Schemas come from the spec parsed as the request validator parses it, and examples are checked
 * with the validator's own {@link SchemaValidator}, so a JSON example is judged as
 * {@link Contract#CONFORMS} would judge the same body. Example values are read from the YAML as
 * written: the parsed model casts scalar examples to the schema's type and drops what does not fit.
 * CSV and plain-text examples are checked against their (string) schema, CSV rows for as many cells
 * as the header; each NDJSON line must be a JSON object.
 */
class ContractExamplesTest {

    private static final Path SPEC = Path.of("openapi.yaml");
    private static final JsonNode RAW = readYaml(SPEC);
    private static final OpenAPI MODEL = parseAsTheValidatorDoes(SPEC);
    private static final SchemaValidator VALIDATOR = ExampleCheck.validatorFor(MODEL);

    @Test
    void everyExampleConformsToItsSchema() {
        ExampleCheck check = ExampleCheck.run(RAW, MODEL, VALIDATOR);
        System.out.println("openapi.yaml examples checked: " + check.summary());

        // a walk that finds nothing would pass vacuously
        assertThat(check.checked().keySet()).containsExactlyInAnyOrder(Kind.values());
        assertThat(check.failures()).as("examples that break their schema (%d)", check.failures().size())
                .isEmpty();
    }

    @Test
    void aRequestExampleWithoutARequiredFieldIsReported() {
        assertThat(Broken.reportsOn("POST /api/v1/evaluate request application/json example 'proposal'"))
                .contains("missing required properties ([\"name\"])");
    }

    @Test
    void aSharedResponseExampleIsCheckedWhereItIsDefined() {
        assertThat(Broken.reportsOn("components/responses/InternalError application/problem+json example"))
                .contains("[Path '/status']").contains("(allowed: [\"integer\"])");
    }

    @Test
    void aPropertyExampleOutsideItsEnumIsReported() {
        assertThat(Broken.reportsOn("components/schemas/OptimizeConstraint.metric example"))
                .contains("\"customerNPV\"").contains("not found in enum");
    }

    @Test
    void aCsvRowWithAMissingCellIsReported() {
        assertThat(Broken.reportsOn("POST /api/v1/analyses/sweep 200 text/csv example 'table'"))
                .contains("row 3 has 3 cells, the header 4");
    }

    @Test
    void anExampleTheWalkDoesNotReachIsReported() {
        assertThat(Broken.reportsOn("/info/example")).contains("does not reach");
    }

    @Test
    void eachDefectIsReportedOnceAndNothingElse() {
        assertThat(Broken.FAILURES).hasSize(Broken.DEFECTS);
    }

    /**
     * A copy of the spec with one defect of each kind the check must catch, checked once for all
     * the tests above (a check of the whole spec is the slow part).
     */
    private static final class Broken {

        static final int DEFECTS = 5;
        static final List<String> FAILURES = ExampleCheck.run(withDefects(), MODEL, VALIDATOR).failures();

        private static JsonNode withDefects() {
            JsonNode spec = RAW.deepCopy();
            object(spec, "/paths/~1api~1v1~1evaluate/post/requestBody/content/application~1json/examples/proposal/value")
                    .remove("name");
            object(spec, "/components/responses/InternalError/content/application~1problem+json/example")
                    .put("status", "500");
            object(spec, "/components/schemas/OptimizeConstraint/properties/metric").put("example", "customerNPV");
            ObjectNode table = object(spec,
                    "/paths/~1api~1v1~1analyses~1sweep/post/responses/200/content/text~1csv/examples/table");
            table.put("value", table.get("value").asText().replace("0.06,152388.07,", "0.06,"));
            object(spec, "/info").put("example", "an example nothing illustrates");
            return spec;
        }

        private static ObjectNode object(JsonNode spec, String pointer) {
            JsonNode node = spec.at(pointer);
            assertThat(node.isObject()).as("openapi.yaml has an object at %s", pointer).isTrue();
            return (ObjectNode) node;
        }

        /** The one failure reported at this place. */
        static String reportsOn(String where) {
            List<String> here = FAILURES.stream().filter(f -> f.startsWith(where)).toList();
            assertThat(here).as("failures at %s among %s", where, FAILURES).hasSize(1);
            return here.get(0);
        }
    }

    /** What an example illustrates; the summary counts the examples of each. */
    enum Kind {
        REQUEST_JSON("request bodies (JSON)"),
        REQUEST_TEXT("request bodies (CSV/text)"),
        RESPONSE_JSON("responses (JSON or problem+json)"),
        RESPONSE_TEXT("responses (CSV/text)"),
        RESPONSE_NDJSON("responses (NDJSON)"),
        SCHEMA("schemas"),
        PROPERTY("properties and sub-schemas"),
        PARAMETER("parameters"),
        HEADER("headers");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One pass over the spec: walks the YAML as written (paths, operations, components) and, in
     * step, the parsed model for the schema each example illustrates. Every `example` and
     * `examples` key of the YAML must be reached by the walk; one that is not is a failure too.
     */
    static final class ExampleCheck {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final String SCHEMA_REF = "#/components/schemas/";
        private static final List<String> METHODS =
                List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

        private final JsonNode raw;
        private final OpenAPI model;
        private final SchemaValidator validator;
        private final Map<Kind, Integer> checked = new EnumMap<>(Kind.class);
        private final List<String> failures = new ArrayList<>();
        private final Set<String> reached = new HashSet<>();

        private ExampleCheck(JsonNode raw, OpenAPI model, SchemaValidator validator) {
            this.raw = raw;
            this.model = model;
            this.validator = validator;
        }

        /** Checks the examples of {@code raw} against the schemas of {@code model}, its parsed form. */
        static ExampleCheck run(JsonNode raw, OpenAPI model, SchemaValidator validator) {
            ExampleCheck check = new ExampleCheck(raw, model, validator);
            check.paths();
            check.components();
            check.unreached(raw, "");
            return check;
        }

        /**
         * The request validator's schema validator, with one difference that changes no outcome:
         * it copies every component schema into each schema it compiles, as JSON Schema definitions
         * for `$ref`s, but fully resolved almost no `$ref` is left, and compiling the ~190 unused
         * definitions takes most of the check's time. This one keeps only the schemas a `$ref`
         * still names (and those they name).
         */
        static SchemaValidator validatorFor(OpenAPI model) {
            return new SchemaValidator(withOnlyReferencedSchemas(model), new MessageResolver());
        }

        private static OpenAPI withOnlyReferencedSchemas(OpenAPI model) {
            Map<String, Schema> all = model.getComponents().getSchemas();
            Map<String, Schema> kept = new LinkedHashMap<>();
            Deque<JsonNode> toScan = new ArrayDeque<>(List.of(Json.mapper().valueToTree(model)));
            while (!toScan.isEmpty()) {
                for (JsonNode ref : toScan.pop().findValues("$ref")) {
                    String name = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
                    if (ref.asText().startsWith(SCHEMA_REF) && all.containsKey(name) && !kept.containsKey(name)) {
                        kept.put(name, all.get(name));
                        toScan.push(Json.mapper().valueToTree(all.get(name)));
                    }
                }
            }
            return new OpenAPI().components(new Components().schemas(kept));
        }

        Map<Kind, Integer> checked() {
            return checked;
        }

        List<String> failures() {
            return failures;
        }

        String summary() {
            int total = checked.values().stream().mapToInt(Integer::intValue).sum();
            return total + " (" + checked.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey().label).collect(Collectors.joining(", ")) + ")";
        }

        private void paths() {
            fields(raw.path("paths"), (path, rawItem) -> {
                String at = "/paths/" + escape(path);
                PathItem item = model.getPaths().get(path);
                parameters(rawItem.path("parameters"), pathLevelParameters(item), at, path);
                for (String method : METHODS) {
                    JsonNode rawOp = rawItem.get(method);
                    if (rawOp == null) {
                        continue;
                    }
                    String where = method.toUpperCase() + " " + path;
                    String opAt = at + "/" + method;
                    Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase()));
                    parameters(rawOp.path("parameters"), op.getParameters(), opAt, where);
                    JsonNode rawBody = rawOp.get("requestBody");
                    if (rawBody != null && !rawBody.has("$ref")) {
                        content(rawBody.path("content"), op.getRequestBody().getContent(), opAt + "/requestBody",
                                where + " request", true);
                    }
                    fields(rawOp.path("responses"), (status, rawResponse) -> {
                        if (!rawResponse.has("$ref")) { // a shared response is checked once, under components
                            response(rawResponse, op.getResponses().get(status), opAt + "/responses/" + status,
                                    where + " " + status);
                        }
                    });
                }
            });
        }

        /** The parser may move a path's own parameters into each of its operations. */
        private static List<Parameter> pathLevelParameters(PathItem item) {
            List<Parameter> parameters = new ArrayList<>();
            if (item.getParameters() != null) {
                parameters.addAll(item.getParameters());
            }
            item.readOperations().stream().filter(op -> op.getParameters() != null)
                    .forEach(op -> parameters.addAll(op.getParameters()));
            return parameters;
        }

        private void components() {
            JsonNode rawComponents = raw.path("components");
            var components = model.getComponents();
            fields(rawComponents.path("schemas"), (name, rawSchema) -> schema(rawSchema,
                    components.getSchemas().get(name), "/components/schemas/" + name, "components/schemas/" + name,
                    Kind.SCHEMA));
            fields(rawComponents.path("parameters"), (name, rawParameter) -> parameter(rawParameter,
                    components.getParameters().get(name), "/components/parameters/" + name,
                    "components/parameters/" + name));
            fields(rawComponents.path("headers"), (name, rawHeader) -> header(rawHeader,
                    components.getHeaders().get(name), "/components/headers/" + name, "components/headers/" + name));
            fields(rawComponents.path("responses"), (name, rawResponse) -> response(rawResponse,
                    components.getResponses().get(name), "/components/responses/" + name,
                    "components/responses/" + name));
            fields(rawComponents.path("requestBodies"), (name, rawBody) -> content(rawBody.path("content"),
                    components.getRequestBodies().get(name).getContent(), "/components/requestBodies/" + name,
                    "components/requestBodies/" + name, true));
            // components/examples are checked where an `examples` entry refers to them
            reached.add("/components/examples");
        }

        private void response(JsonNode rawResponse, ApiResponse response, String at, String where) {
            content(rawResponse.path("content"), response.getContent(), at, where, false);
            fields(rawResponse.path("headers"), (name, rawHeader) -> {
                if (!rawHeader.has("$ref")) {
                    header(rawHeader, response.getHeaders().get(name), at + "/headers/" + escape(name),
                            where + " header " + name);
                }
            });
        }

        private void content(JsonNode rawContent, Content content, String at, String where, boolean request) {
            fields(rawContent, (media, rawMedia) -> {
                MediaType mediaType = content.get(media);
                String mediaAt = at + "/content/" + escape(media);
                String mediaWhere = where + " " + media;
                Schema<?> schema = mediaType.getSchema();
                Kind kind = kind(media, request);
                examples(rawMedia, mediaAt, mediaWhere,
                        (value, name) -> body(kind, media, value, schema, mediaWhere + " " + name));
                if (rawMedia.has("schema")) {
                    schema(rawMedia.get("schema"), schema, mediaAt + "/schema", mediaWhere + " schema", Kind.SCHEMA);
                }
            });
        }

        private void parameters(JsonNode rawParameters, List<Parameter> parameters, String at, String where) {
            for (int i = 0; i < rawParameters.size(); i++) {
                JsonNode rawParameter = rawParameters.get(i);
                if (rawParameter.has("$ref")) { // checked once, under components
                    continue;
                }
                String name = rawParameter.path("name").asText();
                String in = rawParameter.path("in").asText();
                Parameter parameter = parameters == null ? null : parameters.stream()
                        .filter(p -> name.equals(p.getName()) && in.equals(p.getIn())).findFirst().orElse(null);
                parameter(rawParameter, parameter, at + "/parameters/" + i, where + " parameter " + in + " '" + name + "'");
            }
        }

        private void parameter(JsonNode rawParameter, Parameter parameter, String at, String where) {
            if (parameter == null) {
                failures.add(where + ": not found in the parsed spec");
                return;
            }
            valueExamples(rawParameter, parameter.getSchema(), at, where, Kind.PARAMETER);
        }

        private void header(JsonNode rawHeader, Header header, String at, String where) {
            if (header == null) {
                failures.add(where + ": not found in the parsed spec");
                return;
            }
            valueExamples(rawHeader, header.getSchema(), at, where, Kind.HEADER);
        }

        /** A parameter's or a header's `example`/`examples`, then those of its schema. */
        private void valueExamples(JsonNode rawOwner, Schema<?> schema, String at, String where, Kind kind) {
            examples(rawOwner, at, where, (value, name) -> {
                count(kind);
                validate(value, schema, where + " " + name);
            });
            if (rawOwner.has("schema")) {
                schema(rawOwner.get("schema"), schema, at + "/schema", where + " schema", kind);
            }
        }

        /**
         * A schema's own example, then those of its properties, items and sub-schemas. A `$ref` is
         * followed where it is defined, not here (OpenAPI 3.0 ignores the siblings of a `$ref`, so
         * an example beside one is left unreached and reported).
         */
        private void schema(JsonNode rawSchema, Schema<?> schema, String at, String where, Kind kind) {
            if (rawSchema.has("$ref")) {
                return;
            }
            if (schema == null) {
                failures.add(where + ": not found in the parsed spec");
                return;
            }
            if (rawSchema.has("example")) {
                reached.add(at + "/example");
                count(kind);
                validate(rawSchema.get("example"), schema, where + " example");
            }
            fields(rawSchema.path("properties"), (name, rawProperty) -> schema(rawProperty,
                    schema.getProperties() == null ? null : schema.getProperties().get(name),
                    at + "/properties/" + escape(name), where + "." + name, Kind.PROPERTY));
            if (rawSchema.has("items")) {
                schema(rawSchema.get("items"), schema.getItems(), at + "/items", where + "[]", Kind.PROPERTY);
            }
            if (rawSchema.path("additionalProperties").isObject()
                    && schema.getAdditionalProperties() instanceof Schema<?> values) {
                schema(rawSchema.get("additionalProperties"), values, at + "/additionalProperties",
                        where + "{*}", Kind.PROPERTY);
            }
            composed(rawSchema, "allOf", schema.getAllOf(), at, where);
            composed(rawSchema, "oneOf", schema.getOneOf(), at, where);
            composed(rawSchema, "anyOf", schema.getAnyOf(), at, where);
            if (rawSchema.has("not")) {
                schema(rawSchema.get("not"), schema.getNot(), at + "/not", where + " not", Kind.PROPERTY);
            }
        }

        private void composed(JsonNode rawSchema, String keyword, List<Schema> parts, String at, String where) {
            JsonNode rawParts = rawSchema.path(keyword);
            for (int i = 0; i < rawParts.size(); i++) {
                schema(rawParts.get(i), parts == null || parts.size() <= i ? null : parts.get(i),
                        at + "/" + keyword + "/" + i, where + " " + keyword + "[" + i + "]", Kind.PROPERTY);
            }
        }

        /** The `example` and every `examples` entry (following a `$ref` to components/examples). */
        private void examples(JsonNode owner, String at, String where, ExampleSink sink) {
            if (owner.has("example")) {
                reached.add(at + "/example");
                sink.accept(owner.get("example"), "example");
            }
            if (!owner.has("examples")) {
                return;
            }
            reached.add(at + "/examples");
            fields(owner.get("examples"), (name, entry) -> {
                JsonNode example = entry.has("$ref") ? raw.at(entry.get("$ref").asText().substring(1)) : entry;
                String label = "example '" + name + "'";
                if (example.has("value")) {
                    sink.accept(example.get("value"), label);
                } else {
                    failures.add(where + " " + label + ": no value to check (missing, external or a broken $ref)");
                }
            });
        }

        private void body(Kind kind, String media, JsonNode value, Schema<?> schema, String where) {
            count(kind);
            switch (kind) {
                case REQUEST_JSON, RESPONSE_JSON -> validate(value, schema, where);
                case RESPONSE_NDJSON -> ndjson(value, schema, where);
                default -> text(media, value, schema, where);
            }
        }

        private void validate(JsonNode value, Schema<?> schema, String where) {
            if (schema == null) {
                failures.add(where + ": no schema to check it against");
                return;
            }
            // the node itself: the String overload would take a JSON string for a string schema's text
            ValidationReport report = validator.validate(() -> value, schema, "example");
            for (ValidationReport.Message message : report.getMessages()) {
                if (message.getLevel() == ValidationReport.Level.ERROR) {
                    failures.add(where + ": " + describe(message));
                }
            }
        }

        /**
         * Newline-delimited JSON: a text that fits its (string) schema, whose every line is one JSON
         * object (an empty shard is an empty body).
         */
        private void ndjson(JsonNode value, Schema<?> schema, String where) {
            if (!value.isTextual()) {
                failures.add(where + ": not a text but " + value);
                return;
            }
            validate(value, schema, where);
            List<String> lines = value.asText().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                try {
                    if (!JSON.readTree(lines.get(i)).isObject()) {
                        failures.add(where + ": line " + (i + 1) + " is not a JSON object");
                    }
                } catch (JsonProcessingException e) {
                    failures.add(where + ": line " + (i + 1) + " is not JSON: " + e.getOriginalMessage());
                }
            }
        }

        /**
         * Text: a string that fits its (string) schema, so a documented empty body passes where the
         * schema allows it; CSV is never empty and has as many cells in every row as in its header.
         */
        private void text(String media, JsonNode value, Schema<?> schema, String where) {
            if (!value.isTextual()) {
                failures.add(where + ": not a text but " + value);
                return;
            }
            validate(value, schema, where);
            if (!media.equals("text/csv")) {
                return;
            }
            if (value.asText().isBlank()) {
                failures.add(where + ": an empty CSV example, not even a header row");
                return;
            }
            List<Integer> cells = Csv.cellsPerRecord(value.asText());
            for (int row = 1; row < cells.size(); row++) {
                if (!cells.get(row).equals(cells.get(0))) {
                    failures.add(where + ": row " + (row + 1) + " has " + cells.get(row) + " cells, the header "
                            + cells.get(0));
                }
            }
        }

        /** Every `example`/`examples` key of the YAML the walk did not reach (not inside example values). */
        private void unreached(JsonNode node, String at) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    unreached(node.get(i), at + "/" + i);
                }
                return;
            }
            fields(node, (key, child) -> {
                String childAt = at + "/" + escape(key);
                boolean isKeyword = (key.equals("example") || key.equals("examples")) && !at.endsWith("/properties");
                if (isKeyword) {
                    if (!reached.contains(childAt)) {
                        failures.add(childAt + ": an example the check does not reach");
                    }
                } else {
                    unreached(child, childAt);
                }
            });
        }

        private Kind kind(String media, boolean request) {
            if (media.equals("application/json") || media.endsWith("+json")) {
                return request ? Kind.REQUEST_JSON : Kind.RESPONSE_JSON;
            }
            if (media.equals("application/x-ndjson") && !request) {
                return Kind.RESPONSE_NDJSON;
            }
            return request ? Kind.REQUEST_TEXT : Kind.RESPONSE_TEXT;
        }

        private void count(Kind kind) {
            checked.merge(kind, 1, Integer::sum);
        }

        private static String describe(ValidationReport.Message message) {
            StringBuilder text = new StringBuilder(message.getMessage());
            for (ValidationReport.Message nested : message.getNestedMessages()) {
                text.append(" | ").append(describe(nested));
            }
            return text.toString();
        }

        /** RFC 6901: `~` and `/` inside a key. */
        private static String escape(String key) {
            return key.replace("~", "~0").replace("/", "~1");
        }

        private static void fields(JsonNode node, FieldVisitor visitor) {
            if (!node.isObject()) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                visitor.visit(field.getKey(), field.getValue());
            }
        }

        @FunctionalInterface
        private interface FieldVisitor {
            void visit(String key, JsonNode value);
        }

        @FunctionalInterface
        private interface ExampleSink {
            void accept(JsonNode value, String name);
        }
    }

    /** Just enough RFC 4180 to count the cells of each record (quoted commas and line breaks allowed). */
    static final class Csv {

        private Csv() {
        }

        static List<Integer> cellsPerRecord(String text) {
            List<Integer> counts = new ArrayList<>();
            int cells = 1;
            boolean quoted = false;
            boolean recordHasText = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    }
                } else if (c == '"') {
                    quoted = true;
                    recordHasText = true;
                } else if (c == ',') {
                    cells++;
                    recordHasText = true;
                } else if (c == '\n') {
                    if (recordHasText) {
                        counts.add(cells);
                    }
                    cells = 1;
                    recordHasText = false;
                } else if (c != '\r') {
                    recordHasText = true;
                }
            }
            if (recordHasText) {
                counts.add(cells);
            }
            return counts;
        }
    }

    private static JsonNode readYaml(Path path) {
        try {
            return new YAMLMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options {@link com.atlassian.oai.validator.OpenApiInteractionValidator}'s builder uses by default. */
    private static OpenAPI parseAsTheValidatorDoes(Path path) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        try {
            return new OpenApiLoader().loadApi(SpecSource.inline(Files.readString(path)), List.of(), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
