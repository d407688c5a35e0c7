package io.tlswatch.schemas.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the team's shared test data ({@code shared/data}, real F5 lines and TLS captures) beside the
 * checkout: walks up from the working directory until a {@code shared/data/README.md} appears. Set
 * {@code TLSWATCH_SHARED_DATA} to point elsewhere.
 */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String override = System.getenv("TLSWATCH_SHARED_DATA");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data not found above " + Path.of("").toAbsolutePath()
                + "; set TLSWATCH_SHARED_DATA to the folder holding f5/ and tls/");
    }

    public static Path f5(String name) {
        return root().resolve("f5").resolve(name);
    }
}
