package org.fairpath.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services a PES offers, each with its eligibility rule, checked against one {@link Schema}.
 *
 * <p>Immutable and thread-safe. Loading rejects, with every problem listed, rules on unknown attributes, values of
 * the wrong type, unknown levels and operators that do not apply to the attribute's type.
 *
 * <p>JSON form (version 1):
 * <pre>{@code
 * {"schemaVersion": 1, "name": "pes-default-services", "services": [
 *   {"id": "vocational_training", "labels": {"en": "Vocational training"}, "descriptions": {"en": "..."},
 *    "intensity": 4, "capacity": 1200,
 *    "eligibility": {"all": [{"attribute": "months_unemployed", "op": ">=", "value": 3},
 *                            {"not": {"attribute": "education_level", "op": "==", "value": "tertiary"}}]}}]}
 * }</pre>
 * Operators: {@code < <= > >=} (numeric, ordinal), {@code == !=} (every type), {@code in not_in} with an array of
 * levels (categorical, ordinal), {@code missing present} (every type, no value). A condition on an unknown value is
 * not met, except {@code missing}.
 */
public final class ServiceCatalogue {

    /** The version of the JSON form this class reads and writes. */
    public static final int JSON_VERSION = 1;

    /**
     * The id that stands for "no programme" (the usual PES contact only): the baseline every service is compared
     * with. No catalogue service may use it.
     */
    public static final String BASELINE = "no_programme";

    private final String name;
    private final Schema schema;
    private final List<Service> services;
    private final Map<String, Service> byId;
    private final String json;
    private final String fingerprint;

    ServiceCatalogue(String name, Schema schema, List<Service> services) {
        this.name = name;
        this.schema = schema;
        this.services = List.copyOf(services);
        Map<String, Service> m = new LinkedHashMap<>();
        services.forEach(s -> m.put(s.id(), s));
        this.byId = m;
        this.json = CatalogueJson.write(this);
        this.fingerprint = Sha256.hex(json);
    }

    /** The default catalogue shipped with fairpath, for {@link Schema#defaultPes()}. */
    public static ServiceCatalogue defaultPes() {
        return DefaultHolder.CATALOGUE;
    }

    private static final class DefaultHolder {
        static final ServiceCatalogue CATALOGUE = fromResource("pes-default-services.json", Schema.defaultPes());
    }

    private static ServiceCatalogue fromResource(String resource, Schema schema) {
        try (InputStream in = ServiceCatalogue.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from fairpath-core");
            }
            return fromJson(in, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a catalogue from JSON and checks its rules against {@code schema}.
     *
     * @throws ValidationException listing every problem
     */
    public static ServiceCatalogue fromJson(String json, Schema schema) {
        return CatalogueJson.read(Json.parse(json, "service catalogue"), schema);
    }

    /** Reads a catalogue from a JSON stream (UTF-8); the stream is not closed. */
    public static ServiceCatalogue fromJson(InputStream in, Schema schema) {
        return CatalogueJson.read(Json.parse(in, "service catalogue"), schema);
    }

    public static ServiceCatalogue load(Path file, Schema schema) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return CatalogueJson.read(Json.parse(in, "service catalogue file " + file), schema);
        }
    }

    public String name() {
        return name;
    }

    /** The schema the rules were checked against. */
    public Schema schema() {
        return schema;
    }

    /** The services in catalogue order. */
    public List<Service> services() {
        return services;
    }

    public int size() {
        return services.size();
    }

    /** The service ids in catalogue order. */
    public List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }

    /**
     * The service with {@code id}.
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public Service service(String id) {
        Service s = byId.get(id);
        if (s == null) {
            throw new IllegalArgumentException(Names.unknown("service", id, byId.keySet()));
        }
        return s;
    }

    /** Eligibility of {@code profile} for every service, in catalogue order, each with its reason. */
    public List<Eligibility> eligibility(JobseekerProfile profile) {
        List<Eligibility> l = new ArrayList<>(services.size());
        for (Service s : services) {
            l.add(s.eligibility(profile));
        }
        return l;
    }

    /** Canonical JSON form; {@link #fromJson(String, Schema)} reads it back equal. */
    public String toJson() {
        return json;
    }

    /** SHA-256 (hex) of {@link #toJson()}. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ServiceCatalogue && ((ServiceCatalogue) o).fingerprint.equals(fingerprint)
                && ((ServiceCatalogue) o).schema.equals(schema));
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceCatalogue[" + name + ", " + ids() + "]";
    }
}
