package dev.lifeboat.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allowed directions: ui -> core, cli -> core; core knows neither, and never JavaFX. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/lifeboat");

    private static List<String> offenders(String pkg, String... forbidden) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String src = Files.readString(p);
                    for (String f : forbidden) {
                        if (src.contains("import " + f) || src.contains(" " + f + ".")
                                || src.contains("(" + f + ".")) {
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
        }
    }

    @Test
    void coreNeverImportsJavaFx() throws IOException {
        assertTrue(Files.isDirectory(MAIN.resolve("core")));
        assertEquals(List.of(), offenders("core", "javafx", "org.controlsfx"));
    }

    @Test
    void coreKnowsNeitherTheUiNorTheCli() throws IOException {
        assertEquals(List.of(), offenders("core", "dev.lifeboat.ui", "dev.lifeboat.cli"));
    }

    @Test
    void cliNeverImportsJavaFxOrTheUi() throws IOException {
        assertEquals(List.of(), offenders("cli", "javafx", "dev.lifeboat.ui"));
    }
}
