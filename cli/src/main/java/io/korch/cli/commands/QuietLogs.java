package io.korch.cli.commands;

/**
 * Keeps korch's own INFO logs out of an interactive terminal for commands whose output is a
 * short report (the dev cluster's progress lines, an agent started in the background of a
 * shell). Warnings and errors still show; {@code -Dorg.slf4j.simpleLogger.log.io.korch=info}
 * brings everything back.
 */
final class QuietLogs {

    /** The slf4j-simple logger level of korch's own classes. */
    private static final String KORCH_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.korch";

    private QuietLogs() {
    }

    /** Lowers korch's log level to warn unless the user chose one; call before any logger is created. */
    static void apply() {
        if (System.getProperty(KORCH_LOG_LEVEL) == null) {
            System.setProperty(KORCH_LOG_LEVEL, "warn");
        }
    }
}
