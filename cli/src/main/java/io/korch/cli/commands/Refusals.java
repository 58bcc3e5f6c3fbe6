package io.korch.cli.commands;

import io.korch.cli.client.ApiException;
import java.io.PrintWriter;

/**
 * What the API refused while a command went on with its other objects (apply and delete of
 * several objects, get and describe of several names): each refusal is printed on standard error
 * as it comes, on one line, and {@link #exitCode()} then fails the command if there was any.
 */
final class Refusals {

    private final PrintWriter err;
    private boolean any;

    Refusals(PrintWriter err) {
        this.err = err;
    }

    /** Prints the API's answer about one object and goes on. */
    void report(ApiException e) {
        err.println(e.toDisplayString());
        any = true;
    }

    /**
     * Exit code 0 when nothing was refused.
     *
     * @throws CommandFailedException with nothing left to print, when something was
     */
    int exitCode() {
        err.flush();
        if (any) {
            throw CommandFailedException.alreadyReported();
        }
        return 0;
    }
}
