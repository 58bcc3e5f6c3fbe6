package io.korch.cli.commands;

import io.korch.cli.client.ListWatch;
import io.korch.cli.client.WatchEvent;
import io.korch.cli.client.WatchLoop;
import io.korch.cli.rollout.RolloutState;
import io.korch.model.ApiKind;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code korch rollout status deployment/NAME [--timeout D] [--watch=false]}: prints where the
 * rollout stands ({@link RolloutState}) and, watching the Deployment, a line each time that
 * changes, until it is rolled out (exit 0), exceeds its progress deadline or the timeout passes
 * (exit 1, with kubectl's message).
 */
@Command(name = "status", description = "Follow the rollout of a deployment until it is done.")
public final class RolloutStatusCommand extends RolloutTargetCommand {

    @Option(names = {"-w", "--watch"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Follow the rollout until it is done (the default); --watch=false prints where it stands once.")
    private boolean watch;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long to wait before giving up, such as 90s or 5m; 0 waits as long as it takes.")
    private String timeout;

    @Override
    String verb() {
        return "status";
    }

    @Override
    public Integer call() throws InterruptedException {
        Duration limit = GoDuration.parse(timeout);
        ListWatch source = ListWatch.of(options().client(), ApiKind.DEPLOYMENT.collectionPath(options().namespaceOrDefault()),
                null, null, name());
        ListWatch.Snapshot start = source.list();
        if (start.items().isEmpty()) {
            throw new CommandFailedException("deployments.apps \"" + name() + "\" not found");
        }
        Progress progress = new Progress(out());
        RolloutState first = RolloutState.of(start.items().get(0));
        progress.show(first);
        if (first.failed()) {
            throw new CommandFailedException(first.message());
        }
        if (first.done() || !watch) {
            return 0;
        }
        Thread follower = new Thread(() -> follow(source, start, progress), "rollout-status");
        follower.setDaemon(true);
        follower.start();
        try {
            RolloutState end = limit.isZero() ? progress.end.get() : progress.end.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return end.done() ? 0 : 1;
        } catch (TimeoutException e) {
            throw new CommandFailedException("timed out waiting for the condition");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            follower.interrupt();
        }
    }

    private void follow(ListWatch source, ListWatch.Snapshot start, Progress progress) {
        try {
            WatchLoop.toTerminal(source, (type, object) -> {
                if (WatchEvent.DELETED.equals(type)) {
                    progress.end.completeExceptionally(new CommandFailedException("object has been deleted"));
                } else {
                    progress.show(RolloutState.of(object));
                }
            }, err()).follow(start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            progress.end.completeExceptionally(e);
        }
    }

    /** Prints each new state once, and ends the wait when the rollout is done or failed. */
    private static final class Progress {

        private final PrintWriter out;
        private final CompletableFuture<RolloutState> end = new CompletableFuture<>();
        private String shown;

        Progress(PrintWriter out) {
            this.out = out;
        }

        /** Shows {@code state} if it says something new, and ends the wait if the rollout ended. */
        synchronized void show(RolloutState state) {
            if (state.failed()) {
                end.completeExceptionally(new CommandFailedException(state.message()));
                return;
            }
            if (!state.message().equals(shown)) {
                shown = state.message();
                out.println(state.message());
                out.flush();
            }
            if (state.done()) {
                end.complete(state);
            }
        }
    }
}
