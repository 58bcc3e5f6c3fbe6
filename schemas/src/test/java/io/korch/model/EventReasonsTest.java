package io.korch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventReasonsTest {

    /** The user documentation of the catalogue, from the module's directory. */
    private static final Path EVENTS_DOC = Path.of("..", "docs", "events.md");

    @ParameterizedTest
    @CsvSource({
        "Scheduled, " + EventReasons.SCHEDULED,
        "FailedScheduling, " + EventReasons.FAILED_SCHEDULING,
        "Created, " + EventReasons.CREATED,
        "Started, " + EventReasons.STARTED,
        "Killing, " + EventReasons.KILLING,
        "BackOff, " + EventReasons.BACK_OFF,
        "Failed, " + EventReasons.FAILED,
        "ErrImageNeverPull, " + EventReasons.ERR_IMAGE_NEVER_PULL,
        "SuccessfulCreate, " + EventReasons.SUCCESSFUL_CREATE,
        "SuccessfulDelete, " + EventReasons.SUCCESSFUL_DELETE,
        "ScalingReplicaSet, " + EventReasons.SCALING_REPLICA_SET,
        "NodeReady, " + EventReasons.NODE_READY,
        "NodeNotReady, " + EventReasons.NODE_NOT_READY,
        "DeletingAllPods, " + EventReasons.DELETING_ALL_PODS,
    })
    void spellsTheReasonsKubernetesSharesAsKubernetesDoes(String kubernetes, String korch) {
        assertThat(korch).isEqualTo(kubernetes);
    }

    @Test
    void givesEveryHappeningAReasonOfItsOwn() throws IllegalAccessException {
        List<String> reasons = reasons();

        assertThat(reasons).doesNotHaveDuplicates().allMatch(reason -> reason.matches("[A-Z][A-Za-z]+"));
    }

    @Test
    void documentsEveryReasonInTheEventsTable() throws IOException, IllegalAccessException {
        String doc = Files.readString(EVENTS_DOC);

        assertThat(reasons()).allSatisfy(reason -> assertThat(doc).contains("| `" + reason + "` |"));
    }

    private static List<String> reasons() throws IllegalAccessException {
        List<Field> constants = Arrays.stream(EventReasons.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .toList();
        String[] values = new String[constants.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (String) constants.get(i).get(null);
        }
        return List.of(values);
    }
}
