package io.korch.examples.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.Change;
import io.korch.api.Event;
import io.korch.model.Events;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinesTest {

    private static final Instant TIME = Instant.parse("2024-06-10T10:00:00.123Z");
    private static final long REVISION = 1_718_013_600_123_004L;

    private final KorchRecords korch = new KorchRecords();

    @Test
    void aChangeOfARecordThatDidNotExistIsAnAddition() {
        Change change = change().setValue(bytes()).build();

        assertThat(Lines.change(korch.decoded(change)))
                .isEqualTo("1718013600123004 2024-06-10T10:00:00.123Z gateway/gw-1 Pod shop/web ADDED (korch.pods)");
    }

    @Test
    void aChangeOfARecordThatExistedIsAModification() {
        Change change = change().setValue(bytes()).setPreviousRevision(REVISION - 5).setPreviousValue(bytes()).build();

        assertThat(Lines.operation(korch.decoded(change))).isEqualTo("MODIFIED");
    }

    @Test
    void aChangeWithoutValueIsADeletion() {
        Change change = change().setValue(null).setPreviousRevision(REVISION - 5).setPreviousValue(bytes()).build();

        assertThat(Lines.operation(korch.decoded(change))).isEqualTo("DELETED");
    }

    @Test
    void anEventNamesItsObjectByKindNamespaceAndName() {
        Event event = Events.of(Events.ref("Pod", "shop", "web", "uid-1"), Events.WARNING, "BackOff",
                "restarting failed container", "agent", "node-1", TIME);

        assertThat(Lines.event(korch.decoded(event)))
                .isEqualTo("EVENT 2024-06-10T10:00:00.123Z Warning BackOff Pod/shop/web restarting failed container");
    }

    @Test
    void anEventOfAClusterScopedObjectNamesItByKindAndName() {
        Event event = Events.of(Events.ref("Node", null, "node-1", "uid-2"), Events.NORMAL, "NodeReady",
                "node-1 is ready", "controllers", null, TIME);

        assertThat(Lines.event(korch.decoded(event))).contains(" Node/node-1 ");
    }

    private static Change.Builder change() {
        return Change.newBuilder().setRevision(REVISION).setKind("Pod").setObjectKey("shop/web")
                .setTopic("korch.pods").setKey("shop/web").setTime(TIME).setActor("gateway/gw-1");
    }

    /** Any single-object encoded value: the lines look only at whether there is one. */
    private static ByteBuffer bytes() {
        return ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8});
    }
}
