package io.korch.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

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
}
