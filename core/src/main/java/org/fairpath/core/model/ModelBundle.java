package org.fairpath.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fairpath.core.Fairpath;
import org.fairpath.core.PemKeys;
import org.fairpath.core.Schema;
import org.fairpath.core.Sha256;
import org.fairpath.core.ServiceCatalogue;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;

/**
 * Saves and loads {@link OutcomeModels} as a bundle directory. Models are stored in Tribuo's protobuf format and as
 * compiled scorers in JSON; Java serialization is never used.
 *
 * <pre>
 * manifest.json    schemaVersion, modelVersion, fairpathVersion, created, the SHA-256 of every other file, and
 *                  the SHA-256 of the manifest itself without that last field
 * schema.json      the attribute schema
 * services.json    the service catalogue
 * training.json    settings and training summary (counts, rates, weights, column ranges, data fingerprint)
 * scorers.json     the compiled scorers (point model and bags per option, and the profiling model)
 * provenance.json  Tribuo's provenance of each point model
 * card.json        the model card (follows model-card.schema.json), with card.md and card.html for people
 * tribuo/KEY.pb    each Tribuo model, protobuf
 * manifest.sig     optional: an Ed25519 signature over manifest.json ({@link #sign}), required by
 *                  {@link #load(Path, Collection)}
 * </pre>
 *
 * <p>The model version is the SHA-256 over the hashes of schema, services, training summary and compiled scorers —
 * everything that decides a suggestion — so retraining on the same data with the same settings gives the same
 * version. Loading refuses a bundle with a missing, extra or altered file, naming it.
 *
 * <p>Anyone can recompute the manifest's hashes, so loading also treats every file as hostile: listed names must be
 * plain relative names, real paths must stay inside the bundle (links out are refused), sizes are capped before
 * reading, every JSON file's {@code schemaVersion} must be supported, and the columns and levels the models were
 * trained with must equal what {@code schema.json} encodes (a reordered or added level is an error naming the
 * attribute). Only a signature tells who made a bundle: {@link #load(Path, Collection)} accepts a bundle signed by a
 * trusted key and nothing else.
 */
public final class ModelBundle {

    /** The version of the bundle layout this class reads and writes. */
    public static final int FORMAT_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> VERSIONED = List.of("schema.json", "services.json", "training.json",
            "scorers.json");

    private ModelBundle() {
    }

    /** The model version of {@code models}: see the class comment. */
    static String version(OutcomeModels models) {
        Map<String, byte[]> files = content(models);
        StringBuilder sb = new StringBuilder();
        for (String f : VERSIONED) {
            sb.append(f).append('=').append(Sha256.hex(files.get(f))).append('\n');
        }
        return Sha256.hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** provenance.json: Tribuo's provenance of each point model. */
    private static byte[] provenance(Map<String, Model<Label>> tribuo) {
        ObjectNode provenance = JSON.createObjectNode();
        tribuo.forEach((key, model) -> {
            if (!key.contains("#")) {
                provenance.put(key, model.getProvenance().toString());
            }
        });
        return bytes(provenance);
    }

    private static Map<String, byte[]> content(OutcomeModels m) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("schema.json", m.schema().toJson().getBytes(StandardCharsets.UTF_8));
        files.put("services.json", m.catalogue().toJson().getBytes(StandardCharsets.UTF_8));
        files.put("training.json", bytes(ScorerJson.training(JSON, m.settings(), m.summary(), m.options())));
        files.put("scorers.json", bytes(ScorerJson.scorers(JSON, m.schema(), m.options(), m.scorers())));
        return files;
    }

    /**
     * Writes {@code models} into {@code directory}, which must not exist or be empty.
     *
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if the directory exists and is not empty
     */
    public static void save(OutcomeModels models, Path directory) throws IOException {
        save(models, directory, CardDetails.notStated());
    }

    /**
     * Writes {@code models} into {@code directory} (which must not exist or be empty), with a model card that carries
     * the deployer's {@code details}.
     *
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if the directory exists and is not empty
     */
    public static void save(OutcomeModels models, Path directory, CardDetails details) throws IOException {
        Objects.requireNonNull(details, "details");
        if (Files.exists(directory)) {
            try (Stream<Path> s = Files.list(directory)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("bundle directory " + directory + " is not empty; choose a"
                            + " new directory so no older bundle file is mixed in");
                }
            }
        }
        Map<String, byte[]> files = content(models);
        for (Map.Entry<String, Model<Label>> e : models.tribuoModels().entrySet()) {
            files.put("tribuo/" + e.getKey().replace('#', '-') + ".pb", e.getValue().serialize().toByteArray());
        }
        files.put("provenance.json", provenance(models.tribuoModels()));
        String created = OffsetDateTime.now(ZoneOffset.UTC).toString();
        Map<String, String> hashed = new TreeMap<>();
        files.forEach((name, content) -> hashed.put(name, Sha256.hex(content)));
        JsonNode card = ModelCard.json(JSON, models, details, created, hashed);
        files.put(ModelCard.JSON_FILE, bytes(card));
        files.put(ModelCard.MARKDOWN_FILE, ModelCard.markdown(card).getBytes(StandardCharsets.UTF_8));
        files.put(ModelCard.HTML_FILE, ModelCard.html(card).getBytes(StandardCharsets.UTF_8));
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", FORMAT_VERSION);
        manifest.put("modelVersion", models.version());
        manifest.put("fairpathVersion", Fairpath.VERSION);
        manifest.put("created", created);
        ObjectNode hashes = manifest.putObject("files");
        new TreeMap<>(files).forEach((name, content) -> hashes.put(name, Sha256.hex(content)));
        Files.createDirectories(directory.resolve("tribuo"));
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(directory.resolve(e.getKey()), e.getValue());
        }
        // a hash of the manifest itself (without this field) catches damage to its other fields
        manifest.put("manifestSha256", Sha256.hex(bytes(manifest)));
        // the manifest last: a bundle without one was not completely written
        Files.write(directory.resolve("manifest.json"), bytes(manifest));
    }

    /**
     * Loads a bundle, checking every file against the manifest first.
     *
     * @throws IOException              if reading fails
     * @throws IllegalArgumentException naming the file if one is missing, unexpected or altered, or the bundle is of
     *                                  another format version
     */
    public static OutcomeModels load(Path directory) throws IOException {
        return read(directory, null);
    }

    /**
     * Loads a bundle only if its manifest is signed ({@link #sign}) by one of {@code trustedKeys}, then checks every
     * file as {@link #load(Path)} does. The signature is checked over the very bytes of the manifest that are then
     * used, with the trusted key (never the key the bundle carries).
     *
     * @throws IllegalArgumentException if no key is given, the bundle is unsigned, signed by a key that is not trusted
     *                                  (naming its fingerprint), or the signature does not verify over the manifest;
     *                                  and for everything {@link #load(Path)} refuses
     */
    public static OutcomeModels load(Path directory, Collection<PublicKey> trustedKeys) throws IOException {
        Objects.requireNonNull(trustedKeys, "trustedKeys");
        if (trustedKeys.isEmpty()) {
            throw new IllegalArgumentException("no trusted keys given; pass the public keys whose signatures are"
                    + " accepted, or use load(directory) for an unsigned bundle");
        }
        return read(directory, List.copyOf(trustedKeys));
    }

    /**
     * Signs the bundle in {@code directory} with the Ed25519 {@code key}: checks that the bundle loads, then writes
     * {@code manifest.sig}, a signature over the exact bytes of {@code manifest.json} (replacing an earlier signature).
     *
     * @return the fingerprint of the signing key ({@link PemKeys#fingerprint})
     * @throws IllegalArgumentException if the bundle does not load or the key is not an Ed25519 private key
     */
    public static String sign(Path directory, PrivateKey key) throws IOException {
        Path root = BundleFiles.root(directory);
        byte[] manifest = BundleFiles.read(root.resolve("manifest.json"), "manifest.json",
                BundleFiles.MAX_MANIFEST_BYTES);
        read(directory, null, manifest);
        return BundleSignature.write(root, manifest, key);
    }

    /**
     * Who signed the bundle in {@code directory}: the fingerprint ({@link PemKeys#fingerprint}) of the key in its
     * {@code manifest.sig}, after checking that the signature verifies over its manifest with that key; empty when
     * the bundle is unsigned. This says which key signed, not that the key is trusted: that is
     * {@link #load(Path, Collection)}'s job.
     *
     * @throws IllegalArgumentException if manifest.sig is present but broken or does not verify
     */
    public static java.util.Optional<String> signer(Path directory) throws IOException {
        Path root = BundleFiles.root(directory);
        byte[] manifest = BundleFiles.read(root.resolve("manifest.json"), "manifest.json",
                BundleFiles.MAX_MANIFEST_BYTES);
        return BundleSignature.check(root, manifest, null);
    }

    private static OutcomeModels read(Path directory, List<PublicKey> trusted) throws IOException {
        return read(directory, trusted, null);
    }

    /** Loads, checking the signature first when {@code trusted} is given; {@code expectedManifest}: see sign. */
    private static OutcomeModels read(Path directory, List<PublicKey> trusted, byte[] expectedManifest)
            throws IOException {
        Path root = BundleFiles.root(directory);
        Path manifestFile = root.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("no manifest.json in " + directory + "; not a fairpath model bundle"
                    + " (or an incompletely written one)");
        }
        byte[] manifestBytes = BundleFiles.read(manifestFile, "manifest.json", BundleFiles.MAX_MANIFEST_BYTES);
        if (expectedManifest != null && !java.util.Arrays.equals(expectedManifest, manifestBytes)) {
            throw new IllegalArgumentException("manifest.json changed while the bundle was being signed; not signed");
        }
        if (expectedManifest == null) { // signing replaces the signature, so an older one need not verify
            BundleSignature.check(root, manifestBytes, trusted);
        }
        JsonNode manifest = BundleFiles.json(manifestBytes, "manifest.json");
        if (!manifest.path("files").isObject()) {
            throw new IllegalArgumentException("bundle file manifest.json is not a bundle manifest (an object with"
                    + " 'schemaVersion', 'modelVersion' and 'files')");
        }
        ObjectNode unsigned = ((ObjectNode) manifest).deepCopy();
        String recordedSelf = unsigned.path("manifestSha256").asText("");
        unsigned.remove("manifestSha256");
        if (!Sha256.hex(bytes(unsigned)).equals(recordedSelf)) {
            throw new IllegalArgumentException("bundle file manifest.json does not match its own recorded SHA-256; it"
                    + " was altered or damaged");
        }
        if (manifest.path("schemaVersion").asInt(-1) != FORMAT_VERSION) {
            throw new IllegalArgumentException("manifest.json: schemaVersion is " + manifest.get("schemaVersion")
                    + "; this fairpath reads bundle format " + FORMAT_VERSION);
        }
        Map<String, String> expected = new TreeMap<>();
        manifest.path("files").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
        expected.keySet().forEach(BundleFiles::checkName);
        List<String> present = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> present.add(root.relativize(p).toString().replace('\\', '/')));
        }
        present.remove("manifest.json");
        present.remove(BundleSignature.FILE);
        for (String f : present) {
            Path p = root.resolve(f);
            if (Files.isSymbolicLink(p)) {
                Path target;
                try {
                    target = p.toRealPath();
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new IllegalArgumentException("bundle file " + f + " is a link to nothing; refused");
                }
                if (!target.startsWith(root)) {
                    throw new IllegalArgumentException("bundle file " + f + (Files.isDirectory(target) ? "/" : "")
                            + " is a link leading outside the bundle (to " + target + "); links out of a bundle are"
                            + " refused");
                }
            }
            if (!expected.containsKey(f)) {
                throw new IllegalArgumentException("bundle file " + f + " is not listed in manifest.json; refusing a"
                        + " bundle with unexpected content");
            }
        }
        Map<String, Path> real = new LinkedHashMap<>();
        long total = 0;
        for (String name : expected.keySet()) {
            Path p = BundleFiles.resolve(root, name);
            long size = Files.size(p);
            if (size > BundleFiles.MAX_FILE_BYTES) {
                throw BundleFiles.tooLarge(name, size, BundleFiles.MAX_FILE_BYTES);
            }
            total += size;
            if (total > BundleFiles.MAX_TOTAL_BYTES) {
                throw new IllegalArgumentException("bundle files add up to more than " + BundleFiles.MAX_TOTAL_BYTES
                        + " bytes (at " + name + "); refused before reading");
            }
            real.put(name, p);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            byte[] content = BundleFiles.read(real.get(e.getKey()), e.getKey(), BundleFiles.MAX_FILE_BYTES);
            if (!Sha256.hex(content).equals(e.getValue())) {
                throw new IllegalArgumentException("bundle file " + e.getKey() + " does not match its SHA-256 in"
                        + " manifest.json; it was altered or damaged");
            }
            files.put(e.getKey(), content);
        }
        for (String required : List.of("schema.json", "services.json", "training.json", "scorers.json",
                ModelCard.JSON_FILE, ModelCard.MARKDOWN_FILE, ModelCard.HTML_FILE)) {
            if (!files.containsKey(required)) {
                throw new IllegalArgumentException("bundle file " + required + " is not listed in manifest.json; a"
                        + " bundle needs it");
            }
        }
        Schema schema = inFile("schema.json", () -> Schema.fromJson(text(files, "schema.json")));
        ServiceCatalogue catalogue = inFile("services.json",
                () -> ServiceCatalogue.fromJson(text(files, "services.json"), schema));
        JsonNode training = BundleFiles.json(files.get("training.json"), "training.json");
        BundleFiles.requireVersion(training, "training.json", ScorerJson.TRAINING_VERSION);
        JsonNode scorers = BundleFiles.json(files.get("scorers.json"), "scorers.json");
        BundleFiles.requireVersion(scorers, "scorers.json", ScorerJson.SCORERS_VERSION);
        List<String> options = inFile("training.json", () -> ScorerJson.options(training));
        inFile("training.json", () -> checkOptions(options, catalogue));
        TrainingSettings settings = inFile("training.json", () -> ScorerJson.settings(training));
        TrainingSummary summary = inFile("training.json", () -> ScorerJson.summary(training, options));
        Scorer[][] compiled = inFile("scorers.json", () -> ScorerJson.readScorers(scorers, options,
                settings.bags()));
        Map<String, Model<Label>> tribuo = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (e.getKey().startsWith("tribuo/")) {
                String key = e.getKey().substring("tribuo/".length(), e.getKey().length() - ".pb".length());
                @SuppressWarnings("unchecked")
                Model<Label> m = inFile(e.getKey(), () -> {
                    try {
                        return (Model<Label>) Model.deserialize(ModelProto.parseFrom(e.getValue()));
                    } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                        throw new IllegalArgumentException("not a Tribuo model: " + x.getMessage());
                    }
                });
                tribuo.put(key.replace('-', '#'), m);
            }
        }
        BundleColumns.check(scorers, schema, options, compiled, tribuo);
        Datasheet datasheet = checkCard(files.get(ModelCard.JSON_FILE), manifest, expected);
        List<HeldOutCalibration> calibration = inFile(ModelCard.JSON_FILE, () -> {
            ModelCard.checkAgainst(datasheet, schema, summary);
            JsonNode cardJson = BundleFiles.json(files.get(ModelCard.JSON_FILE), ModelCard.JSON_FILE);
            ModelCard.checkPerformance(cardJson, summary);
            return ModelCard.checkHeldOut(cardJson, summary, settings, options);
        });
        int width = org.fairpath.core.FeatureEncoder.of(schema).width();
        for (double[] column : List.of(summary.columnMin(), summary.columnMax(), summary.columnMean())) {
            if (column.length != width) {
                throw new IllegalArgumentException("bundle file training.json: the column ranges have " + column.length
                        + " entries for " + width + " encoded columns");
            }
        }
        java.util.Set<String> allowances = new java.util.LinkedHashSet<>(options);
        allowances.add(OutcomeModels.PROFILING);
        if (settings.bags() >= 2 ? !summary.biasAllowance().keySet().equals(allowances)
                : !summary.biasAllowance().isEmpty()) {
            throw new IllegalArgumentException("bundle file training.json: summary.biasAllowance has "
                    + summary.biasAllowance().keySet() + "; with " + settings.bags() + " bags it must have "
                    + (settings.bags() >= 2 ? allowances : "none"));
        }
        if (!summary.upliftAllowance().keySet().equals(settings.bags() >= 2 ? new java.util.LinkedHashSet<>(
                catalogue.ids()) : java.util.Set.of())) {
            throw new IllegalArgumentException("bundle file training.json: summary.upliftAllowance has "
                    + summary.upliftAllowance().keySet() + "; with " + settings.bags() + " bags it must have "
                    + (settings.bags() >= 2 ? catalogue.ids() : "none"));
        }
        OutcomeModels models = new OutcomeModels(schema, catalogue, settings, options, compiled, tribuo, summary,
                datasheet, calibration);
        String recorded = manifest.path("modelVersion").asText();
        if (!models.version().equals(recorded)) {
            throw new IllegalArgumentException("manifest.json records model version " + recorded + " but the bundle's"
                    + " content hashes to " + models.version());
        }
        // the model version covers schema, services, training and scorers; these tie the other files to them
        BundleConsistency.tribuoMatchesScorers(options, compiled, tribuo,
                org.fairpath.core.FeatureEncoder.of(schema).featureNames(), summary);
        BundleConsistency.card(BundleFiles.json(files.get(ModelCard.JSON_FILE), ModelCard.JSON_FILE),
                files.get(ModelCard.MARKDOWN_FILE), files.get(ModelCard.HTML_FILE), schema);
        return models;
    }

    /**
     * Checks card.json against its JSON Schema and the manifest (same model version, same hash of every other file)
     * and returns its datasheet (null when the card has none).
     */
    private static Datasheet checkCard(byte[] bytes, JsonNode manifest, Map<String, String> expected) {
        JsonNode card = BundleFiles.json(bytes, ModelCard.JSON_FILE);
        BundleFiles.requireVersion(card, ModelCard.JSON_FILE, ModelCard.VERSION);
        List<String> problems = CardSchema.problems(card);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bundle file card.json does not follow model-card.schema.json ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "): "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
        }
        String version = card.at("/model/modelVersion").asText();
        if (!version.equals(manifest.path("modelVersion").asText())) {
            throw new IllegalArgumentException("bundle file card.json describes model version " + version + ", not"
                    + " the bundle's " + manifest.path("modelVersion").asText());
        }
        Map<String, String> carded = new TreeMap<>();
        card.at("/hashes/files").fields().forEachRemaining(e -> carded.put(e.getKey(), e.getValue().asText()));
        Map<String, String> others = new TreeMap<>(expected);
        others.keySet().removeAll(List.of(ModelCard.JSON_FILE, ModelCard.MARKDOWN_FILE, ModelCard.HTML_FILE));
        if (!carded.equals(others)) {
            throw new IllegalArgumentException("bundle file card.json lists other files or hashes than manifest.json;"
                    + " the card does not describe this bundle");
        }
        inFile(ModelCard.JSON_FILE, () -> ModelCard.details(card));
        // the card's performance must be training.json's (checked after both are parsed: see read)
        return inFile(ModelCard.JSON_FILE, () -> ModelCard.datasheet(card));
    }

    /**
     * Runs a parser of bundle file {@code name}, naming the file in its error. The file's hash matched, but anyone can
     * recompute a hash, so any failure of the parser (a field missing or of the wrong type) is a refusal of the
     * bundle, never an escaping NullPointerException or ClassCastException.
     */
    private static <T> T inFile(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bundle file " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bundle file " + name + " does not have the structure this fairpath"
                    + " writes (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static String text(Map<String, byte[]> files, String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /**
     * The options must be no_programme and then exactly the catalogue's services, in order; or none at all for a
     * catalogue without services (a profiling-only deployment without outcome models).
     */
    private static List<String> checkOptions(List<String> options, ServiceCatalogue catalogue) {
        List<String> expected = new java.util.ArrayList<>();
        expected.add(ServiceCatalogue.BASELINE);
        expected.addAll(catalogue.ids());
        if (!options.equals(expected) && !(options.isEmpty() && catalogue.ids().isEmpty())) {
            throw new IllegalArgumentException("options " + options + " do not match the catalogue in services.json;"
                    + " they must be " + expected + (catalogue.ids().isEmpty() ? " or [] (profiling only)" : ""));
        }
        return options;
    }
}
