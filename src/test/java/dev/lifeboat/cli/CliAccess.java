package dev.lifeboat.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in this JVM for tests of other packages: exit code, then what it printed. */
public final class CliAccess {
    private CliAccess() {
    }

    /** The first line is the exit code; then standard output (commands print there directly) and errors. */
    public static synchronized String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            exit = LifeboatCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(saved);
        }
        return exit + "\n" + stdout.toString(StandardCharsets.UTF_8) + out + err;
    }
}
