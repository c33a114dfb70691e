package io.tokenledger.cli.command;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The TokenLedger checkout: TOKENLEDGER_HOME, else the checkout the jar is in, else the working directory. */
final class ProjectRoot {

    private ProjectRoot() {
    }

    static Path find() {
        String home = System.getenv("TOKENLEDGER_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(ProjectRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("data/traces")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    return dir;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Fall through to the working directory.
        }
        return Path.of("").toAbsolutePath();
    }
}
