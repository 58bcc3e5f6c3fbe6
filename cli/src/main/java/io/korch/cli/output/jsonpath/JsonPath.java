package io.korch.cli.output.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Kubernetes JSONPath template, as {@code kubectl -o jsonpath=...} and custom columns take it:
 * {@code {.items[*].metadata.name}}, {@code {range .items[*]}{.metadata.name}{"\n"}{end}},
 * {@code {.status.conditions[?(@.type=="Ready")].status}}.
 *
 * <p>{@link #parse} reads the template ({@link Parser}) and nests each {@code range ... end}
 * around its body. {@link #findResults} runs it on a JSON value: each text and each action yields
 * a list of values, each iteration of a range yields its body's lists again. Missing fields yield
 * nothing, as with kubectl's default {@code --allow-missing-template-keys=true}; indexing out of
 * bounds, or indexing what is not an array, fails. {@link #execute} prints the lists as kubectl
 * does. Instances are immutable.
 */
public final class JsonPath {

    /** A top-level piece of a template. */
    private sealed interface Part {
    }

    private record TextPart(String text) implements Part {
    }

    private record ActionPart(Node.Steps steps) implements Part {
    }

    private record RangePart(Node.Steps over, List<Part> body) implements Part {
    }

    private final String template;
    private final List<Part> parts;

    private JsonPath(String template, List<Part> parts) {
        this.template = template;
        this.parts = parts;
    }

    /** The template as written. */
    public String template() {
        return template;
    }

    /**
     * Reads {@code template}.
     *
     * @throws JsonPathException with the parser's message when it is not a valid template
     */
    public static JsonPath parse(String template) {
        Deque<List<Part>> open = new ArrayDeque<>();
        Deque<Node.Steps> ranges = new ArrayDeque<>();
        List<Part> current = new ArrayList<>();
        for (Node node : Parser.parse(template)) {
            if (node instanceof Node.Text text) {
                current.add(new TextPart(text.text()));
                continue;
            }
            Node.Steps steps = (Node.Steps) node;
            if (startsWith(steps, "range")) {
                open.push(current);
                ranges.push(new Node.Steps(steps.nodes().subList(1, steps.nodes().size())));
                current = new ArrayList<>();
            } else if (startsWith(steps, "end")) {
                if (open.isEmpty()) {
                    throw new JsonPathException("not in range, nothing to end");
                }
                List<Part> body = current;
                current = open.pop();
                current.add(new RangePart(ranges.pop(), List.copyOf(body)));
            } else {
                current.add(new ActionPart(steps));
            }
        }
        while (!open.isEmpty()) {
            List<Part> body = current;
            current = open.pop();
            current.add(new RangePart(ranges.pop(), List.copyOf(body)));
        }
        return new JsonPath(template, List.copyOf(current));
    }

    private static boolean startsWith(Node.Steps steps, String keyword) {
        return !steps.nodes().isEmpty() && steps.nodes().get(0) instanceof Node.Keyword word && word.name().equals(keyword);
    }

    /**
     * The values each text and action of the template yields on {@code data}, in order.
     *
     * @throws JsonPathException when an index is out of bounds or a step does not apply to a value
     */
    public List<List<JsonNode>> findResults(JsonNode data) {
        List<List<JsonNode>> results = new ArrayList<>();
        run(parts, data, results);
        return results;
    }

    /**
     * The template's output on {@code data} as kubectl prints it: the values of one action
     * separated by spaces, strings as they are, objects and arrays as compact JSON.
     *
     * @throws JsonPathException as {@link #findResults}
     */
    public String execute(JsonNode data) {
        StringBuilder out = new StringBuilder();
        for (List<JsonNode> values : findResults(data)) {
            for (int i = 0; i < values.size(); i++) {
                JsonNode value = values.get(i);
                out.append(value.isContainerNode() ? GoValues.json(value) : GoValues.text(value));
                if (i < values.size() - 1) {
                    out.append(' ');
                }
            }
        }
        return out.toString();
    }

    private static void run(List<Part> parts, JsonNode data, List<List<JsonNode>> results) {
        for (Part part : parts) {
            if (part instanceof TextPart text) {
                results.add(List.of(TextNode.valueOf(text.text())));
            } else if (part instanceof ActionPart action) {
                results.add(steps(List.of(data), action.steps()));
            } else if (part instanceof RangePart range) {
                for (JsonNode value : steps(List.of(data), range.over())) {
                    run(range.body(), value, results);
                }
            }
        }
    }

    private static List<JsonNode> steps(List<JsonNode> input, Node.Steps steps) {
        List<JsonNode> values = input;
        for (Node node : steps.nodes()) {
            values = step(values, node);
        }
        return values;
    }

    private static List<JsonNode> step(List<JsonNode> input, Node node) {
        if (node instanceof Node.Steps steps) {
            return steps(input, steps);
        }
        if (node instanceof Node.Text text) {
            return List.of(TextNode.valueOf(text.text()));
        }
        if (node instanceof Node.Field field) {
            return field(input, field.name());
        }
        if (node instanceof Node.Wildcard) {
            return children(input);
        }
        if (node instanceof Node.Recursive) {
            return recursive(input);
        }
        if (node instanceof Node.Slice slice) {
            return slice(input, slice);
        }
        if (node instanceof Node.Union union) {
            List<JsonNode> values = new ArrayList<>();
            union.alternatives().forEach(alternative -> values.addAll(steps(input, alternative)));
            return values;
        }
        if (node instanceof Node.Filter filter) {
            return filter(input, filter);
        }
        if (node instanceof Node.Literal literal) {
            return input.stream().map(ignored -> literal(literal.value())).toList();
        }
        String keyword = ((Node.Keyword) node).name();
        return switch (keyword) {
            case "range" -> input;
            case "end" -> throw new JsonPathException("not in range, nothing to end");
            default -> throw new JsonPathException("unrecognized identifier " + keyword);
        };
    }

    private static List<JsonNode> field(List<JsonNode> input, String name) {
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode value : input) {
            if (value.isObject() && value.has(name)) {
                values.add(value.get(name));
            }
        }
        return values;
    }

    private static List<JsonNode> children(List<JsonNode> input) {
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode value : input) {
            if (value.isContainerNode()) {
                value.elements().forEachRemaining(values::add);
            }
        }
        return values;
    }

    /** Each value that has children, followed by everything below it, depth first. */
    private static List<JsonNode> recursive(List<JsonNode> input) {
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode value : input) {
            if (value.isContainerNode() && !value.isEmpty()) {
                values.add(value);
                List<JsonNode> children = new ArrayList<>();
                value.elements().forEachRemaining(children::add);
                values.addAll(recursive(children));
            }
        }
        return values;
    }

    private static List<JsonNode> slice(List<JsonNode> input, Node.Slice slice) {
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode value : input) {
            if (value.isNull()) {
                continue;
            }
            if (!value.isArray()) {
                throw new JsonPathException(goType(value) + " is not array or slice");
            }
            int length = value.size();
            int start = slice.start() == null ? 0 : slice.start();
            if (start < 0) {
                start += length;
            }
            int end = slice.end() == null ? length : slice.end();
            if (end < 0 || (end == 0 && slice.endDerived())) {
                end += length;
            }
            if (start == end) {
                return values;
            }
            if (start >= length || start < 0) {
                throw new JsonPathException("array index out of bounds: index " + start + ", length " + length);
            }
            if (end > length || end < 0) {
                throw new JsonPathException("array index out of bounds: index " + (end - 1) + ", length " + length);
            }
            if (start > end) {
                throw new JsonPathException("starting index " + start + " is greater than ending index " + end);
            }
            int step = 1;
            if (slice.step() != null) {
                if (slice.step() <= 0) {
                    throw new JsonPathException("step must be > 0");
                }
                step = slice.step();
            }
            for (int i = start; i < end; i += step) {
                values.add(value.get(i));
            }
        }
        return values;
    }

    private static List<JsonNode> filter(List<JsonNode> input, Node.Filter filter) {
        List<JsonNode> values = new ArrayList<>();
        for (JsonNode value : input) {
            if (!value.isArray()) {
                throw new JsonPathException(GoValues.text(value) + " is not array or slice and cannot be filtered");
            }
            for (Iterator<JsonNode> elements = value.elements(); elements.hasNext(); ) {
                JsonNode element = elements.next();
                List<JsonNode> lefts = steps(List.of(element), filter.left());
                if (filter.operator().equals("exists")) {
                    if (!lefts.isEmpty()) {
                        values.add(element);
                    }
                    continue;
                }
                List<JsonNode> rights = lefts.isEmpty() ? List.of() : steps(List.of(element), filter.right());
                if (lefts.isEmpty() || rights.isEmpty()) {
                    continue;
                }
                if (lefts.size() > 1 || rights.size() > 1) {
                    throw new JsonPathException("can only compare one element at a time");
                }
                if (passes(lefts.get(0), filter.operator(), rights.get(0))) {
                    values.add(element);
                }
            }
        }
        return values;
    }

    /** Go template comparison of two basic values: numbers with numbers, strings with strings, booleans by equality. */
    private static boolean passes(JsonNode left, String operator, JsonNode right) {
        if (operator.equals("=~")) {
            if (!left.isTextual() || !right.isTextual()) {
                throw new JsonPathException("regexp search only support string now but getting pattern: "
                        + GoValues.text(right) + ", data: " + GoValues.text(left));
            }
            try {
                return Pattern.compile(right.textValue()).matcher(left.textValue()).find();
            } catch (PatternSyntaxException e) {
                throw new JsonPathException("error parsing regexp: " + e.getDescription());
            }
        }
        int order;
        if (left.isIntegralNumber() && right.isIntegralNumber()) {
            order = Long.compare(left.longValue(), right.longValue());
        } else if (left.isFloatingPointNumber() && right.isFloatingPointNumber()) {
            order = Double.compare(left.doubleValue(), right.doubleValue());
        } else if (left.isTextual() && right.isTextual()) {
            order = left.textValue().compareTo(right.textValue());
        } else if (left.isBoolean() && right.isBoolean() && (operator.equals("==") || operator.equals("!="))) {
            order = left.booleanValue() == right.booleanValue() ? 0 : 1;
        } else if (isBasic(left) && isBasic(right)) {
            throw new JsonPathException("incompatible types for comparison");
        } else {
            throw new JsonPathException("invalid type for comparison");
        }
        return switch (operator) {
            case "==" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            case ">=" -> order >= 0;
            default -> throw new JsonPathException("unrecognized filter operator " + operator);
        };
    }

    private static boolean isBasic(JsonNode value) {
        return value.isNumber() || value.isTextual() || value.isBoolean();
    }

    private static JsonNode literal(Object value) {
        if (value instanceof Long number) {
            return LongNode.valueOf(number);
        }
        if (value instanceof Double number) {
            return DoubleNode.valueOf(number);
        }
        return BooleanNode.valueOf((Boolean) value);
    }

    /** The Go type kubectl names in its messages for a decoded JSON value. */
    private static String goType(JsonNode value) {
        if (value.isObject()) {
            return "map[string]interface {}";
        }
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "int64";
        }
        if (value.isNumber()) {
            return "float64";
        }
        return value.isBoolean() ? "bool" : "interface {}";
    }
}
