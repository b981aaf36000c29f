/** A master-agreement scenario as immutable values, its validation rules and lever paths; no framework imports. */
package io.parley.model;
