package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.Csv;
import io.parley.document.JsonInput;
import io.parley.model.CsvUpload;
import io.parley.model.JsonPointer;
import io.parley.model.SheetNumbers;
import io.parley.model.Violation;
import io.parley.plan.Actual;

/**
 * Actuals as they travel: read from an upload (JSON, or CSV from a spreadsheet, checked by the same
 * rules with pointers into the equivalent JSON), and written as JSON or as the CSV an upload takes.
 */
final class ActualsJson {

    static final List<String> CSV_COLUMNS = List.of("period", "netRevenue", "rebate", "cogs", "costToServe");

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    ActualsJson(ObjectMapper mapper, long maxBodyBytes) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Stands for a period that is missing or not a whole number (already reported); no real period reads as it. */
    private static final int UNREADABLE_PERIOD = Integer.MIN_VALUE;

    List<Actual> fromJson(JsonNode root, List<Violation> violations) {
        JsonInput in = new JsonInput(violations);
        if (!in.object(root, "", "an actuals upload", new LinkedHashSet<>(List.of("actuals")))) return List.of();
        List<JsonNode> items = in.array(in.required(root, "", "actuals"), "/actuals");
        refuseOverCap("/actuals", items.size());
        List<Actual> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/actuals", i);
            JsonNode a = items.get(i);
            if (!in.object(a, at, "a period's actuals", new LinkedHashSet<>(List.of("period", "volumes", "netRevenue",
                    "rebate", "cogs", "costToServe")))) continue;
            int period = in.requiredInteger(a, at, "period", UNREADABLE_PERIOD);
            if (period != UNREADABLE_PERIOD) {
                Actual.problemWithPeriod(period, seen).ifPresent(p -> in.fail(at + "/period", p, period));
                seen.add(period);
            }
            double nr = nonNegative(in, a, at, "netRevenue");
            double rb = nonNegative(in, a, at, "rebate");
            double cogs = nonNegative(in, a, at, "cogs");
            double cts = nonNegative(in, a, at, "costToServe");
            ObjectNode volumes = mapper.createObjectNode();
            JsonNode v = in.optional(a, "volumes");
            if (v != null) {
                if (!v.isObject()) {
                    in.fail(at + "/volumes", "must be an object of product id → units", null);
                } else {
                    for (var e : in.entries(v)) {
                        String vat = JsonPointer.child(at + "/volumes", e.getKey());
                        double units = in.number(e.getValue(), vat);
                        Actual.problemWithUnits(units).ifPresent(p -> in.fail(vat, p, units));
                        volumes.put(e.getKey(), units);
                    }
                }
            }
            out.add(new Actual(period, nr, rb, cogs, cts, volumes.toString()));
        }
        return out;
    }

    private static void refuseOverCap(String pointer, int periods) {
        if (periods > Actual.MAX_PER_UPLOAD) {
            throw Problem.overLimit(pointer, "periods (rows) in one actuals upload; upload them in parts",
                    periods, Actual.MAX_PER_UPLOAD);
        }
    }

    private static double nonNegative(JsonInput in, JsonNode a, String at, String field) {
        double v = in.requiredNumber(a, at, field);
        Actual.problemWithAmount(v).ifPresent(p -> in.fail(at + "/" + field, p, v));
        return v;
    }

    /** The charset the CSV declares; UTF-8 when it declares none. */
    static Charset charset(MediaType type) {
        String name = type.getParameters().get("charset");
        if (name == null) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Problem.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "charset '" + name + "' is not one this service reads; send the CSV as UTF-8"));
        }
    }

    /**
     * CSV: a header with period, netRevenue, rebate, cogs, costToServe and any volume:<product> columns;
     * numbers as the {@code declared} locale writes them (null: none declared).
     */
    List<Actual> fromCsv(byte[] body, Charset charset, SheetNumbers declared, List<Violation> violations) {
        if (body == null || body.length == 0 || body.length > maxBodyBytes) {
            if (body != null && body.length > 0) throw JsonBodies.tooLarge(body.length, maxBodyBytes);
            violations.add(new Violation("", "the CSV has no header row", null));
            return List.of();
        }
        CsvUpload csv = CsvUpload.parse(new String(body, charset), declared);
        List<String> header = csv.header;
        for (String required : CSV_COLUMNS) {
            if (!header.contains(required)) violations.add(new Violation("line 1", "the header has no '" + required
                    + "' column; it needs " + String.join(", ", CSV_COLUMNS) + " and optionally volume:<product id> columns", null));
        }
        for (String h : header) {
            if (!CSV_COLUMNS.contains(h) && !h.startsWith("volume:")) {
                violations.add(new Violation("line 1", "unknown column '" + h + "'", h));
            }
        }
        if (!violations.isEmpty()) return List.of();
        ObjectNode upload = mapper.createObjectNode();
        ArrayNode rows = upload.putArray("actuals");
        refuseOverCap("", csv.rows.size());
        for (CsvUpload.Row line : csv.rows) {
            List<String> cells = line.cells();
            if (cells.size() != header.size()) {
                violations.add(new Violation("line " + line.line(), "has " + cells.size() + " cells; the header has " + header.size(), null));
                continue;
            }
            ObjectNode row = rows.addObject();
            ObjectNode volumes = mapper.createObjectNode();
            for (int c = 0; c < header.size(); c++) {
                String cell = cells.get(c);
                Double number;
                try {
                    number = csv.number(cell);
                } catch (SheetNumbers.AmbiguousNumberException e) {
                    violations.add(new Violation("line " + line.line(), header.get(c) + ": " + e.getMessage(), cell));
                    continue;
                }
                JsonNode value = number != null ? mapper.getNodeFactory().numberNode(number) : mapper.getNodeFactory().textNode(cell);
                // an empty volume cell is a product not reported that period, as in a spreadsheet
                if (header.get(c).startsWith("volume:")) {
                    if (!cell.isEmpty()) volumes.set(header.get(c).substring(7), value);
                } else {
                    row.set(header.get(c), value);
                }
            }
            if (!volumes.isEmpty()) row.set("volumes", volumes);
        }
        if (!violations.isEmpty()) return List.of();
        // the same rules as JSON, pointers into the equivalent JSON (row k is /actuals/k-1, line k+1)
        return fromJson(upload, violations);
    }

    ObjectNode list(long planId, List<Actual> actuals) {
        ObjectNode out = mapper.createObjectNode().put("planId", planId);
        ArrayNode list = out.putArray("actuals");
        for (Actual a : actuals) {
            ObjectNode o = list.addObject().put("period", a.period()).put("netRevenue", a.netRevenue())
                    .put("rebate", a.rebate()).put("cogs", a.cogs()).put("costToServe", a.costToServe());
            o.set("volumes", read(a.volumes()));
        }
        return out;
    }

    /** The actuals as the CSV an upload takes, so a spreadsheet can round-trip them. */
    String csv(List<Actual> actuals) {
        List<JsonNode> volumes = actuals.stream().map(a -> read(a.volumes())).toList();
        Set<String> products = new LinkedHashSet<>();
        volumes.forEach(v -> v.fieldNames().forEachRemaining(products::add));
        StringBuilder out = new StringBuilder();
        List<Object> header = new ArrayList<>(CSV_COLUMNS);
        products.forEach(p -> header.add("volume:" + p));
        Csv.cells(out, header.toArray());
        for (int i = 0; i < actuals.size(); i++) {
            Actual a = actuals.get(i);
            List<Object> row = new ArrayList<>(List.of(String.valueOf(a.period()), a.netRevenue(), a.rebate(), a.cogs(),
                    a.costToServe()));
            for (String p : products) row.add(volumes.get(i).has(p) ? volumes.get(i).get(p).asDouble() : Double.NaN);
            Csv.cells(out, row.toArray());
        }
        return out.toString();
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
