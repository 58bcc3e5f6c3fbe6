package io.korch.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A kubeconfig file ({@code kind: Config}) as kubectl reads and writes it: named clusters
 * (with their {@code server}), users and contexts (cluster, user, namespace), and the
 * {@code current-context}.
 *
 * <p>Immutable: each {@code with...} method returns a changed copy, keeping every field korch
 * does not know (certificates, tokens, extensions) as it was, so a file written back loses
 * nothing. {@link #yaml} writes keys in sorted order, as kubectl does; {@link #view} is what
 * {@code kubectl config view} shows, secrets replaced by {@code DATA+OMITTED} or
 * {@code REDACTED}.
 */
public final class KubeConfig {

    /**
     * One context.
     *
     * @param name      the context's name
     * @param cluster   the cluster it names, or "" when none
     * @param user      the user it names, or "" when none
     * @param namespace its namespace, or "" when none
     */
    public record Context(String name, String cluster, String user, String namespace) {
    }

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private static final Set<String> OMITTED_DATA = Set.of(
            "certificate-authority-data", "client-certificate-data", "client-key-data");
    private static final Set<String> REDACTED = Set.of("token", "password");

    private final ObjectNode root;

    private KubeConfig(ObjectNode root) {
        this.root = root;
    }

    /** A config with no clusters, users or contexts. */
    public static KubeConfig empty() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("apiVersion", "v1");
        root.putArray("clusters");
        root.putArray("contexts");
        root.put("current-context", "");
        root.put("kind", "Config");
        root.putObject("preferences");
        root.putArray("users");
        return new KubeConfig(root);
    }

    /**
     * Reads {@code file}; a file that does not exist reads as {@link #empty()}.
     *
     * @throws IllegalArgumentException with kubectl's message when the file is not a kubeconfig
     */
    public static KubeConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /**
     * Reads kubeconfig text; {@code source} names it in errors.
     *
     * @throws IllegalArgumentException when the text is not a YAML or JSON mapping
     */
    public static KubeConfig parse(String source, String text) {
        if (text.isBlank()) {
            return empty();
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("error loading config file \"" + source + "\": "
                    + e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " "));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return empty();
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException("error loading config file \"" + source + "\": not a kubeconfig mapping");
        }
        return new KubeConfig(tree.deepCopy());
    }

    /** The {@code current-context}, or "" when none is set. */
    public String currentContext() {
        return root.path("current-context").asText("");
    }

    /** Every context, in file order. */
    public List<Context> contexts() {
        List<Context> contexts = new ArrayList<>();
        for (JsonNode entry : root.path("contexts")) {
            JsonNode context = entry.path("context");
            contexts.add(new Context(entry.path("name").asText(""), context.path("cluster").asText(""),
                    context.path("user").asText(""), context.path("namespace").asText("")));
        }
        return contexts;
    }

    /** The context called {@code name}. */
    public Optional<Context> context(String name) {
        return contexts().stream().filter(context -> context.name().equals(name)).findFirst();
    }

    /** The {@code server} of the cluster called {@code name}, when it exists and has one. */
    public Optional<String> server(String clusterName) {
        return entry("clusters", clusterName)
                .map(entry -> entry.path("cluster").path("server").asText(""))
                .filter(server -> !server.isEmpty());
    }

    /** A copy whose {@code current-context} is {@code name}. */
    public KubeConfig withCurrentContext(String name) {
        ObjectNode copy = root.deepCopy();
        copy.put("current-context", name);
        return new KubeConfig(copy);
    }

    /** A copy with cluster {@code name} at {@code server}, added or with its server replaced. */
    public KubeConfig withCluster(String name, String server) {
        ObjectNode copy = root.deepCopy();
        body(copy, "clusters", name, "cluster").put("server", server);
        return new KubeConfig(copy);
    }

    /** A copy with user {@code name}, added with no credentials when missing. */
    public KubeConfig withUser(String name) {
        ObjectNode copy = root.deepCopy();
        body(copy, "users", name, "user");
        return new KubeConfig(copy);
    }

    /** A copy with context {@code name} naming {@code cluster}, {@code user} and {@code namespace} (null for none). */
    public KubeConfig withContext(String name, String cluster, String user, String namespace) {
        ObjectNode copy = root.deepCopy();
        ObjectNode context = body(copy, "contexts", name, "context");
        context.put("cluster", cluster);
        context.put("user", user);
        if (namespace == null) {
            context.remove("namespace");
        } else {
            context.put("namespace", namespace);
        }
        return new KubeConfig(copy);
    }

    /**
     * What {@code kubectl config view} shows: the config with certificate data as
     * {@code DATA+OMITTED} and tokens and passwords as {@code REDACTED} unless {@code raw}, and
     * only the current context with its cluster and user when {@code minify}.
     *
     * @throws IllegalArgumentException when {@code minify} and there is no current context
     */
    public JsonNode view(boolean raw, boolean minify) {
        ObjectNode copy = root.deepCopy();
        for (String list : List.of("clusters", "contexts", "users")) {
            if (copy.path(list).isEmpty()) {
                copy.putNull(list);
            }
        }
        if (!copy.has("current-context")) {
            copy.put("current-context", "");
        }
        if (!copy.has("preferences")) {
            copy.putObject("preferences");
        }
        if (minify) {
            Context current = context(currentContext()).orElseThrow(() ->
                    new IllegalArgumentException("current-context must exist in order to minify"));
            keepOnly(copy, "contexts", current.name());
            keepOnly(copy, "clusters", current.cluster());
            keepOnly(copy, "users", current.user());
        }
        if (!raw) {
            redact(copy);
        }
        return copy;
    }

    /** The config as YAML, keys sorted, as kubectl writes it. */
    public String yaml() {
        return yaml(root);
    }

    /** {@code value} as YAML with its keys sorted. */
    public static String yaml(JsonNode value) {
        try {
            return YAML.writeValueAsString(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render YAML", e);
        }
    }

    /**
     * Writes the config to {@code file}, readable by its owner only (as kubectl writes kubeconfigs),
     * creating its directory; the file is replaced in one step, so a reader never sees half of it.
     */
    public void write(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                restrictToOwner(temp);
                Files.writeString(temp, yaml());
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the default permissions.
        }
    }

    private Optional<JsonNode> entry(String list, String name) {
        for (JsonNode entry : root.path(list)) {
            if (entry.path("name").asText("").equals(name)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The {@code field} object of entry {@code name} of {@code list} in {@code root}, added when missing. */
    private static ObjectNode body(ObjectNode root, String list, String name, String field) {
        JsonNode existing = root.get(list);
        ArrayNode entries = existing instanceof ArrayNode array ? array : root.putArray(list);
        for (JsonNode entry : entries) {
            if (entry instanceof ObjectNode object && object.path("name").asText("").equals(name)) {
                JsonNode body = object.get(field);
                return body instanceof ObjectNode found ? found : object.putObject(field);
            }
        }
        ObjectNode entry = entries.addObject();
        entry.put("name", name);
        return entry.putObject(field);
    }

    private static void keepOnly(ObjectNode root, String list, String name) {
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode entry : root.path(list)) {
            if (entry.path("name").asText("").equals(name)) {
                kept.add(entry);
            }
        }
        root.set(list, kept);
    }

    private static void redact(ObjectNode root) {
        for (String list : List.of("clusters", "users")) {
            for (JsonNode entry : root.path(list)) {
                for (JsonNode body : List.of(entry.path("cluster"), entry.path("user"))) {
                    if (body instanceof ObjectNode object) {
                        OMITTED_DATA.stream().filter(object::has).forEach(key -> object.put(key, "DATA+OMITTED"));
                        REDACTED.stream().filter(object::has).forEach(key -> object.put(key, "REDACTED"));
                    }
                }
            }
        }
    }

    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            List<String> keys = new ArrayList<>();
            value.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            keys.forEach(key -> copy.set(key, sorted(value.get(key))));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return value;
    }
}
