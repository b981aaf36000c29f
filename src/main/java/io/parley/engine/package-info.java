/** A scenario compiled to flat arrays and evaluated without allocation; the result tables. No framework imports. */
package io.parley.engine;
