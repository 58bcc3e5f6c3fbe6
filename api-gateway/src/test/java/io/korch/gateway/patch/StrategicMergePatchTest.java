package io.korch.gateway.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.gateway.resource.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kubernetes' strategic merge patch over korch's lists: merging by key, sets, directives, and the
 * three-way patches {@code kubectl apply} sends.
 */
class StrategicMergePatchTest {

    /** A pod template of two containers, as a served Deployment holds it. */
    private static final ObjectNode DEPLOYMENT = Json.object("{'apiVersion':'apps/v1','kind':'Deployment',"
            + "'metadata':{'name':'web','labels':{'app':'web','tier':'front'},'finalizers':['a','b']},"
            + "'spec':{'replicas':2,'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':["
            + "{'name':'web','image':'nginx:1.27','command':['nginx','-g'],"
            + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],"
            + "'ports':[{'containerPort':80,'name':'http'},{'containerPort':443,'name':'https'}]},"
            + "{'name':'log','image':'busybox:1.36'}]}}}}");

    private static JsonNode containers(JsonNode object) {
        return object.at("/spec/template/spec/containers");
    }

    private static ObjectNode patch(String singleQuoted) {
        return StrategicMergePatch.apply(DEPLOYMENT, Json.object(singleQuoted));
    }

    private static ObjectNode templatePatch(String podSpecPatch) {
        return patch("{'spec':{'template':{'spec':" + podSpecPatch + "}}}");
    }

    @Test
    void changesOneContainersImageByNameAndKeepsTheOthers() {
        ObjectNode patched = templatePatch("{'containers':[{'name':'web','image':'nginx:1.28'}]}");

        assertThat(containers(patched)).hasSize(2);
        assertThat(containers(patched).get(0)).isEqualTo(((ObjectNode) containers(DEPLOYMENT).get(0)).deepCopy()
                .put("image", "nginx:1.28"));
        assertThat(containers(patched).get(1)).isEqualTo(containers(DEPLOYMENT).get(1));
    }

    @Test
    void addsAnEnvVarToOneContainerKeepingItsOthers() {
        ObjectNode patched = templatePatch("{'containers':[{'name':'web','env':[{'name':'C','value':'3'}]}]}");

        assertThat(containers(patched).get(0).get("env")).isEqualTo(Json.of(
                "[{'name':'C','value':'3'},{'name':'A','value':'1'},{'name':'B','value':'2'}]"));
    }

    @Test
    void mergesPortsByContainerPort() {
        ObjectNode patched = templatePatch("{'containers':[{'name':'web','ports':[{'containerPort':443,'name':'tls'}]}]}");

        assertThat(containers(patched).get(0).get("ports")).isEqualTo(Json.of(
                "[{'containerPort':80,'name':'http'},{'containerPort':443,'name':'tls'}]"));
    }

    @Test
    void aNewElementWithoutAnOrderListGoesFirstAsKubernetesPutsIt() {
        // apimachinery's mergeSortedSlice places patch elements the server's order does not hold before the server's
        ObjectNode patched = templatePatch("{'containers':[{'name':'proxy','image':'envoy:1.30'}]}");

        assertThat(containers(patched)).extracting(c -> c.get("name").asText()).containsExactly("proxy", "web", "log");
    }

    @Test
    void replacesListsWithoutAMergeStrategy() {
        ObjectNode patched = templatePatch("{'containers':[{'name':'web','command':['httpd']}]}");

        assertThat(containers(patched).get(0).get("command")).isEqualTo(Json.of("['httpd']"));
    }

    @Test
    void mergesFinalizersAsASetAndDeletesFromThemByTheParallelList() {
        ObjectNode added = patch("{'metadata':{'finalizers':['b','c']}}");
        ObjectNode removed = patch("{'metadata':{'$deleteFromPrimitiveList/finalizers':['a','x']}}");

        assertThat(added.at("/metadata/finalizers")).isEqualTo(Json.of("['a','b','c']"));
        assertThat(removed.at("/metadata/finalizers")).isEqualTo(Json.of("['b']"));
    }

    @Test
    void aDeletionListForAListTheObjectLacksAddsNothing() {
        ObjectNode patched = patch("{'spec':{'template':{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}}}");

        assertThat(patched.at("/spec/template/metadata").has("finalizers")).isFalse();
    }

    @Test
    void nullRemovesAFieldAndObjectsMerge() {
        ObjectNode patched = patch("{'metadata':{'labels':{'tier':null,'track':'stable'}},'spec':{'replicas':null}}");

        assertThat(patched.at("/metadata/labels")).isEqualTo(Json.of("{'app':'web','track':'stable'}"));
        assertThat(patched.get("spec").has("replicas")).isFalse();
    }

    @Test
    void deletesAListElementByItsMergeKey() {
        ObjectNode patched = templatePatch("{'containers':[{'name':'log','$patch':'delete'}]}");

        assertThat(containers(patched)).extracting(c -> c.get("name").asText()).containsExactly("web");
    }

    @Test
    void replaceInAListMakesThePatchElementsTheWholeList() {
        ObjectNode patched = templatePatch("{'containers':[{'name':'solo','image':'x'},{'$patch':'replace'}]}");

        assertThat(containers(patched)).isEqualTo(Json.of("[{'name':'solo','image':'x'}]"));
    }

    @Test
    void replaceAndDeleteOnAnObject() {
        ObjectNode replaced = patch("{'metadata':{'labels':{'$patch':'replace','only':'this'}}}");
        ObjectNode emptied = patch("{'metadata':{'labels':{'$patch':'delete'}}}");

        assertThat(replaced.at("/metadata/labels")).isEqualTo(Json.of("{'only':'this'}"));
        assertThat(emptied.at("/metadata/labels")).isEqualTo(Json.of("{}"));
    }

    @Test
    void directivesInAValueTheObjectLacksAreDropped() {
        ObjectNode patched = patch("{'metadata':{'annotations':{'a':'1','gone':{'$patch':'delete'}}}}");

        assertThat(patched.at("/metadata/annotations")).isEqualTo(Json.of("{'a':'1'}"));
    }

    @Test
    void retainKeysClearsTheFieldsItDoesNotName() {
        ObjectNode object = Json.object("{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}");

        ObjectNode patched = StrategicMergePatch.apply(object,
                Json.object("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}"));

        assertThat(patched.at("/spec/strategy")).isEqualTo(Json.of("{'type':'Recreate'}"));
    }

    @Test
    void setElementOrderOrdersTheListAndKeepsServerOnlyElementsInPlace() {
        // apimachinery's "set elements order in a list with server-only items 2", on containers
        ObjectNode pod = Json.object("{'spec':{'containers':[{'name':'1','other':'a'},{'name':'2','value':'2'},"
                + "{'name':'9'},{'name':'3','value':'3'},{'name':'4','value':'4'}]}}");

        ObjectNode patched = StrategicMergePatch.apply(pod, Json.object("{'spec':{'$setElementOrder/containers':"
                + "[{'name':'2'},{'name':'1'},{'name':'4'},{'name':'3'}]}}"));

        assertThat(patched.at("/spec/containers")).isEqualTo(Json.of("[{'name':'2','value':'2'},"
                + "{'name':'1','other':'a'},{'name':'9'},{'name':'4','value':'4'},{'name':'3','value':'3'}]"));
    }

    @Test
    void setElementOrderPlacesAddedElements() {
        ObjectNode patched = templatePatch("{'$setElementOrder/containers':[{'name':'init'},{'name':'web'},"
                + "{'name':'log'}],'containers':[{'name':'init','image':'alpine'}]}");

        assertThat(containers(patched)).extracting(c -> c.get("name").asText()).containsExactly("init", "web", "log");
    }

    @Test
    void kubectlApplyChangingAnImageKeepsTheOrderAndTheOtherContainer() {
        ObjectNode patched = patch("{'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':"
                + "'{}'}},'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'log'}],"
                + "'containers':[{'image':'nginx:1.28','name':'web'}]}}}}");

        assertThat(patched.at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration").asText())
                .isEqualTo("{}");
        assertThat(containers(patched)).extracting(c -> c.get("image").asText())
                .containsExactly("nginx:1.28", "busybox:1.36");
        assertThat(containers(patched).get(0).get("env")).isEqualTo(containers(DEPLOYMENT).get(0).get("env"));
    }

    @Test
    void kubectlApplyRemovingAnEnvVarALabelAndAContainer() {
        ObjectNode patched = patch("{'metadata':{'labels':{'tier':null}},'spec':{'template':{'spec':{"
                + "'$setElementOrder/containers':[{'name':'web'}],"
                + "'containers':[{'$setElementOrder/env':[{'name':'A'}],'env':[{'$patch':'delete','name':'B'}],"
                + "'name':'web'},{'$patch':'delete','name':'log'}]}}}}");

        assertThat(patched.at("/metadata/labels")).isEqualTo(Json.of("{'app':'web'}"));
        assertThat(containers(patched)).hasSize(1);
        assertThat(containers(patched).get(0).get("env")).isEqualTo(Json.of("[{'name':'A','value':'1'}]"));
        assertThat(containers(patched).get(0).get("ports")).isEqualTo(containers(DEPLOYMENT).get(0).get("ports"));
    }

    @Test
    void kubectlApplyRemovingAFinalizerSendsAParallelDeletionList() {
        ObjectNode patched = patch("{'metadata':{'$setElementOrder/finalizers':['b'],"
                + "'$deleteFromPrimitiveList/finalizers':['a']}}");

        assertThat(patched.at("/metadata/finalizers")).isEqualTo(Json.of("['b']"));
    }

    @Test
    void leavesItsArgumentsUnchanged() {
        ObjectNode before = DEPLOYMENT.deepCopy();
        ObjectNode patch = Json.object("{'spec':{'template':{'spec':{'containers':[{'name':'log','$patch':'delete'}]}}}}");
        ObjectNode patchBefore = patch.deepCopy();

        StrategicMergePatch.apply(DEPLOYMENT, patch);

        assertThat(DEPLOYMENT).isEqualTo(before);
        assertThat(patch).isEqualTo(patchBefore);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "unknown $patch in an object | {'metadata':{'labels':{'$patch':'nope'}}} | unknown patch type: nope",
            "$patch merge in an object | {'metadata':{'labels':{'$patch':'merge'}}} | unknown patch type: merge",
            "unknown $patch in a list | {'spec':{'template':{'spec':{'containers':[{'name':'web','$patch':'nope'}]}}}}"
                    + " | unknown patch type: nope",
            "$patch merge in a list | {'spec':{'template':{'spec':{'containers':[{'name':'web','$patch':'merge'}]}}}}"
                    + " | merging lists cannot yet be specified",
            "element without its merge key | {'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}"
                    + " | does not contain declared merge key: name",
            "deletion without its merge key | {'spec':{'template':{'spec':{'containers':[{'$patch':'delete'}]}}}}"
                    + " | does not contain declared merge key: name",
            "deletion list without field | {'metadata':{'$deleteFromPrimitiveList':['a']}} | invalid patch format of primitive list",
            "order list without field | {'metadata':{'$setElementOrder':['a']}} | invalid patch format of setElementOrder list",
            "order that the patch list breaks | {'metadata':{'$setElementOrder/finalizers':['a','c'],'finalizers':['c','a']}}"
                    + " | doesn't match $setElementOrder list",
            "retainKeys that is no list | {'metadata':{'$retainKeys':'name'}} | invalid patch format of retainKeys",
            "retainKeys missing a patched key | {'metadata':{'$retainKeys':['name'],'labels':{'a':'b'}}}"
                    + " | invalid patch format of retainKeys",
            "mixed element types | {'metadata':{'finalizers':[1]}} | list element types are not identical",
    })
    void aMalformedPatchIsA400(String description, String patch, String message) {
        assertThatThrownBy(() -> patch(patch))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(message);
                });
    }

    @Test
    void aListOfListsIsA422() {
        ObjectNode object = Json.object("{'metadata':{'finalizers':[['x']]}}");

        assertThatThrownBy(() -> StrategicMergePatch.apply(object, Json.object("{'metadata':{'finalizers':[['a']]}}")))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("lists of lists are not supported");
                });
    }
}
