package io.synergy.sector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kit's packages as docs/architecture.md draws them, checked on the sources: {@code rest} on top and imported by
 * none; {@code read} and {@code ingest} below it; the stores below those, knowing nothing of ingestion; the shared
 * records ({@code model}) and the pure computation ({@code compute}) at the bottom. A package may import the packages
 * listed for it, and itself.
 */
class PackageLayersTest {

    private static final Path SOURCES = Path.of("src/main/java/io/synergy/sector");
    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?io\\.synergy\\.sector\\.(\\w+)\\.", Pattern.MULTILINE);

    /** What each package may import of the kit. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "model", Set.of(),
            "config", Set.of(),
            "compute", Set.of("model"),
            "store", Set.of("model", "compute"),
            "security", Set.of("config", "model"),
            "deadletter", Set.of("ingest", "security"),
            "approval", Set.of("model", "config", "store", "security"),
            "ingest", Set.of("model", "compute", "config", "store", "security", "deadletter", "approval"),
            "read", Set.of("model", "compute", "config", "store"),
            "rest", Set.of("model", "config", "ingest", "read", "security", "approval"));

    @Test
    void everyPackageImportsOnlyWhatLiesBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file).getName(0).toString();
                packages.add(pkg);
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (!imported.equals(pkg)
                            && !ALLOWED.getOrDefault(pkg, Set.of()).contains(imported)) {
                        violations.add(SOURCES.relativize(file) + " imports " + imported);
                    }
                }
            }
        }
        assertThat(ALLOWED.keySet())
                .as("every package of the kit has its place")
                .containsAll(packages);
        assertThat(violations).isEmpty();
    }
}
