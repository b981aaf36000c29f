package io.parley.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Every business method of a class so marked runs in a span of its own, named {@code parley.<method>}
 * (parley.tornado, parley.optimize, ...): one span per analysis and per solve, inside the HTTP span.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Traced {
}
