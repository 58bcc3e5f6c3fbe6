package io.korch.cli.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.korch.json.ApiJson;
import io.korch.json.FieldException;
import io.korch.json.Manifests;
import io.korch.model.ApiKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the manifests named by {@code -f} — files, directories and {@code -} for standard input —
 * and checks every document locally, so that a bad file is refused before anything is sent.
 *
 * <p>A directory stands for its {@code *.yaml}, {@code *.yml} and {@code *.json} files in name
 * order (not its subdirectories). Each file may hold several YAML documents. Every document must
 * be a kind korch serves at that {@code apiVersion} ({@link ApiKind#fromManifest}), have a name,
 * and fit the kind's schema exactly ({@link ApiJson#read}); the first problem found stops loading
 * with a {@link ManifestException} naming the file and the field.
 */
public final class ManifestLoader {

    /** How standard input is named in messages, as kubectl does. */
    public static final String STDIN = "STDIN";

    private final Supplier<InputStream> stdin;

    /** A loader reading {@code -} from {@code stdin}. */
    public ManifestLoader(Supplier<InputStream> stdin) {
        this.stdin = stdin;
    }

    /**
     * Every object of every source, in order: sources as given, files of a directory by name,
     * documents of a file as written.
     *
     * @throws ManifestException on the first source or document that cannot be used
     */
    public List<ManifestObject> load(List<String> sources) {
        if (sources.isEmpty()) {
            throw new ManifestException("must specify -f FILE (a file, a directory, or - for standard input)");
        }
        List<ManifestObject> objects = new ArrayList<>();
        for (String source : sources) {
            for (Input input : inputs(source)) {
                objects.addAll(parse(input.text(), input.name()));
            }
        }
        return objects;
    }

    /** The objects of one manifest text; {@code source} names it in messages. */
    public static List<ManifestObject> parse(String text, String source) {
        List<JsonNode> documents;
        try {
            documents = Manifests.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ManifestException("error parsing " + source + ": " + oneLine(e.getMessage()), e);
        }
        List<ManifestObject> objects = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            objects.add(toObject(documents.get(i), source, documents.size() > 1 ? i + 1 : 0));
        }
        return objects;
    }

    private static ManifestObject toObject(JsonNode document, String source, int number) {
        String where = number == 0 ? source : source + " (document " + number + ")";
        String apiVersion = text(document, "apiVersion");
        String kindName = text(document, "kind");
        if (apiVersion == null || kindName == null) {
            throw new ManifestException("error validating " + where + ": "
                    + (kindName == null ? "kind" : "apiVersion") + " not set");
        }
        ApiKind kind = ApiKind.fromManifest(apiVersion, kindName).orElseThrow(() -> new ManifestException(
                "kind \"" + kindName + "\" (" + apiVersion + ") is not supported by korch"));
        String name = text(document.path("metadata"), "name");
        String object = name == null ? kind.kind() : kind.kind() + " \"" + name + "\"";
        SpecificRecord record;
        try {
            record = ApiJson.read(document, kind.type());
        } catch (FieldException e) {
            throw new ManifestException("error validating " + where + ": " + object + ": " + e.getMessage(), e);
        }
        if (name == null) {
            throw new ManifestException("error validating " + where + ": " + object + ": metadata.name: required value");
        }
        return new ManifestObject(kind, record, source);
    }

    private List<Input> inputs(String source) {
        if (source.equals("-")) {
            try (InputStream in = stdin.get()) {
                return List.of(new Input(STDIN, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new ManifestException("cannot read standard input: " + e.getMessage(), e);
            }
        }
        Path path = Path.of(source);
        if (!Files.exists(path)) {
            throw new ManifestException("the path \"" + source + "\" does not exist");
        }
        if (Files.isDirectory(path)) {
            List<Input> inputs = new ArrayList<>();
            for (Path file : manifestFiles(path)) {
                inputs.add(new Input(file.toString(), read(file)));
            }
            return inputs;
        }
        return List.of(new Input(source, read(path)));
    }

    /** The manifest files directly inside {@code dir}, sorted by name. */
    static List<Path> manifestFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(ManifestLoader::isManifestFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ManifestException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isManifestFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field))
                .filter(JsonNode::isTextual)
                .map(JsonNode::textValue)
                .filter(value -> !value.isEmpty())
                .orElse(null);
    }

    /**
     * A parser message on one line: the YAML parser's excerpt lines ({@code in 'reader', line 4},
     * the quoted source and its caret) are dropped, the remaining sentences joined.
     */
    static String oneLine(String message) {
        List<String> parts = new ArrayList<>();
        for (String line : message.split("\\R")) {
            String text = line.strip();
            if (!text.isEmpty() && !text.startsWith("in 'reader'") && !text.equals("^") && !line.startsWith("    ")) {
                parts.add(text);
            }
        }
        return String.join("; ", parts);
    }

    private record Input(String name, String text) {
    }
}
