package io.korch.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command-line options of a benchmark: {@code --name value} or {@code --name=value}, each
 * a positive integer. An unknown option, a missing value or a value that is not a positive integer
 * is refused with a message naming it.
 */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    private Args() {
    }

    /**
     * Reads {@code args}, accepting only the options named in {@code known} (without {@code --}).
     *
     * @throws IllegalArgumentException naming the offending argument
     */
    static Args parse(String[] args, Set<String> known) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + arg + "\"; options are --" + String.join(", --", known));
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; options are --" + String.join(", --", known));
            }
            parsed.values.put(name, value);
        }
        return parsed;
    }

    /** The option's value, or {@code fallback} when it was not given. */
    int positiveInt(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (parsed < 1) {
                throw new IllegalArgumentException("--" + name + " must be positive: " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a whole number: " + value, e);
        }
    }

    /** The option's value as given, or {@code fallback} when it was not given. */
    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Like {@link #positiveInt} but 0 is allowed too. */
    int nonNegativeInt(String name, int fallback) {
        String value = values.get(name);
        if ("0".equals(value)) {
            return 0;
        }
        return positiveInt(name, fallback);
    }
}
