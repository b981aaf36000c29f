/**
 * The domain's documents and their formats: the scenario and account-plan JSON that requests, stored
 * plans, jobs and the scenarios/ fixtures all share, the readers of analysis requests built on them
 * (every problem found at once, each with its JSON pointer), the canonical form and hash that name a
 * request, and the CSV forms of the tables. Jackson is the one library here; no HTTP (the shell in
 * api/ turns the exceptions thrown here into problem documents), no store, no configuration.
 */
package io.parley.document;
