package io.korch.gateway.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.json.ApiJson;
import io.korch.json.Manifests;
import org.junit.jupiter.api.Test;

/** Field sets: the fields an object sets, FieldsV1 both ways, set operations and path printing. */
class FieldSetTest {

    private static final FieldPath REPLICAS = FieldPath.of("spec", "replicas");
    private static final FieldPath CONTAINERS = FieldPath.of("spec", "template", "spec", "containers");

    @Test
    void setInListsLeavesKeyedElementsAndAtomicLists() {
        JsonNode deployment = yaml("""
                metadata: {labels: {app: web}}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        command: [sh, -c, sleep 1]
                        ports: [{containerPort: 8080}]
                """);

        FieldSet fields = FieldSet.setIn(deployment);

        FieldPath web = CONTAINERS.child(key("name", "web"));
        assertThat(fields.paths()).containsExactly(
                FieldPath.of("metadata", "labels", "app"),
                REPLICAS,
                web,
                web.child("command"),
                web.child("image"),
                web.child("name"),
                web.child("ports").child(PathElement.key(object("containerPort", 8080))),
                web.child("ports").child(PathElement.key(object("containerPort", 8080))).child("containerPort"));
    }

    @Test
    void setInOwnsTheValuesOfASetAndEmptyObjects() {
        FieldSet fields = FieldSet.setIn(yaml("{metadata: {finalizers: [orphan]}, spec: {strategy: {}}}"));

        assertThat(fields.paths()).containsExactly(
                FieldPath.of("metadata", "finalizers").child(PathElement.value(ApiJson.MAPPER.getNodeFactory().textNode("orphan"))),
                FieldPath.of("spec", "strategy"));
    }

    @Test
    void setInRefusesAKeyedElementWithoutItsKey() {
        assertThatThrownBy(() -> FieldSet.setIn(yaml("{spec: {template: {spec: {containers: [{image: nginx}]}}}}")))
                .hasMessage(".spec.template.spec.containers: associative list with keys has an element that omits key field \"name\"");
    }

    @Test
    void writesFieldsV1AsKubernetesDoes() {
        FieldPath web = CONTAINERS.child(key("name", "web"));
        FieldSet fields = FieldSet.of(REPLICAS, web, web.child("name"), web.child("image"),
                FieldPath.of("metadata", "labels"), FieldPath.of("metadata", "labels", "app"));

        assertThat(fields.toFieldsV1Text()).isEqualTo("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},"
                + "\"f:spec\":{\"f:replicas\":{},\"f:template\":{\"f:spec\":{\"f:containers\":"
                + "{\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{}}}}}}}");
    }

    @Test
    void readsBackWhatItWrites() {
        FieldSet fields = FieldSet.setIn(yaml("""
                metadata: {labels: {app: web, tier: front}, finalizers: [a, b]}
                spec: {template: {spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]}}}
                """));

        assertThat(FieldSet.fromFieldsV1(fields.toFieldsV1())).isEqualTo(fields);
        assertThat(FieldSet.fromFieldsV1(fields.toFieldsV1Text())).isEqualTo(fields);
    }

    @Test
    void readingSkipsPathElementsOfUnknownKinds() {
        FieldSet fields = FieldSet.fromFieldsV1(yaml("{\"f:spec\": {\"f:replicas\": {}, \"x:future\": {}}}"));

        assertThat(fields.paths()).containsExactly(REPLICAS);
    }

    @Test
    void sortsNumericKeysByValue() {
        FieldPath ports = FieldPath.of("ports");
        FieldSet fields = FieldSet.of(ports.child(PathElement.key(object("containerPort", 8080))),
                ports.child(PathElement.key(object("containerPort", 80))));

        assertThat(fields.toFieldsV1Text())
                .isEqualTo("{\"f:ports\":{\"k:{\\\"containerPort\\\":80}\":{},\"k:{\\\"containerPort\\\":8080}\":{}}}");
    }

    @Test
    void unionDifferenceAndIntersectionArePathSets() {
        FieldPath image = CONTAINERS.child(key("name", "web")).child("image");
        FieldSet mine = FieldSet.of(REPLICAS, image);
        FieldSet theirs = FieldSet.of(image, FieldPath.of("metadata", "labels", "app"));

        assertThat(mine.union(theirs).size()).isEqualTo(3);
        assertThat(mine.difference(theirs).paths()).containsExactly(REPLICAS);
        assertThat(mine.intersection(theirs).paths()).containsExactly(image);
        assertThat(mine.holdsAnyUnder(CONTAINERS)).isTrue();
        assertThat(mine.holdsAnyBelow(image)).isFalse();
        assertThat(mine.holdsAnyUnder(FieldPath.of("metadata"))).isFalse();
    }

    @Test
    void printsPathsAsKubernetesConflictsNameThem() {
        FieldPath image = CONTAINERS.child(key("name", "web")).child("image");
        FieldPath finalizer = FieldPath.of("metadata", "finalizers")
                .child(PathElement.value(ApiJson.MAPPER.getNodeFactory().textNode("orphan")));

        assertThat(REPLICAS).hasToString(".spec.replicas");
        assertThat(image).hasToString(".spec.template.spec.containers[name=\"web\"].image");
        assertThat(finalizer).hasToString(".metadata.finalizers[=\"orphan\"]");
    }

    @Test
    void aComparisonOwnsAppearingMapsAndListElementsButNotRecordsAlwaysThere() {
        JsonNode after = yaml("""
                metadata: {labels: {app: web}}
                spec: {replicas: 1, template: {spec: {containers: [{name: web, image: nginx}]}}}
                """);

        Comparison created = Comparison.between(null, after, path -> path.isRoot() || path.equals(FieldPath.of("spec"))
                || path.equals(FieldPath.of("metadata")) || path.equals(FieldPath.of("spec", "template"))
                || path.equals(FieldPath.of("spec", "template", "spec")));

        FieldPath web = CONTAINERS.child(key("name", "web"));
        assertThat(created.added().paths()).containsExactly(FieldPath.of("metadata", "labels"),
                FieldPath.of("metadata", "labels", "app"), REPLICAS, CONTAINERS, web, web.child("image"), web.child("name"));
        assertThat(created.modified().isEmpty()).isTrue();
    }

    @Test
    void aComparisonTellsModifiedFromRemoved() {
        JsonNode before = yaml("{spec: {replicas: 1, paused: true}, metadata: {labels: {app: web}}}");
        JsonNode after = yaml("{spec: {replicas: 3}, metadata: {labels: {app: web}}}");

        Comparison changes = Comparison.between(before, after, ObjectShape.NONE);

        assertThat(changes.modified().paths()).containsExactly(REPLICAS);
        assertThat(changes.removed().paths()).containsExactly(FieldPath.of("spec", "paused"));
        assertThat(changes.added().isEmpty()).isTrue();
    }

    private static PathElement key(String name, String value) {
        ObjectNode key = ApiJson.MAPPER.createObjectNode().put(name, value);
        return PathElement.key(key);
    }

    private static ObjectNode object(String name, int value) {
        return ApiJson.MAPPER.createObjectNode().put(name, value);
    }

    private static JsonNode yaml(String text) {
        return Manifests.parseOne(text);
    }
}
