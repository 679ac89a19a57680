package dev.lifeboat.cli;

import dev.lifeboat.testsupport.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real entry point in a separate JVM, as cron or a script would, and collects what it printed. */
final class CliRunner {
    record Run(int exit, String out, String err) {
    }

    private final Path home;

    CliRunner(Path home) {
        this.home = home;
    }

    /** The test server's password where a scheduled run would find it: a 0600 password file (PGPASSFILE). */
    private Path pgpass() throws IOException {
        Path file = home.resolve("pgpass");
        if (!Files.exists(file)) {
            String password = TestServer.get().admin().password().orElse("");
            Files.writeString(file, "*:*:*:*:" + password.replace("\\", "\\\\").replace(":", "\\:") + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.lifeboat.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LIFEBOAT_HOME", home.toString());
        pb.environment().remove("LIFEBOAT_FOLDER");
        pb.environment().put("PGPASSFILE", pgpass().toString());
        Process p = pb.start();
        p.getOutputStream().close();
        var out = p.getInputStream();
        var err = p.getErrorStream();
        String[] errText = new String[1];
        Thread t = new Thread(() -> {
            try {
                errText[0] = new String(err.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                errText[0] = e.toString();
            }
        });
        t.start();
        String outText = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lifeboat " + String.join(" ", args) + " did not finish");
        }
        t.join();
        return new Run(p.exitValue(), outText, errText[0]);
    }

    /** The test database as the CLI's --db takes it (no password in it: the runner gives the CLI a password file). */
    static String uri(dev.lifeboat.testsupport.TestDatabase db) {
        return "postgresql://" + db.spec().user() + "@" + db.spec().host() + ":" + db.spec().port() + "/" + db.name();
    }
}
