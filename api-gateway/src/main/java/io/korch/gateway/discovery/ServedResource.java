package io.korch.gateway.discovery;

import java.util.List;
import org.apache.avro.Schema;

/**
 * One resource the gateway serves, with everything its discovery entry and its OpenAPI paths say
 * of it: names, scope, the verbs its routes answer, the kind it returns and that kind's Avro schema.
 *
 * @param groupVersion the group and version it is served under
 * @param kind         the kind its objects have: {@code Pod}
 * @param plural       the resource name in paths: {@code pods}
 * @param singular     the singular name: {@code pod}
 * @param namespaced   whether its objects live in a namespace
 * @param verbs        the verbs its routes serve
 * @param shortNames   the short names kubectl accepts: {@code po}
 * @param categories   the categories it belongs to: {@code all}
 * @param schema       the Avro schema of its objects; null for objects made from samples, which OpenAPI leaves out
 * @param subresources the subresources served below each object
 */
public record ServedResource(GroupVersion groupVersion, String kind, String plural, String singular,
                             boolean namespaced, List<Verb> verbs, List<String> shortNames,
                             List<String> categories, Schema schema, List<Subresource> subresources) {

    /**
     * A subresource of every object of a resource, e.g. {@code deployments/scale}, answering with
     * a kind of its own.
     *
     * @param name         the name after the object's path: {@code scale}
     * @param groupVersion the group and version of the kind it answers with: {@code autoscaling/v1}
     * @param kind         the kind it answers with: {@code Scale}
     * @param verbs        the verbs served
     */
    public record Subresource(String name, GroupVersion groupVersion, String kind, List<Verb> verbs) {
    }

    /** Whether the verb is served. */
    public boolean serves(Verb verb) {
        return verbs.contains(verb);
    }
}
