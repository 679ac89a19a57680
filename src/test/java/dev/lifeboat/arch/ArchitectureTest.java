package dev.lifeboat.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** A string literal, and what in one says a CLI command or flag to the person reading a message. */
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern CLI_WORDS = Pattern.compile("lifeboat (backup|verify|restore|list|import|recover|prune|"
            + "history|health|schedule|scheduled-run|connections|manifest|run|copy|retention|--)|(^|[ (']|CLI: )--[a-z]");

    /** Arguments core passes to pg_dump, pg_restore, psql and friends, which are flags but no message. */
    private static final Pattern TOOL_ARGUMENT = Pattern.compile("^--[a-z-]+(=.*)?$");

    static List<String> cliWordsIn(String source) {
        List<String> found = new ArrayList<>();
        Matcher m = LITERAL.matcher(source);
        while (m.find()) {
            // pg_restore's own flags ("pg_restore --list succeeds") are the tool's words, not Lifeboat's
            String text = m.group(1).replaceAll("(pg_restore|pg_dump|pg_dumpall|psql)( --?[a-z-]+(=\\S*)?)+", "$1");
            if (!TOOL_ARGUMENT.matcher(text).matches() && CLI_WORDS.matcher(text).find()) {
                found.add(text);
            }
        }
        return found;
    }

    @Test
    void coreMessagesNameNoCliCommandOrFlag() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve("core"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                cliWordsIn(Files.readString(p)).forEach(t -> offenders.add(p.getFileName() + ": " + t));
            }
        }
        assertEquals(List.of(), offenders, "core says what to do with a Remedy; the CLI renders it as its flag");
    }

    @Test
    void theCliWordsCheckFindsWhatItLooksFor() {
        assertEquals(List.of("run 'lifeboat prune'", "agree (CLI: --terminate-sessions)", " --new-name NAME"),
                cliWordsIn("a(\"run 'lifeboat prune'\") + \"agree (CLI: --terminate-sessions)\" + \" --new-name NAME\""));
        assertEquals(List.of(), cliWordsIn("List.of(\"--list\", \"--dbname=\" + x, \"pg_restore --list succeeds\")"));
    }

    @Test
    void cliNeverImportsJavaFxOrTheUi() throws IOException {
        assertEquals(List.of(), offenders("cli", "javafx", "dev.lifeboat.ui"));
    }
}
