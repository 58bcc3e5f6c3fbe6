package io.korch.cli.manifest;

/**
 * A manifest that cannot be applied as written: unreadable, malformed, of an unsupported kind, or
 * with a field korch does not know. Its message is one line for people, naming the file and, when
 * there is one, the field.
 */
public final class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
