package io.parley.plan;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which plans a list shows, in which order, and which page of them.
 *
 * @param filter     what the list keeps
 * @param sort       the order, ties broken by id
 * @param descending whether the order is reversed
 * @param page       0-based page number
 * @param size       plans per page, 1 to {@link #MAX_PAGE_SIZE}
 */
public record PlanQuery(Filter filter, Sort sort, boolean descending, int page, int size) {

    /** Plans per page when the caller does not say: a screenful. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** The largest page: a list is for browsing; an export of every plan is another operation. */
    public static final int MAX_PAGE_SIZE = 200;

    public PlanQuery {
        if (page < 0) throw new IllegalArgumentException("page " + page + " is negative");
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size " + size + " is not within 1–" + MAX_PAGE_SIZE);
        }
    }

    /**
     * What a list keeps; null parts keep everything. {@code account} and {@code owner} are whole names
     * and {@code search} a part of the account's name, all ignoring case, alike on every store.
     */
    public record Filter(String account, String owner, PlanStatus status, LocalDate nextReviewBefore, String search) {
    }

    /** The orders a list can take. */
    public enum Sort {
        ACCOUNT("account"), OWNER("owner"), STATUS("status"), NEXT_REVIEW("nextReview"), UPDATED_AT("updatedAt");

        public final String apiName;

        Sort(String apiName) {
            this.apiName = apiName;
        }

        public static Optional<Sort> byName(String apiName) {
            return Arrays.stream(values()).filter(s -> s.apiName.equals(apiName)).findFirst();
        }

        /** Every order a list takes by name: each field, and each field reversed with a leading '-'. */
        public static List<String> names() {
            return Arrays.stream(values()).flatMap(s -> List.of(s.apiName, "-" + s.apiName).stream()).toList();
        }
    }
}
