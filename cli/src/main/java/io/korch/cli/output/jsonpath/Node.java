package io.korch.cli.output.jsonpath;

import java.util.List;

/**
 * One element of a parsed JSONPath template, as Kubernetes' {@code util/jsonpath} parser produces
 * them: text, the steps of an action ({@code .field}, {@code [0:2]}, {@code [*]}, {@code ..},
 * {@code [?(@.a=="x")]}, {@code ['a','b']}), literals and the {@code range}/{@code end} keywords.
 */
sealed interface Node {

    /** Steps applied one after another: an action between braces, or one side of a filter. */
    record Steps(List<Node> nodes) implements Node {
    }

    /** Literal text, outside braces or quoted inside them; evaluates to itself. */
    record Text(String text) implements Node {
    }

    /** {@code .name}: the field of each object. */
    record Field(String name) implements Node {
    }

    /** {@code .*}: every value of each object, every element of each array. */
    record Wildcard() implements Node {
    }

    /** {@code ..}: each value and everything nested in it. */
    record Recursive() implements Node {
    }

    /**
     * {@code [start:end:step]}; a bound that is not known takes its default when evaluated.
     *
     * @param endDerived whether the end was derived from a single index ({@code [n]} is {@code [n:n+1]})
     */
    record Slice(Integer start, Integer end, boolean endDerived, Integer step) implements Node {
    }

    /** {@code [a,b]}: the results of each alternative, one after another. */
    record Union(List<Steps> alternatives) implements Node {
    }

    /** {@code [?(left OP right)]}, or {@code [?(left)]} with operator {@code exists}. */
    record Filter(Steps left, Steps right, String operator) implements Node {
    }

    /** An integer, decimal or boolean literal. */
    record Literal(Object value) implements Node {
    }

    /** {@code range} or {@code end}. */
    record Keyword(String name) implements Node {
    }
}
