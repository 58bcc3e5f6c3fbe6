package io.korch.cli.output;

/** The formats of {@code korch get -o}; without {@code -o}, objects are printed as a table. */
public enum OutputFormat { wide, json, yaml, name }
