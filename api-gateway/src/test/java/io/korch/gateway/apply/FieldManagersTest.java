package io.korch.gateway.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.gateway.resource.ApiError;
import io.korch.gateway.validation.Cause;
import org.junit.jupiter.api.Test;

class FieldManagersTest {

    @Test
    void theFieldManagerParameterNamesTheManager() {
        assertThat(FieldManagers.of("kubectl-client-side-apply", "kubectl/v1.31.0 (linux/amd64) kubernetes/abc"))
                .isEqualTo("kubectl-client-side-apply");
    }

    @Test
    void withoutItTheUserAgentUpToItsFirstSlashDoes() {
        assertThat(FieldManagers.of(null, "kubectl/v1.31.0 (linux/amd64) kubernetes/abc")).isEqualTo("kubectl");
        assertThat(FieldManagers.of("", "curl/8.5.0")).isEqualTo("curl");
        assertThat(FieldManagers.of(null, "my\tcontroller")).isEqualTo("mycontroller");
        assertThat(FieldManagers.of(null, "x".repeat(200))).hasSize(128);
        assertThat(FieldManagers.of(null, null)).isEqualTo("unknown");
    }

    @Test
    void anApplyMustNameItsManager() {
        assertThatThrownBy(() -> FieldManagers.forApply(null))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.getMessage()).isEqualTo(
                            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
                    assertThat(e.details().kind()).isEqualTo("PatchOptions");
                    assertThat(e.details().causes()).containsExactly(new Cause("FieldValueRequired", "fieldManager",
                            "Required value: is required for apply patch"));
                });
        assertThat(FieldManagers.forApply("kubectl")).isEqualTo("kubectl");
    }
}
