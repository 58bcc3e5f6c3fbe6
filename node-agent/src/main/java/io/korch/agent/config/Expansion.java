package io.korch.agent.config;

import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR)} references in env values, commands and args: a defined name is replaced by its
 * value, an undefined one is left as written, {@code $$} is one {@code $}, and every other {@code $} stays.
 * Pure; the rules of {@code third_party/forked/golang/expansion}.
 */
public final class Expansion {

    private Expansion() {
    }

    /**
     * {@code input} with its references replaced through {@code lookup}, which answers null for an undefined
     * name.
     */
    public static String expand(String input, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 >= input.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    out.append("$(");
                    i += 2;
                } else {
                    String name = input.substring(i + 2, close);
                    String value = lookup.apply(name);
                    out.append(value != null ? value : "$(" + name + ")");
                    i = close + 1;
                }
            } else {
                out.append('$').append(next);
                i += 2;
            }
        }
        return out.toString();
    }
}
