package io.korch.cli.output.describe;

import io.korch.api.LocalObjectReference;
import io.korch.api.ObjectReference;
import io.korch.api.ServiceAccount;
import io.korch.cli.output.DescribeWriter;
import java.util.List;

/** {@code korch describe serviceaccount}, laid out as kubectl's: metadata, image pull secrets and mountable secrets. */
public final class ServiceAccountDescriber {

    private ServiceAccountDescriber() {
    }

    /** The report of {@code serviceAccount}. */
    public static String describe(ServiceAccount serviceAccount) {
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", serviceAccount.getMetadata().getName());
        w.field(0, "Namespace", serviceAccount.getMetadata().getNamespace());
        Sections.labelsAndAnnotations(w, serviceAccount.getMetadata());
        names(w, "Image pull secrets", serviceAccount.getImagePullSecrets().stream()
                .map(LocalObjectReference::getName).toList());
        names(w, "Mountable secrets", serviceAccount.getSecrets().stream().map(ObjectReference::getName).toList());
        w.field(0, "Tokens", null);
        return w.render();
    }

    /** One name per line, aligned under the first, as kubectl lists them. */
    private static void names(DescribeWriter w, String key, List<String> names) {
        if (names.isEmpty()) {
            w.field(0, key, null);
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            w.line(0, (i == 0 ? key + ":" : "") + "\t" + names.get(i));
        }
    }
}
