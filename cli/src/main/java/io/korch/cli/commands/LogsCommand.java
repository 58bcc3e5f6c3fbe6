package io.korch.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.cli.client.ApiClient;
import io.korch.cli.client.PodStreamClient;
import io.korch.model.ApiKind;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code korch logs POD|deployment/NAME}: reads the pod (for a deployment, the first of its pods, as kubectl picks
 * it), chooses its container ({@link PodContainerChoice}) and copies its {@code pods/log} to standard output as it
 * arrives; with {@code -f} until the container stops or the user interrupts.
 */
@Command(name = "logs", sortOptions = false, description = "Print the logs of a container in a pod.")
public final class LogsCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "POD", description = "The pod, or deployment/NAME for the first pod of a deployment.")
    private String target;

    @Option(names = {"-c", "--container"}, paramLabel = "NAME", description = "The container; defaults to the pod's default container.")
    private String container;

    @Option(names = {"-f", "--follow"}, description = "Keep streaming new lines.")
    private boolean follow;

    @Option(names = {"-p", "--previous"}, description = "The previous run of the container, if it restarted.")
    private boolean previous;

    @Option(names = "--tail", paramLabel = "N", defaultValue = "-1", description = "Only the last N lines; -1 for all.")
    private long tail;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only lines newer than this, such as 5s, 2m or 3h.")
    private String since;

    @Option(names = "--since-time", paramLabel = "TIME", description = "Only lines since this RFC 3339 time.")
    private String sinceTime;

    @Option(names = "--timestamps", description = "Start each line with its time.")
    private boolean timestamps;

    @Option(names = "--limit-bytes", paramLabel = "N", description = "At most N bytes of log.")
    private Long limitBytes;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> query = query();
        ApiClient client = options().client();
        String namespace = options().namespaceOrDefault();
        JsonNode pod = pod(client, namespace);
        String name = pod.path("metadata").path("name").asText();
        query.put("container", PodContainerChoice.container(pod, container, this::notice));
        String path = ApiClient.withQuery(ApiKind.POD.objectPath(namespace, name) + "/log", query);
        new PodStreamClient(client).copyLog(path, context().stdout());
        return 0;
    }

    /**
     * The query of the log request but for its container, checked as kubectl checks it.
     *
     * @throws CommandFailedException when the options contradict each other or do not parse
     */
    Map<String, String> query() {
        if (since != null && sinceTime != null) {
            throw new CommandFailedException("at most one of `sinceTime` or `sinceSeconds` may be specified");
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (follow) {
            query.put("follow", "true");
        }
        if (previous) {
            query.put("previous", "true");
        }
        if (tail >= 0) {
            query.put("tailLines", Long.toString(tail));
        }
        if (since != null) {
            try {
                query.put("sinceSeconds", Long.toString(Math.max(1, GoDuration.ceilSeconds(GoDuration.parse(since)))));
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException("invalid argument \"" + since + "\" for \"--since\" flag: " + e.getMessage());
            }
        }
        if (sinceTime != null) {
            try {
                OffsetDateTime.parse(sinceTime);
            } catch (DateTimeParseException e) {
                throw new CommandFailedException("--since-time must be an RFC 3339 time, such as 2024-01-02T15:04:05Z: "
                        + sinceTime);
            }
            query.put("sinceTime", sinceTime);
        }
        if (timestamps) {
            query.put("timestamps", "true");
        }
        if (limitBytes != null) {
            query.put("limitBytes", Long.toString(limitBytes));
        }
        return query;
    }

    private JsonNode pod(ApiClient client, String namespace) {
        int slash = target.indexOf('/');
        if (slash < 0) {
            return client.get(ApiKind.POD.objectPath(namespace, target));
        }
        ApiKind kind = KindArguments.kind(target.substring(0, slash));
        String name = target.substring(slash + 1);
        if (kind == ApiKind.POD) {
            return client.get(ApiKind.POD.objectPath(namespace, name));
        }
        if (kind != ApiKind.DEPLOYMENT && kind != ApiKind.REPLICASET) {
            throw new CommandFailedException("cannot get the logs of " + kind.plural() + ": name a pod, a deployment or"
                    + " a replicaset");
        }
        JsonNode owner = client.get(kind.objectPath(namespace, name));
        List<JsonNode> pods = new ArrayList<>();
        client.get(ApiClient.withQuery(ApiKind.POD.collectionPath(namespace),
                        Map.of("labelSelector", selector(owner.path("spec").path("selector").path("matchLabels")))))
                .path("items").forEach(pods::add);
        JsonNode first = PodContainerChoice.firstPod(pods).orElseThrow(() -> new CommandFailedException(
                "timed out waiting for the condition: no pods of " + kind.singular() + "/" + name));
        if (pods.size() > 1) {
            notice("Found " + pods.size() + " pods, using pod/" + first.path("metadata").path("name").asText());
        }
        return first;
    }

    private static String selector(JsonNode matchLabels) {
        StringJoiner selector = new StringJoiner(",");
        matchLabels.fields().forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
        return selector.toString();
    }

    private void notice(String line) {
        err().println(line);
        err().flush();
    }
}
