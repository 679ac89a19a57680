package dev.lifeboat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training run of the command line's ahead-of-time cache (decision 012), not a command for people.
 * A Java 25 cache records one process, and a cache trained on a backup alone left a restore or a full
 * verify to load and link its own classes (0.1 s more before pg_restore started): so
 * installer/make-aot.sh runs this in Main's place, through the CLI's launcher and its flags, with
 * several command lines separated by {@code --then} (a backup, a full verify, a restore), each run as
 * {@link Main} runs one. Exits with the highest exit code.
 */
public final class AotTraining {
    static final String THEN = "--then";

    private AotTraining() {
    }

    public static void main(String[] args) {
        Main.namedLogProvider(); // as the trained commands start
        int code = 0;
        for (String[] command : commands(args)) {
            code = Math.max(code, Main.command(command));
        }
        System.exit(code);
    }

    static List<String[]> commands(String[] args) {
        List<String[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals(THEN)) {
                if (i > start) {
                    out.add(Arrays.copyOfRange(args, start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }
}
