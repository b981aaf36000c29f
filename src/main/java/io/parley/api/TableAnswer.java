package io.parley.api;

/** An answer that is one table: written as JSON, or as CSV when the client asks for it. */
interface TableAnswer {

    /** The table as CSV rows, header first. */
    String csv();

    Provenance provenance();
}
