package dev.lifeboat.core.recovery;

import dev.lifeboat.testsupport.TestServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The real command line in a second JVM, to be killed with SIGKILL at a chosen moment. */
final class CliProcess {
    private CliProcess() {
    }

    static Process start(Path home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.lifeboat.Main"));
        cmd.addAll(List.of(args));
        // What the killed command printed, for a failure's diagnosis.
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("cli-output.log").toFile()));
        pb.environment().put("LIFEBOAT_HOME", home.toString());
        pb.environment().put("PGPASSWORD", TestServer.ADMIN_PASSWORD);
        pb.environment().remove("LIFEBOAT_FOLDER");
        return pb.start();
    }

    /** Waits for the moment, then kill -9; false when the process ended before the moment came. */
    static boolean killWhen(Process p, BooleanSupplier moment, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && p.isAlive()) {
            if (moment.getAsBoolean()) {
                p.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally block runs
                p.waitFor(30, TimeUnit.SECONDS);
                return true;
            }
            Thread.sleep(5);
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        return false;
    }

    /** What the killed commands printed, for a failure's message. */
    static String output(Path home) {
        try {
            return java.nio.file.Files.readString(home.resolve("cli-output.log"));
        } catch (IOException e) {
            return "(nothing: " + e.getMessage() + ")";
        }
    }

    static String uri(dev.lifeboat.core.pg.ConnectionSpec spec) {
        return "postgresql://" + spec.user() + "@" + spec.host() + ":" + spec.port() + "/" + spec.database();
    }
}
