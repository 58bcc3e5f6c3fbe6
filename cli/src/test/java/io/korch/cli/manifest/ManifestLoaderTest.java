package io.korch.cli.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.korch.api.Deployment;
import io.korch.model.ApiKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

    static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n";
    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: korch/busybox:latest
            """;

    @TempDir
    Path dir;

    private final ManifestLoader loader = new ManifestLoader(() -> new ByteArrayInputStream(new byte[0]));

    @Test
    void readsEveryDocumentOfAMultiDocumentFile() throws IOException {
        // given
        Path file = write("all.yaml", NAMESPACE + "---\n" + DEPLOYMENT);

        // when
        List<ManifestObject> objects = loader.load(List.of(file.toString()));

        // then
        assertThat(objects).extracting(ManifestObject::kind).containsExactly(ApiKind.NAMESPACE, ApiKind.DEPLOYMENT);
        assertThat(objects).extracting(ManifestObject::name).containsExactly("demo", "web");
        assertThat(((Deployment) objects.get(1).object()).getSpec().getReplicas()).isEqualTo(3);
        assertThat(objects.get(1).source()).isEqualTo(file.toString());
    }

    @Test
    void readsTheManifestFilesOfADirectoryInNameOrder() throws IOException {
        // given
        write("b-web.yml", DEPLOYMENT);
        write("a-namespace.json", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"demo\"}}");
        write("notes.txt", "not a manifest");
        Files.createDirectory(dir.resolve("nested"));

        // when
        List<ManifestObject> objects = loader.load(List.of(dir.toString()));

        // then
        assertThat(objects).extracting(ManifestObject::name).containsExactly("demo", "web");
    }

    @Test
    void readsStandardInputForDash() {
        // given
        ManifestLoader fromStdin = new ManifestLoader(
                () -> new ByteArrayInputStream(DEPLOYMENT.getBytes(StandardCharsets.UTF_8)));

        // when
        List<ManifestObject> objects = fromStdin.load(List.of("-"));

        // then
        assertThat(objects).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("web");
            assertThat(o.source()).isEqualTo("STDIN");
        });
    }

    @Test
    void refusesAKindKorchDoesNotServe() throws IOException {
        // given
        Path file = write("sts.yaml", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n");

        // when / then
        assertThatThrownBy(() -> loader.load(List.of(file.toString())))
                .isInstanceOf(ManifestException.class)
                .hasMessage("kind \"StatefulSet\" (apps/v1) is not supported by korch");
    }

    @Test
    void refusesAKnownKindAtAnUnservedApiVersion() {
        assertThatThrownBy(() -> ManifestLoader.parse(DEPLOYMENT.replace("apps/v1", "extensions/v1beta1"), "web.yaml"))
                .hasMessage("kind \"Deployment\" (extensions/v1beta1) is not supported by korch");
    }

    @Test
    void namesTheFileTheObjectAndThePathOfAnUnknownField() {
        // given
        String withResizePolicy = DEPLOYMENT + "          resizePolicy:\n            - {resourceName: cpu, restartPolicy: NotRequired}\n";

        // when / then
        assertThatThrownBy(() -> ManifestLoader.parse(withResizePolicy, "web.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("error validating web.yaml: Deployment \"web\": "
                        + "spec.template.spec.containers[0].resizePolicy: unknown field");
    }

    @Test
    void namesTheDocumentNumberInAMultiDocumentFile() {
        // given
        String text = NAMESPACE + "---\n" + DEPLOYMENT.replace("replicas: 3", "replicas: three");

        // when / then
        assertThatThrownBy(() -> ManifestLoader.parse(text, "all.yaml"))
                .hasMessageStartingWith("error validating all.yaml (document 2): Deployment \"web\": spec.replicas:");
    }

    @Test
    void reportsMalformedYamlWithItsLine() {
        assertThatThrownBy(() -> ManifestLoader.parse("apiVersion: v1\nkind: [Pod\n", "bad.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("error parsing bad.yaml: malformed YAML at line");
    }

    @Test
    void requiresAName() {
        assertThatThrownBy(() -> ManifestLoader.parse("apiVersion: v1\nkind: Namespace\nmetadata: {}\n", "ns.yaml"))
                .hasMessage("error validating ns.yaml: Namespace: metadata.name: required value");
    }

    @Test
    void requiresAKind() {
        assertThatThrownBy(() -> ManifestLoader.parse("apiVersion: v1\nmetadata: {name: x}\n", "x.yaml"))
                .hasMessage("error validating x.yaml: kind not set");
    }

    @Test
    void acceptsNodeDeclarations() {
        var objects = ManifestLoader.parse("apiVersion: v1\nkind: Node\nmetadata: {name: n, labels: {zone: a}}\n"
                + "spec: {unschedulable: true}\n", "n.yaml");

        assertThat(objects).hasSize(1);
    }

    @Test
    void reportsAMissingPath() {
        assertThatThrownBy(() -> loader.load(List.of(dir.resolve("nope.yaml").toString())))
                .hasMessageContaining("does not exist");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
