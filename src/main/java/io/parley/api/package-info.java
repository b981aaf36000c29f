/** The thin REST shell: resources, JSON and CSV forms of the core's values, and RFC 9457 problems. */
package io.parley.api;
