package io.korch.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.korch.model.ApiKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code korch history} from the API's {@code ObjectHistory}, whose {@code items} are
 * the object's versions, oldest first, each with its {@code revision}, {@code time}, {@code actor},
 * change {@code type} and the full {@code object}.
 *
 * <p>{@link #summary} is a table of the versions followed, for each version after the first, by a
 * unified diff of its YAML against the version before ({@link LineDiff}). The diff leaves out
 * {@code metadata.resourceVersion}, which changes every time and is the REVISION shown.
 * {@link #yaml} prints every full version as a YAML document under a comment naming it.
 */
public final class HistoryWriter {

    private static final int CONTEXT_LINES = 3;

    private HistoryWriter() {
    }

    /** The table {@code REVISION TIME ACTOR CHANGE}, then the diff of each version from the one before. */
    public static String summary(ApiKind kind, JsonNode history) {
        List<JsonNode> versions = versions(history);
        Table table = Table.of("REVISION", "TIME", "ACTOR", "CHANGE");
        versions.forEach(version -> table.row(text(version, "revision"), text(version, "time"),
                text(version, "actor"), text(version, "type")));
        StringBuilder out = new StringBuilder(table.render());
        for (int i = 1; i < versions.size(); i++) {
            out.append('\n').append(diff(kind, versions.get(i - 1), versions.get(i)));
        }
        return out.toString();
    }

    /** Every version as a YAML document headed {@code # revision R at TIME by ACTOR (TYPE)}, separated by {@code ---}. */
    public static String yaml(ApiKind kind, JsonNode history) {
        StringBuilder out = new StringBuilder();
        for (JsonNode version : versions(history)) {
            if (!out.isEmpty()) {
                out.append("---\n");
            }
            out.append("# ").append(title(version)).append('\n');
            out.append(ObjectFormats.yaml(ObjectFormats.withKind(kind, version.path("object"))));
        }
        return out.toString();
    }

    private static String diff(ApiKind kind, JsonNode before, JsonNode after) {
        StringBuilder out = new StringBuilder();
        out.append("--- revision ").append(text(before, "revision")).append(" (").append(text(before, "type")).append(")\n");
        out.append("+++ ").append(title(after)).append('\n');
        List<String> hunks = LineDiff.unified(diffable(kind, before), diffable(kind, after), CONTEXT_LINES);
        if (hunks.isEmpty()) {
            out.append("(object unchanged)\n");
        }
        hunks.forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /** The lines of a version's YAML, without its resourceVersion. */
    private static List<String> diffable(ApiKind kind, JsonNode version) {
        JsonNode object = ObjectFormats.withKind(kind, version.path("object")).deepCopy();
        if (object.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove("resourceVersion");
        }
        return ObjectFormats.yaml(object).lines().toList();
    }

    private static String title(JsonNode version) {
        return "revision " + text(version, "revision") + " at " + text(version, "time")
                + " by " + text(version, "actor") + " (" + text(version, "type") + ")";
    }

    private static List<JsonNode> versions(JsonNode history) {
        List<JsonNode> versions = new ArrayList<>();
        history.path("items").forEach(versions::add);
        return versions;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "<none>" : value.asText();
    }
}
