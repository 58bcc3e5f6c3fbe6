package io.korch.cli.output.describe;

import io.korch.api.Secret;
import io.korch.cli.output.DescribeWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code korch describe secret}, laid out as kubectl's: metadata, the type, and each data key
 * with the size of its value, never the value.
 */
public final class SecretDescriber {

    private SecretDescriber() {
    }

    /** The report of {@code secret}. */
    public static String describe(Secret secret) {
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", secret.getMetadata().getName());
        w.field(0, "Namespace", secret.getMetadata().getNamespace());
        Sections.labelsAndAnnotations(w, secret.getMetadata());
        w.line(0, "");
        w.field(0, "Type", secret.getType());
        w.line(0, "");
        w.line(0, "Data");
        w.line(0, "====");
        for (Map.Entry<String, String> entry : new TreeMap<>(secret.getData()).entrySet()) {
            w.line(0, entry.getKey() + ":\t" + ConfigMapDescriber.decodedSize(entry.getValue()) + " bytes");
        }
        return w.render();
    }
}
