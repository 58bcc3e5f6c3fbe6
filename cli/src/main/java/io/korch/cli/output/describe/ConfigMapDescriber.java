package io.korch.cli.output.describe;

import io.korch.api.ConfigMap;
import io.korch.cli.output.DescribeWriter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code korch describe configmap}, laid out as kubectl's: metadata, then every data key with its
 * value under a rule, and the binaryData keys with their sizes.
 */
public final class ConfigMapDescriber {

    private ConfigMapDescriber() {
    }

    /** The report of {@code configMap}. */
    public static String describe(ConfigMap configMap) {
        DescribeWriter w = new DescribeWriter();
        w.field(0, "Name", configMap.getMetadata().getName());
        w.field(0, "Namespace", configMap.getMetadata().getNamespace());
        Sections.labelsAndAnnotations(w, configMap.getMetadata());
        w.line(0, "");
        w.line(0, "Data");
        w.line(0, "====");
        for (Map.Entry<String, String> entry : new TreeMap<>(configMap.getData()).entrySet()) {
            w.line(0, entry.getKey() + ":");
            w.line(0, "----");
            w.line(0, entry.getValue());
            w.line(0, "");
        }
        w.line(0, "");
        w.line(0, "BinaryData");
        w.line(0, "====");
        for (Map.Entry<String, String> entry : new TreeMap<>(configMap.getBinaryData()).entrySet()) {
            w.line(0, entry.getKey() + ":\t" + decodedSize(entry.getValue()) + " bytes");
        }
        return w.render();
    }

    static int decodedSize(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64).length;
        } catch (IllegalArgumentException e) {
            return base64.length();
        }
    }
}
