package io.korch.cli.commands;

/**
 * Keeps korch's own INFO logs out of an interactive terminal for commands whose output is a
 * short report (the dev cluster's progress lines, an agent started in the background of a
 * shell). Warnings and errors still show; {@code -Dorg.slf4j.simpleLogger.log.io.korch=info}
 * brings everything back.
 *
 * <p>Two Kafka Streams warnings that say nothing wrong in this setting are kept out as well: that a
 * single instance has no other instance to keep standby replicas on, and that the state directory
 * of a {@code --data-dir} under the OS temporary directory might be cleared.
 */
final class QuietLogs {

    /** The slf4j-simple logger level of korch's own classes. */
    private static final String KORCH_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.korch";
    /** Loggers whose warnings describe a normal single-instance or temporary-directory setup. */
    private static final String[] EXPECTED_WARNINGS = {
        "org.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.assignment.DefaultStandbyTaskAssignor",
        "org.slf4j.simpleLogger.log.org.apache.kafka.streams.processor.internals.StateDirectory"};

    private QuietLogs() {
    }

    /** Lowers korch's log level to warn unless the user chose one; call before any logger is created. */
    static void apply() {
        if (System.getProperty(KORCH_LOG_LEVEL) == null) {
            System.setProperty(KORCH_LOG_LEVEL, "warn");
        }
        for (String logger : EXPECTED_WARNINGS) {
            if (System.getProperty(logger) == null) {
                System.setProperty(logger, "error");
            }
        }
    }
}
