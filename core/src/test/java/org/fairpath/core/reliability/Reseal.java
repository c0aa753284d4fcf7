package org.fairpath.core.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fairpath.core.Sha256;

/** The attacker's tool for bundle tests: recomputes a bundle's manifest after an edit. */
public final class Reseal {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> VERSIONED = List.of("schema.json", "services.json", "training.json",
            "scorers.json");

    private Reseal() {
    }

    /**
     * What an attacker does after editing a bundle: recompute every file's SHA-256 (following links, as a reader
     * would), the model version and the manifest's own hash. {@code extra} lists names with a chosen hash (for files
     * too large to hash in a test).
     */
    public static void reseal(Path bundle, Map<String, String> extra) throws IOException {
        reseal(bundle, extra, true);
    }

    /** Recomputes the manifest only, leaving card.json as it is. */
    public static void resealManifestOnly(Path bundle) throws IOException {
        reseal(bundle, Map.of(), false);
    }

    private static void reseal(Path bundle, Map<String, String> extra, boolean card) throws IOException {
        if (card && Files.isRegularFile(bundle.resolve("card.json"))) {
            fixCard(bundle, extra);
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(bundle.resolve("manifest.json").toFile());
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> s = Files.walk(bundle)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = bundle.relativize(p).toString().replace('\\', '/');
                if (!name.equals("manifest.json") && !name.equals("manifest.sig") && !extra.containsKey(name)) {
                    hashes.put(name, Sha256.hex(Files.readAllBytes(p)));
                }
            }
        }
        hashes.putAll(extra);
        ObjectNode files = manifest.putObject("files");
        hashes.forEach(files::put);
        StringBuilder sb = new StringBuilder();
        for (String f : VERSIONED) {
            if (hashes.containsKey(f)) {
                sb.append(f).append('=').append(hashes.get(f)).append('\n');
            }
        }
        manifest.put("modelVersion", Sha256.hex(sb.toString().getBytes(StandardCharsets.UTF_8)));
        manifest.remove("manifestSha256");
        manifest.put("manifestSha256", Sha256.hex(JSON.writeValueAsBytes(manifest)));
        Files.write(bundle.resolve("manifest.json"), JSON.writeValueAsBytes(manifest));
    }

    public static void reseal(Path bundle) throws IOException {
        reseal(bundle, Map.of());
    }


    /** What a careful attacker also does: make card.json list the new hashes and model version. */
    private static void fixCard(Path bundle, Map<String, String> extra) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> s = Files.walk(bundle)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = bundle.relativize(p).toString().replace('\\', '/');
                if (!List.of("manifest.json", "manifest.sig", "card.json", "card.md", "card.html").contains(name)
                        && !extra.containsKey(name)) {
                    hashes.put(name, Sha256.hex(Files.readAllBytes(p)));
                }
            }
        }
        hashes.putAll(extra);
        StringBuilder sb = new StringBuilder();
        for (String f : VERSIONED) {
            if (hashes.containsKey(f)) {
                sb.append(f).append('=').append(hashes.get(f)).append('\n');
            }
        }
        Path cardFile = bundle.resolve("card.json");
        ObjectNode card = (ObjectNode) JSON.readTree(cardFile.toFile());
        if (card.get("hashes") instanceof ObjectNode h && card.get("model") instanceof ObjectNode m) {
            ObjectNode files = h.putObject("files");
            hashes.forEach(files::put);
            m.put("modelVersion", Sha256.hex(sb.toString().getBytes(StandardCharsets.UTF_8)));
            Files.write(cardFile, JSON.writeValueAsBytes(card));
        }
        // and renders card.md and card.html from the edited card, so the people's card says what card.json says
        // (a card the fuzzer broke may not render: then the files stay as they are)
        try {
            String md = org.fairpath.core.model.CardRendering.markdown(card);
            String html = org.fairpath.core.model.CardRendering.html(card);
            Files.writeString(bundle.resolve("card.md"), md);
            Files.writeString(bundle.resolve("card.html"), html);
        } catch (RuntimeException e) {
            // left stale: loading refuses the card anyway
        }
    }
}
