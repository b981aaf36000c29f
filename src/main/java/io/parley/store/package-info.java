/** Persistence of account plans: entities and repositories, the only place that knows JPA. */
package io.parley.store;
