package io.korch.printing;

import io.korch.api.Secret;
import java.time.Instant;
import java.util.List;

/** Secrets as {@code kubectl get secrets} shows them: {@code NAME TYPE DATA AGE}, DATA counting keys, never showing values. */
public final class SecretPrinter implements TablePrinter<Secret> {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Type", "Used to facilitate programmatic handling of secret data. More info:"
                    + " https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
            Column.string("Data", "Data contains the secret data. Each key must consist of alphanumeric characters,"
                    + " '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string,"
                    + " representing the arbitrary (possibly non-string) data value here. Described in"
                    + " https://tools.ietf.org/html/rfc4648#section-4"),
            Column.age());

    SecretPrinter() {
    }

    @Override
    public Class<Secret> type() {
        return Secret.class;
    }

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Secret secret, Instant now) {
        return List.of(secret.getMetadata().getName(), Cells.orNone(secret.getType()), secret.getData().size(),
                Ages.age(secret.getMetadata().getCreationTimestamp(), now));
    }
}
