package io.parley.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query parameters a resource method takes, as the contract lists them for its operation; a
 * method without this annotation takes none. {@link KnownQueryParameters} answers any other with a
 * 400 (a misspelt parameter is an error, not silently ignored); the spreadsheet link
 * ({@code ?link=}) is a credential, vetted by {@link Authentication}, and passes everywhere.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface QueryParameters {

    /** The names the operation takes, in the contract's order. */
    String[] value() default {};

    /**
     * True for a public read whose answer no query can change, so whatever a browser, cache or
     * monitor appends is ignored rather than refused.
     */
    boolean othersIgnored() default false;
}
