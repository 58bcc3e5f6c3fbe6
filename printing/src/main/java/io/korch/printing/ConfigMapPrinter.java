package io.korch.printing;

import io.korch.api.ConfigMap;
import java.time.Instant;
import java.util.List;

/** ConfigMaps as {@code kubectl get configmaps} shows them: {@code NAME DATA AGE}, DATA counting the keys of data and binaryData. */
public final class ConfigMapPrinter implements TablePrinter<ConfigMap> {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Data", "Data contains the configuration data. Each key must consist of alphanumeric"
                    + " characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData"
                    + " field. The keys stored in Data must not overlap with the keys in the BinaryData field, this"
                    + " is enforced during validation process."),
            Column.age());

    ConfigMapPrinter() {
    }

    @Override
    public Class<ConfigMap> type() {
        return ConfigMap.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ConfigMap configMap, Instant now) {
        return List.of(configMap.getMetadata().getName(),
                configMap.getData().size() + configMap.getBinaryData().size(),
                Ages.age(configMap.getMetadata().getCreationTimestamp(), now));
    }
}
