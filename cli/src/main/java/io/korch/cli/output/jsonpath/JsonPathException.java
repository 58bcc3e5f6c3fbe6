package io.korch.cli.output.jsonpath;

/** A JSONPath template that cannot be parsed, or that fails on the data it is run on. */
public final class JsonPathException extends RuntimeException {

    public JsonPathException(String message) {
        super(message);
    }
}
