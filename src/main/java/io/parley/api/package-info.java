/**
 * The thin REST shell: resources, their answer records, content negotiation (JSON, CSV, NDJSON
 * streams), authentication, admission of heavy work, and RFC 9457 problems. The documents a request
 * carries are read by {@code io.parley.document}; the service's settings are {@code ops/ParleyConfig}.
 */
package io.parley.api;
