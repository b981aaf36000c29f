package io.parley.document;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The plan-versus-actual read as one CSV table at a time, long format (a row per figure), so a
 * spreadsheet can filter and pivot it: {@code periods}, {@code years} (with the year to date as
 * year {@code toDate}), {@code volumes} (with each product's sum as period {@code toDate}) or
 * {@code targets}. Written from the JSON answer, so the two never disagree.
 */
public final class VarianceCsv {

    public static final List<String> TABLES = List.of("periods", "years", "volumes", "targets");
    private static final List<String> FIGURES = List.of("netRevenue", "rebate", "cogs", "costToServe", "marginAfterCostToServe");

    private VarianceCsv() {
    }

    public static String table(JsonNode variance, String table) {
        StringBuilder out = new StringBuilder();
        switch (table) {
            case "years" -> {
                Csv.cells(out, "year", "figure", "planned", "actual", "variance", "relative");
                for (JsonNode y : variance.get("years")) figures(out, y.get("figures"), y.get("year").asText());
                figures(out, variance.get("yearToDate"), "toDate");
            }
            case "volumes" -> {
                Csv.cells(out, "product", "period", "planned", "actual", "variance", "relative");
                for (JsonNode p : variance.get("volumes").get("products")) {
                    String product = p.get("product").asText();
                    for (JsonNode c : p.get("periods")) cells(out, c, product, c.get("period").asText());
                    cells(out, p.get("toDate"), product, "toDate");
                }
            }
            case "targets" -> {
                Csv.cells(out, "year", "monthsInAgreement", "monthsWithActuals", "revenueTarget", "revenueTargetToDate",
                        "revenuePlannedToDate", "revenueActual", "revenueVariance", "revenueRelative", "revenuePlannedForYear",
                        "marginPctTarget", "marginPctPlannedToDate", "marginPctActual", "marginPctVariance");
                for (JsonNode y : variance.get("targets").get("years")) {
                    JsonNode r = y.get("revenue");
                    JsonNode m = y.get("marginPct");
                    Csv.cells(out, y.get("year").asText(), y.get("monthsInAgreement").asText(), y.get("monthsWithActuals").asText(),
                            number(r, "target"), number(r, "targetToDate"), number(r, "plannedToDate"), number(r, "actual"),
                            number(r, "variance"), number(r, "relative"), number(r, "plannedForYear"), number(m, "target"),
                            number(m, "plannedToDate"), number(m, "actual"), number(m, "variance"));
                }
            }
            default -> {
                Csv.cells(out, "period", "year", "figure", "planned", "actual", "variance", "relative");
                for (JsonNode p : variance.get("periods")) {
                    for (String f : FIGURES) {
                        JsonNode c = p.get("figures").get(f);
                        Csv.cells(out, p.get("period").asText(), p.get("year").asText(), f, number(c, "planned"),
                                number(c, "actual"), number(c, "variance"), number(c, "relative"));
                    }
                }
            }
        }
        return out.toString();
    }

    private static void figures(StringBuilder out, JsonNode figures, String year) {
        for (String f : FIGURES) {
            JsonNode c = figures.get(f);
            Csv.cells(out, year, f, number(c, "planned"), number(c, "actual"), number(c, "variance"), number(c, "relative"));
        }
    }

    private static void cells(StringBuilder out, JsonNode c, String first, String second) {
        Csv.cells(out, first, second, number(c, "planned"), number(c, "actual"), number(c, "variance"), number(c, "relative"));
    }

    /** A JSON number as a CSV number; null is an empty cell. */
    private static Double number(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }
}
