package io.korch.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.output.jsonpath.GoValues;
import io.korch.cli.output.jsonpath.JsonPath;
import io.korch.cli.output.jsonpath.JsonPathException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image}: one column per
 * {@code HEADER:PATH}, each path a relaxed JSONPath ({@code .a.b}, {@code a.b}, {@code {.a.b}}).
 * A cell joins the values found with commas, or shows {@code <none>}; headers stay as written.
 * Columns are aligned as kubectl's tab writer aligns them, three spaces apart.
 */
public final class CustomColumns {

    private static final Pattern RELAXED_PATH = Pattern.compile("^\\{\\.?([^{}]+)}$|^\\.?([^{}]+)$");

    /** One column: its header and the path of its values. */
    private record Column(String header, JsonPath path) {
    }

    private final List<Column> columns;

    private CustomColumns(List<Column> columns) {
        this.columns = columns;
    }

    /**
     * Reads a spec such as {@code NAME:.metadata.name,NODE:.spec.nodeName}.
     *
     * @throws IllegalArgumentException with kubectl's message when the spec is empty or malformed
     */
    public static CustomColumns parse(String spec) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("custom-columns format specified but no custom columns given");
        }
        List<Column> columns = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("unexpected custom-columns spec: " + part
                        + ", expected <header>:<json-path-expr>");
            }
            String path = relaxed(part.substring(colon + 1));
            try {
                columns.add(new Column(part.substring(0, colon), JsonPath.parse(path)));
            } catch (JsonPathException e) {
                throw new IllegalArgumentException("error parsing jsonpath " + path + ", " + e.getMessage());
            }
        }
        return new CustomColumns(List.copyOf(columns));
    }

    /** {@code {.a.b}} for {@code a.b}, {@code .a.b}, {@code {a.b}} or {@code {.a.b}}. */
    static String relaxed(String path) {
        if (path.isEmpty()) {
            return path;
        }
        Matcher matcher = RELAXED_PATH.matcher(path);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unexpected path string, expected a 'name1.name2' or '.name1.name2'"
                    + " or '{name1.name2}' or '{.name1.name2}'");
        }
        return "{." + (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)) + "}";
    }

    /** The header line (unless {@code withHeader} is false) and one line per object, aligned. */
    public String render(List<JsonNode> objects, boolean withHeader) {
        StringBuilder text = new StringBuilder();
        if (withHeader) {
            StringJoiner line = new StringJoiner("\t", "", "\n");
            columns.forEach(column -> line.add(column.header()));
            text.append(line);
        }
        for (JsonNode object : objects) {
            StringJoiner line = new StringJoiner("\t", "", "\n");
            for (Column column : columns) {
                line.add(cell(column, object));
            }
            text.append(line);
        }
        return new TabWriter(3).align(text.toString());
    }

    private static String cell(Column column, JsonNode object) {
        List<List<JsonNode>> results;
        try {
            results = column.path().findResults(object);
        } catch (JsonPathException e) {
            throw new IllegalArgumentException("error executing jsonpath for column " + column.header() + ": "
                    + e.getMessage());
        }
        List<String> values = new ArrayList<>();
        for (List<JsonNode> result : results) {
            result.forEach(value -> values.add(GoValues.text(value)));
        }
        return values.isEmpty() ? "<none>" : String.join(",", values);
    }
}
