package io.tokenledger.cli.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a scenario from a YAML file, or the bundled {@code scenarios/<name>.yaml}. */
public final class ScenarioLoader {

    public static final String DEFAULT = "demo";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ScenarioLoader() {
    }

    /** {@code ref} is a path to a YAML file, or the name of a bundled scenario ("demo"). */
    public static Scenario load(String ref) {
        try {
            Path path = Path.of(ref);
            if (Files.isRegularFile(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    return parse(in);
                }
            }
            try (InputStream in = ScenarioLoader.class.getResourceAsStream("/scenarios/" + ref + ".yaml")) {
                if (in == null) {
                    throw new IllegalArgumentException("no scenario file or bundled scenario named " + ref);
                }
                return parse(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + ref + ": " + e.getMessage(), e);
        }
    }

    static Scenario parse(InputStream in) throws IOException {
        try {
            return YAML.readValue(in, Scenario.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(cause.getMessage(), e);
        }
    }
}
