package io.korch.cli.output;

import io.korch.cli.output.jsonpath.JsonPath;
import io.korch.cli.output.jsonpath.JsonPathException;

/**
 * The value of {@code korch get -o}, as kubectl reads it: {@code wide}, {@code json},
 * {@code yaml}, {@code name}, {@code jsonpath=TEMPLATE} or {@code custom-columns=SPEC}, the
 * template parsed up front so a bad one fails before any request.
 *
 * @param format        the format; null for the default table
 * @param jsonPath      the template of {@code jsonpath=}, else null
 * @param customColumns the columns of {@code custom-columns=}, else null
 */
public record OutputOption(OutputFormat format, JsonPath jsonPath, CustomColumns customColumns) {

    private static final String ALLOWED = "custom-columns,json,jsonpath,name,wide,yaml";

    /** The default table. */
    public static final OutputOption TABLE = new OutputOption(null, null, null);

    /**
     * Reads an {@code -o} value; null stands for the default table.
     *
     * @throws IllegalArgumentException with kubectl's message for an unknown format or a bad template
     */
    public static OutputOption parse(String value) {
        if (value == null || value.isEmpty()) {
            return TABLE;
        }
        int equals = value.indexOf('=');
        String name = equals < 0 ? value : value.substring(0, equals);
        String argument = equals < 0 ? null : value.substring(equals + 1);
        switch (name) {
            case "wide", "json", "yaml", "name" -> {
                if (argument != null) {
                    throw unknown(value);
                }
                return new OutputOption(OutputFormat.valueOf(name), null, null);
            }
            case "jsonpath" -> {
                if (argument == null || argument.isEmpty()) {
                    throw new IllegalArgumentException("template format specified but no template given");
                }
                try {
                    return new OutputOption(OutputFormat.jsonpath, JsonPath.parse(argument), null);
                } catch (JsonPathException e) {
                    throw new IllegalArgumentException("error parsing jsonpath " + argument + ", " + e.getMessage());
                }
            }
            case "custom-columns" -> {
                return new OutputOption(OutputFormat.customColumns, null,
                        CustomColumns.parse(argument == null ? "" : argument));
            }
            default -> throw unknown(value);
        }
    }

    private static IllegalArgumentException unknown(String value) {
        return new IllegalArgumentException("unable to match a printer suitable for the output format \"" + value
                + "\", allowed formats are: " + ALLOWED);
    }

    /** Whether this is {@code -o wide}. */
    public boolean wide() {
        return format == OutputFormat.wide;
    }

    /** Whether this is the table of kubectl's columns, normal or wide. */
    public boolean table() {
        return format == null || format == OutputFormat.wide;
    }

    /** Whether a list is printed as one document (JSON, YAML or a JSONPath over the {@code List}). */
    public boolean document() {
        return format == OutputFormat.json || format == OutputFormat.yaml || format == OutputFormat.jsonpath;
    }
}
