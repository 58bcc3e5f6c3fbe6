package io.korch.cli.client;

/** No answer from the korch API at all: nothing listens, or the connection failed or timed out. */
public final class ApiUnreachableException extends RuntimeException {

    public ApiUnreachableException(String server, String cause, Throwable error) {
        super("cannot reach the korch API at " + server + ": " + cause + " (is \"korch dev\" running?)", error);
    }
}
