package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.core.util.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", description = "List the backups in the folder, newest first.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    LifeboatCli root;

    @Option(names = "--json", description = "Print the manifest's entries as JSON.")
    boolean json;

    @Option(names = "--last", paramLabel = "N", description = "Only the newest N backups.")
    Integer last;

    /** One line as "%-34s %-19s %-16s %10s %7s %12s  %-8s %s%n" would print it. */
    private static void row(StringBuilder b, String id, String created, String db, String size, String tables,
                            String rows, String verified, String description) {
        left(b, id, 34).append(' ');
        left(b, created, 19).append(' ');
        left(b, db, 16).append(' ');
        right(b, size, 10).append(' ');
        right(b, tables, 7).append(' ');
        right(b, rows, 12).append("  ");
        left(b, verified, 8).append(' ').append(description).append(System.lineSeparator());
    }

    private static StringBuilder left(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }

    private static StringBuilder right(StringBuilder b, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(s);
    }

    @Override
    public Integer call() throws Exception {
        if (last != null && last < 0) {
            throw new LifeboatException(ErrorCode.USAGE, "--last needs a count of 0 or more, not " + last + ".");
        }
        if (json) {
            // Streamed: the entries of the manifest are copied out as they are, never all held in memory.
            OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
            root.store().writeJson(out, last);
            out.flush();
            return 0;
        }
        List<EntrySummary> entries = last == null ? root.store().summaries() : root.store().summaries(last);
        if (entries.isEmpty()) {
            System.out.println("No backups in " + root.store().folder() + " yet.");
            return 0;
        }
        // Built by hand rather than with String.format: 35,000 lines of format parsing cost seconds.
        StringBuilder text = new StringBuilder(entries.size() * 140);
        row(text, "ID", "CREATED", "DATABASE", "SIZE", "TABLES", "ROWS", "VERIFIED", "DESCRIPTION");
        for (EntrySummary s : entries) {
            BackupEntry e = s.entry();
            VerificationRecord v = e.lastVerification();
            row(text, fit(oneLine(e.effectiveId()), 34), created(e.createdAt().toLocalDateTime().toString()),
                    fit(oneLine(e.database()), 16),
                    e.sizeBytes() == null ? (e.sizeMb() == null ? "" : e.sizeMb() + " MB") : Sizes.bytes(e.sizeBytes()),
                    e.tableCount() == null ? "" : e.tableCount().toString(), s.totalRows() == null ? "" : s.totalRows().toString(),
                    v == null ? "never" : v.outcome().json(), oneLine(e.description()));
            if (text.length() > 1 << 16) {
                System.out.print(text);
                text.setLength(0);
            }
        }
        System.out.print(text);
        return 0;
    }

    /**
     * "2024-01-05 12:00:00" from an ISO local time, whatever its precision (hand-made manifests
     * write fractions of a second, or none): the column keeps its width.
     */
    static String created(String iso) {
        String t = iso.replace('T', ' ');
        return t.length() >= 19 ? t.substring(0, 19) : t.length() == 16 ? t + ":00" : t;
    }

    /** Hand-made entries have long ids and names; a column keeps its width so the next ones stay aligned. */
    static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "\u2026";
    }

    /** A cell of the table on one line: a line break or other control character in a name shows as an escape. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        if (s.chars().noneMatch(Character::isISOControl)) {
            return s; // nearly always: no copy
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.toString();
    }
}
