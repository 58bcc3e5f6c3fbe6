package io.korch.controllers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The stable identity of one controllers instance in its consumer group ({@code group.instance.id}),
 * kept in a file of its state directory: a restarted instance comes back as the same member and
 * takes its tasks over at once, instead of waiting 45 s for the broker to give its former self up.
 * Two instances cannot share a state directory, so two live instances never share an identity.
 */
final class InstanceId {

    private InstanceId() {
    }

    /** The identity stored for {@code applicationId} in {@code stateDir}, created on first use. */
    static String of(Path stateDir, String applicationId) {
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
