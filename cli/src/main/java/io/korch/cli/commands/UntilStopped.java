package io.korch.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Keeps a long-running command alive until the process is asked to stop (Ctrl-C, SIGTERM), then
 * runs its stop action from a shutdown hook and lets the command return.
 */
final class UntilStopped {

    private UntilStopped() {
    }

    /**
     * Blocks until shutdown; {@code stop} runs once, in the shutdown hook.
     *
     * @return exit code 0
     */
    static int await(String name, Runnable stop, PrintWriter err) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                stop.run();
            } catch (RuntimeException e) {
                err.println(ErrorHandler.lineFor(e));
                err.flush();
            } finally {
                stopped.countDown();
            }
        }, "korch-stop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            stop.run();
        }
        return 0;
    }

    /**
     * Prints {@code banner} on the command's standard output, then blocks until shutdown as
     * {@link #await} does, reporting a failed stop on the command's standard error.
     *
     * @return exit code 0
     */
    static int announceAndAwait(CommandSpec spec, String name, String banner, Runnable stop) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(banner);
        out.flush();
        return await(name, stop, spec.commandLine().getErr());
    }

    /**
     * Reports that a component of a long-running command stopped working and exits the process
     * with status 1, which runs the stop action through the shutdown hook. Exits from a thread of
     * its own, so it may be called from the failing component's threads.
     */
    static void failAndExit(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        new Thread(() -> System.exit(1), "korch-exit").start();
    }
}
