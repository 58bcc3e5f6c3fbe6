package io.korch.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scrape of a {@code /metrics} endpoint, parsed strictly as the Prometheus text exposition
 * format 0.0.4, for tests: {@code PrometheusText.scrape(url).sum("korch_x_total", Map.of("verb", "list"))}.
 *
 * <p>Parsing fails, naming the line, on anything a Prometheus server would reject or that breaks
 * the format's rules: a malformed name, label or value, a {@code TYPE} other than the five, a
 * second {@code TYPE} for a family, a sample outside the family its {@code TYPE} announced (a
 * histogram's samples are {@code _bucket} with {@code le}, {@code _sum} and {@code _count}), the
 * same series twice, or text not ending in a newline.
 */
public final class PrometheusText {

    /** One sample line: a series and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> types;
    private final List<Sample> samples;

    private PrometheusText(Map<String, String> types, List<Sample> samples) {
        this.types = types;
        this.samples = samples;
    }

    /**
     * GETs {@code url} and parses the answer.
     *
     * @throws AssertionError when the answer is not 200 with a {@code text/plain} body
     * @throws IllegalArgumentException when the body breaks the format
     */
    public static PrometheusText scrape(String url) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot scrape " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted scraping " + url, e);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !contentType.startsWith("text/plain")) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode() + " (" + contentType + "): "
                    + response.body());
        }
        return parse(response.body());
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the first line that breaks the format
     */
    public static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a newline");
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        Set<String> series = new HashSet<>();
        String family = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            try {
                if (line.startsWith("#")) {
                    String[] words = line.split(" ", 4);
                    if (words.length >= 3 && words[1].equals("TYPE")) {
                        requireName(words[2]);
                        String type = words.length == 4 ? words[3] : "";
                        if (!TYPES.contains(type)) {
                            throw new IllegalArgumentException("unknown type '" + type + "'");
                        }
                        if (types.putIfAbsent(words[2], type) != null) {
                            throw new IllegalArgumentException("a second TYPE for " + words[2]);
                        }
                        family = words[2];
                    } else if (words.length >= 3 && words[1].equals("HELP")) {
                        requireName(words[2]);
                    }
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                Sample sample = sample(line);
                requireInFamily(sample, family, family == null ? null : types.get(family));
                if (!series.add(sample.name() + sample.labels())) {
                    throw new IllegalArgumentException("the series " + sample.name() + sample.labels() + " twice");
                }
                samples.add(sample);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " '" + line + "': " + e.getMessage(), e);
            }
        }
        return new PrometheusText(types, List.copyOf(samples));
    }

    /** The TYPE of {@code family}, or null when it has none. */
    public String type(String family) {
        return types.get(family);
    }

    /** The samples named {@code name}, in their order. */
    public List<Sample> samples(String name) {
        return samples.stream().filter(sample -> sample.name().equals(name)).toList();
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels}; 0 when there is none. */
    public double sum(String name, Map<String, String> labels) {
        return samples(name).stream()
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    /** Whether a sample named {@code name} has labels including {@code labels}. */
    public boolean has(String name, Map<String, String> labels) {
        return samples(name).stream().anyMatch(sample -> sample.labels().entrySet().containsAll(labels.entrySet()));
    }

    private static void requireInFamily(Sample sample, String family, String type) {
        if (family == null) {
            throw new IllegalArgumentException("a sample before any TYPE");
        }
        String name = sample.name();
        boolean fits = switch (type) {
            case "histogram" -> name.equals(family + "_bucket") && sample.labels().containsKey("le")
                    || name.equals(family + "_sum") || name.equals(family + "_count");
            case "summary" -> name.equals(family) && sample.labels().containsKey("quantile")
                    || name.equals(family + "_sum") || name.equals(family + "_count");
            default -> name.equals(family);
        };
        if (!fits) {
            throw new IllegalArgumentException("the sample does not belong to the " + type + " " + family);
        }
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("no value");
        }
        Map<String, String> labels = new HashMap<>();
        String name;
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            rest = labels(line, brace + 1, labels);
            if (rest >= line.length() || line.charAt(rest) != ' ') {
                throw new IllegalArgumentException("no space after the labels");
            }
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        requireName(name);
        String[] valueAndTime = line.substring(rest + 1).split(" ");
        if (valueAndTime.length > 2 || valueAndTime[0].isEmpty()) {
            throw new IllegalArgumentException("expected a value and at most a timestamp");
        }
        if (valueAndTime.length == 2) {
            Long.parseLong(valueAndTime[1]);
        }
        return new Sample(name, Map.copyOf(labels), value(valueAndTime[0]));
    }

    /** Reads {@code a="x",b="y"}} from {@code from}; returns the index after the closing brace. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (true) {
            if (i < line.length() && line.charAt(i) == '}') {
                return i + 1;
            }
            int equals = line.indexOf('=', i);
            if (equals < 0) {
                throw new IllegalArgumentException("a label without a value");
            }
            String label = line.substring(i, equals);
            if (!LABEL_NAME.matcher(label).matches()) {
                throw new IllegalArgumentException("bad label name '" + label + "'");
            }
            if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("the value of " + label + " is not quoted");
            }
            StringBuilder value = new StringBuilder();
            int j = equals + 2;
            while (true) {
                if (j >= line.length()) {
                    throw new IllegalArgumentException("the value of " + label + " is not closed");
                }
                char c = line.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char escaped = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException("bad escape in the value of " + label);
                    }
                    j += 2;
                } else {
                    value.append(c);
                    j++;
                }
            }
            if (labels.put(label, value.toString()) != null) {
                throw new IllegalArgumentException("the label " + label + " twice");
            }
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            } else if (i >= line.length() || line.charAt(i) != '}') {
                throw new IllegalArgumentException("expected ',' or '}' after the value of " + label);
            }
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad value '" + text + "'");
                }
            }
        };
    }

    private static void requireName(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
    }
}
