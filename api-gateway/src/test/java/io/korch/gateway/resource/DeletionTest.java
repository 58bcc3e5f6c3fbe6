package io.korch.gateway.resource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.ObjectMeta;
import io.korch.model.ApiKind;
import org.junit.jupiter.api.Test;

class DeletionTest {

    private static final ObjectMeta WEB = ObjectMeta.newBuilder().setName("web").setNamespace("default")
            .setUid("web-uid").setResourceVersion("42").build();

    private static Deletion preconditions(String uid, String resourceVersion) {
        return new Deletion(PropagationPolicy.BACKGROUND, uid, resourceVersion, false, null);
    }

    @Test
    void preconditionsThatHoldLetTheDeletionThrough() {
        assertThatCode(() -> preconditions("web-uid", "42").checkPreconditions(ApiKind.POD, WEB)).doesNotThrowAnyException();
        assertThatCode(() -> Deletion.BACKGROUND.checkPreconditions(ApiKind.POD, WEB)).doesNotThrowAnyException();
    }

    @Test
    void anotherUidIsAConflictWordedAsTheApiserverWordsIt() {
        assertThatThrownBy(() -> preconditions("old-uid", null).checkPreconditions(ApiKind.DEPLOYMENT, WEB))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(409))
                .hasMessage("Operation cannot be fulfilled on deployments.apps \"web\": Precondition failed: "
                        + "UID in precondition: old-uid, UID in object meta: web-uid");
    }

    @Test
    void anotherResourceVersionIsAConflictWordedAsTheApiserverWordsIt() {
        assertThatThrownBy(() -> preconditions("web-uid", "41").checkPreconditions(ApiKind.POD, WEB))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(409))
                .hasMessage("Operation cannot be fulfilled on pods \"web\": Precondition failed: "
                        + "ResourceVersion in precondition: 41, ResourceVersion in object meta: 42");
    }
}
