package io.korch.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The stable identity of one instance of a Streams application in its consumer group
 * ({@code group.instance.id}), kept in a file of its state directory: a restarted instance comes
 * back as the same static member and takes its tasks over at once, without a rebalance. Two
 * instances cannot share a state directory, so two live instances never share an identity.
 */
public final class InstanceId {

    private InstanceId() {
    }

    /** The identity stored for {@code applicationId} in {@code stateDir}, created on first use. */
    public static String of(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + ".instance-id");
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            Files.createDirectories(stateDir);
            String id = applicationId + "-" + UUID.randomUUID();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + file, e);
        }
    }
}
