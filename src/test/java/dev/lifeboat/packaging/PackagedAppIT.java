package dev.lifeboat.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged app-image's launchers, run as an installed copy would be: --version, then a real
 * backup and a full verify against the test server through the command line's launcher (on Linux
 * the shell launcher that `lifeboat` on PATH runs). A broken package cannot land.
 */
@ExtendWith(PgExtension.class)
class PackagedAppIT {
    private static Path launcher;
    private static Path command;

    @TempDir
    Path home;

    @TempDir
    Path folder;

    @BeforeAll
    static void findLauncher() {
        Path image = Path.of(System.getProperty("lifeboat.appImage", "target/jpackage/image/lifeboat"));
        launcher = Files.isDirectory(image.resolve("Contents")) ? image.resolve("Contents/MacOS/lifeboat")
                : Files.exists(image.resolve("lifeboat.exe")) ? image.resolve("lifeboat.exe") : image.resolve("bin/lifeboat");
        assertTrue(Files.isExecutable(launcher), "the app-image launcher exists: " + launcher);
        Path cli = image.resolve("bin/lifeboat-cli");
        command = Files.isExecutable(cli) ? cli : launcher;
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return run(command, Map.of(), args);
    }

    private Run run(Path program, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(List.of(program.toString()), null, env, args);
    }

    private Run run(List<String> program, Path workingDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(program);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (workingDir != null) {
            pb.directory(workingDir.toFile());
        }
        pb.environment().put("LIFEBOAT_HOME", home.toString());
        // The test server asks for a password; a packaged run reads it from the environment, as a scheduled one would.
        dev.lifeboat.testsupport.TestServer.get().admin().password().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("lifeboat-out", ".txt");
        Path err = Files.createTempFile("lifeboat-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the launcher finished");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void bothLaunchersPrintTheVersion() throws Exception {
        for (Path program : List.of(launcher, command)) {
            Run r = run(program, Map.of(), "--version");
            assertEquals(0, r.exit(), program + ": " + r.err());
            assertTrue(r.out().startsWith("Lifeboat 0."), program + ": " + r.out());
        }
    }

    @Test
    void theCommandLineLauncherUsesTheClassDataSharingArchive() throws Exception {
        Assumptions.assumeTrue(command.getFileName().toString().equals("lifeboat-cli"), "a Linux app-image");
        // -Xshare:on makes Java refuse to start when the archive does not match the class path.
        Run r = run(command, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"), "--version");
        assertEquals(0, r.exit(), r.err());
    }

    /**
     * A Java 25 runtime (decision 012) comes with both front ends' ahead-of-time caches made by the build,
     * and the command line's is still used from a copy of the app in another folder, as a package
     * installs it (Java 17's archive would be refused there; -Xshare:on makes that fatal).
     */
    @Test
    void aJava25RuntimeUsesItsCachesAfterTheAppMoved(@TempDir Path elsewhere) throws Exception {
        Assumptions.assumeTrue(command.getFileName().toString().equals("lifeboat-cli"), "a Linux app-image");
        Path image = command.toAbsolutePath().getParent().getParent();
        Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)")
                .matcher(Files.readString(image.resolve("lib/runtime/release")));
        Assumptions.assumeTrue(version.find() && Integer.parseInt(version.group(1)) >= 25, "a Java 25+ runtime");
        assertTrue(Files.size(image.resolve("lib/app/lifeboat-window.aot")) > 0, "the window's cache");
        Path moved = elsewhere.resolve("lifeboat");
        Process copy = new ProcessBuilder("cp", "-a", image.toString(), moved.toString()).inheritIO().start();
        assertEquals(0, copy.waitFor());
        Run r = run(moved.resolve("bin/lifeboat-cli"), Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"), "--version");
        assertEquals(0, r.exit(), r.err());
    }

    /**
     * The shell launcher finds the app from a relative path and through the link the package puts on
     * PATH without starting a process (readlink and dirname here fail loudly), and through any other
     * link by following it; each time with the class-data-sharing archive.
     */
    @Test
    void theCommandLineLauncherFindsTheAppWithoutStartingAProcess(@TempDir Path links) throws Exception {
        Assumptions.assumeTrue(command.getFileName().toString().equals("lifeboat-cli"), "a Linux app-image");
        Path image = command.toAbsolutePath().getParent().getParent();
        Path fakeBin = Files.createDirectories(links.resolve("fake-bin"));
        for (String tool : List.of("readlink", "dirname")) {
            Path fake = fakeBin.resolve(tool);
            Files.writeString(fake, "#!/bin/sh\necho \"the launcher ran $0\" >&2\nexit 97\n");
            fake.toFile().setExecutable(true);
        }
        // A launcher that takes the image for its install folder, as the packaged one takes /opt/lifeboat.
        Path installed = image.resolve("bin/lifeboat-cli-linktest");
        Process make = new ProcessBuilder("sh", "installer/make-cli-launcher.sh", image.toString(), image.toString(),
                installed.toString()).inheritIO().start();
        assertEquals(0, make.waitFor());
        try {
            Path onPath = Files.createSymbolicLink(links.resolve("lifeboat"), installed);
            Path other = Files.createSymbolicLink(links.resolve("other"), command.toAbsolutePath());
            Map<String, String> noForks = Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on",
                    "PATH", fakeBin + ":" + System.getenv("PATH"));
            List<Run> runs = List.of(
                    run(List.of("bin/lifeboat-cli"), image, noForks, "--version"),
                    run(List.of("./lifeboat-cli"), image.resolve("bin"), noForks, "--version"),
                    run(List.of("sh", "lifeboat-cli"), image.resolve("bin"), noForks, "--version"),
                    run(List.of(onPath.toString()), null, noForks, "--version"),
                    run(List.of("./lifeboat"), links, noForks, "--version"),
                    run(List.of(other.toString()), null, Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"), "--version"));
            for (Run r : runs) {
                assertEquals(0, r.exit(), r.err());
                assertTrue(r.out().startsWith("Lifeboat 0."), r.out());
                assertFalse(r.err().contains("the launcher ran"), r.err());
            }
        } finally {
            Files.deleteIfExists(installed);
        }
    }

    @Test
    void aLogFolderThatCannotBeWrittenLeavesTheOutputAlone() throws Exception {
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/logs"), "a file where the log folder would be");
        Run r = run("--folder", folder.toString(), "list", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertEquals(0, Json.MAPPER.readTree(r.out()).size(), r.out());
    }

    @Test
    void aFailureIsOneLineOnStderrAndNothingElse() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = run("--folder", folder.toString(), "backup", "--db", "postgresql://postgres@127.0.0.1:" + port + "/x");
        assertEquals(dev.lifeboat.core.ErrorCode.CONNECTION_FAILED.exitCode(), r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("lifeboat: Cannot connect to 127.0.0.1:" + port), r.err());
    }

    @Test
    void packagedLauncherBacksUpAndFullyVerifiesARealDatabase(TestDatabase db) throws Exception {
        SampleData.create(db);
        String uri = "postgresql://" + db.spec().user() + "@" + db.spec().host() + ":" + db.spec().port() + "/" + db.name();
        Run backup = run("--folder", folder.toString(), "backup", "--db", uri, "--description", "from the package", "--json");
        assertEquals(0, backup.exit(), backup.err());
        JsonNode entry = Json.MAPPER.readTree(backup.out());
        Run verify = run("--folder", folder.toString(), "verify", entry.get("id").asText(), "--depth", "full");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("[PASS] Row counts"), verify.out());
        String log = Files.readString(home.resolve("data/logs/lifeboat.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("Backup " + entry.get("id").asText() + " complete"), log);
        assertTrue(log.contains("Verification of " + entry.get("id").asText() + " pass"), log);
        Path file = folder.resolve(entry.get("file").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                folder.resolve("backup_manifest.json"))));
    }
}
