package io.korch.cli.output;

/**
 * The formats of {@code korch get -o}; without {@code -o}, objects are printed as a table.
 * {@link #jsonpath} and {@link #customColumns} carry a template ({@link OutputOption}).
 */
public enum OutputFormat { wide, json, yaml, name, jsonpath, customColumns }
