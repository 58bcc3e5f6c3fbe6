package io.korch.cli.apply;

import io.korch.cli.manifest.ManifestException;
import io.korch.cli.manifest.ManifestObject;
import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pure decisions about a set of manifest objects before any request: the order to apply and to
 * delete them in, and the namespace each one goes to.
 */
public final class ApplyPlan {

    private ApplyPlan() {
    }

    /** Namespaces first (their objects need them), then every other object in the order written. */
    public static List<ManifestObject> applyOrder(List<ManifestObject> objects) {
        List<ManifestObject> ordered = new ArrayList<>(objects);
        ordered.sort(Comparator.comparing(o -> o.kind() == ApiKind.NAMESPACE ? 0 : 1));
        return ordered;
    }

    /** The reverse: namespaces last, so that each object declared is deleted by name before its namespace takes the rest. */
    public static List<ManifestObject> deleteOrder(List<ManifestObject> objects) {
        List<ManifestObject> ordered = new ArrayList<>(objects);
        ordered.sort(Comparator.comparing(o -> o.kind() == ApiKind.NAMESPACE ? 1 : 0));
        return ordered;
    }

    /**
     * The namespace {@code object} goes to: the one its manifest names, else {@code -n}, else
     * {@code default}; null for kinds without namespace.
     *
     * @param flagNamespace the {@code -n} value, or null when not given
     * @throws ManifestException when the manifest and {@code -n} name different namespaces
     */
    public static String namespaceOf(ManifestObject object, String flagNamespace) {
        return namespaceOf(object, flagNamespace, "default");
    }

    /**
     * {@link #namespaceOf(ManifestObject, String)}, with {@code fallback} (the context's namespace)
     * for an object that names none when {@code -n} is not given.
     */
    public static String namespaceOf(ManifestObject object, String flagNamespace, String fallback) {
        if (!object.kind().namespaced()) {
            return null;
        }
        String declared = object.namespace();
        if (declared != null && !declared.isEmpty()) {
            if (flagNamespace != null && !flagNamespace.equals(declared)) {
                throw new ManifestException("the namespace from the provided object \"" + declared
                        + "\" does not match the namespace \"" + flagNamespace
                        + "\". You must pass '--namespace=" + declared + "' to perform this operation.");
            }
            return declared;
        }
        return flagNamespace == null ? fallback : flagNamespace;
    }
}
