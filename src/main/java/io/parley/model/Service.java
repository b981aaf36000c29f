package io.parley.model;

/** An extra included in the deal: costs the supplier {@code costPerYear}, worth {@code valuePerYear} to the customer. */
public record Service(String id, double costPerYear, double valuePerYear) {
}
