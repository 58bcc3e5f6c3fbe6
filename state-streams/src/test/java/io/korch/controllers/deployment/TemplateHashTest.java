package io.korch.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.korch.api.PodTemplateSpec;
import io.korch.json.ApiJson;
import io.korch.model.TemplateHash;
import io.korch.testkit.Deployments;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

    private static PodTemplateSpec template(Deployments deployment) {
        return deployment.build().getSpec().getTemplate();
    }

    @Test
    void isTenLowercaseHexDigits() {
        assertThat(TemplateHash.of(template(Deployments.deployment("web")))).matches("[0-9a-f]{10}");
    }

    @Test
    void isTheSameForEqualTemplatesBuiltSeparately() {
        String first = TemplateHash.of(template(Deployments.deployment("web").templateLabel("tier", "front")));
        String second = TemplateHash.of(template(Deployments.deployment("web").templateLabel("tier", "front")));

        assertThat(first).isEqualTo(second);
    }

    @Test
    void doesNotDependOnTheOrderOfLabels() {
        // given the same labels inserted in two orders
        PodTemplateSpec forward = template(Deployments.deployment("web"));
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("a", "1");
        ordered.put("b", "2");
        ordered.put("c", "3");
        forward.getMetadata().setLabels(ordered);
        PodTemplateSpec backward = ApiJson.copy(forward);
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("c", "3");
        reversed.put("b", "2");
        reversed.put("a", "1");
        backward.getMetadata().setLabels(reversed);

        // then
        assertThat(TemplateHash.of(forward)).isEqualTo(TemplateHash.of(backward));
    }

    @Test
    void ignoresThePodTemplateHashLabel() {
        PodTemplateSpec plain = template(Deployments.deployment("web"));
        PodTemplateSpec labelled = ApiJson.copy(plain);
        Map<String, String> labels = new HashMap<>(labelled.getMetadata().getLabels());
        labels.put(TemplateHash.LABEL, "0123456789");
        labelled.getMetadata().setLabels(labels);

        assertThat(TemplateHash.of(labelled)).isEqualTo(TemplateHash.of(plain));
    }

    @Test
    void changesWhenTheImageChanges() {
        String v1 = TemplateHash.of(template(Deployments.deployment("web").image("nginx:1.26")));
        String v2 = TemplateHash.of(template(Deployments.deployment("web").image("nginx:1.27")));

        assertThat(v1).isNotEqualTo(v2);
    }

    @Test
    void changesWhenALabelChanges() {
        String front = TemplateHash.of(template(Deployments.deployment("web").templateLabel("tier", "front")));
        String back = TemplateHash.of(template(Deployments.deployment("web").templateLabel("tier", "back")));

        assertThat(front).isNotEqualTo(back);
    }
}
