/**
 * Who calls and what they may do: roles and permissions, the access rule of every path, API key
 * secrets and their hashes, the caller of the current request and per-caller quotas. The rules are
 * plain Java with unit tests; the HTTP filter that applies them is api/Authentication.
 */
package io.parley.identity;
