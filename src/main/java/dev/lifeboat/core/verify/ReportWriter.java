package dev.lifeboat.core.verify;

import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.util.Sizes;

/** A verification report as text or as a self-contained HTML page, to attach to an audit or a ticket. */
public final class ReportWriter {
    private ReportWriter() {
    }

    public static String text(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Lifeboat verification report\n");
        sb.append("Backup:   ").append(r.backupId()).append(" (").append(r.file()).append(")\n");
        sb.append("Depth:    ").append(r.depth().label()).append('\n');
        sb.append("When:     ").append(r.datetime()).append('\n');
        sb.append("Result:   ").append(headline(r)).append(" in ")
                .append(Sizes.seconds(r.durationSeconds())).append('\n');
        if (r.restoreSeconds() != null) {
            sb.append("Measured restore time: ").append(Sizes.seconds(r.restoreSeconds())).append('\n');
        }
        sb.append('\n');
        for (CheckResult c : r.checks()) {
            sb.append(String.format("[%s] %-28s expected: %s%n       %-28s found:    %s%n", mark(c.status()), c.name(),
                    nz(c.expected()), "", nz(c.actual())));
            if (c.detail() != null) {
                sb.append("       ").append(c.detail()).append('\n');
            }
        }
        if (!r.tables().isEmpty()) {
            sb.append("\nRow counts after the test restore\n");
            for (TableCheck t : r.tables()) {
                sb.append(String.format("[%s] %-50s expected %12s  found %12s%n", mark(t.status()), t.qualifiedName(),
                        nz(t.expected()), t.actual() == null ? "no table" : t.actual()));
            }
        }
        return sb.toString();
    }

    public static String html(VerifyReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Verification of ")
                .append(esc(r.backupId())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#1f2933}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border-bottom:1px solid #d9e2ec;padding:.35em .8em;text-align:left;vertical-align:top}")
                .append(".pass{color:#1e7e34}.fail{color:#c0392b;font-weight:bold}.warn{color:#b7791f}.skipped{color:#7b8794}")
                .append("tr.fail td{background:#fdecea}.badge{display:inline-block;padding:.2em .8em;border-radius:4px;color:#fff}")
                .append(".ok{background:#1e7e34}.bad{background:#c0392b}.num{text-align:right;font-variant-numeric:tabular-nums}")
                .append("</style></head><body>");
        sb.append("<h1>Verification of ").append(esc(r.backupId())).append("</h1>");
        sb.append("<p><span class=\"badge ").append(r.passed() ? "ok\">" : r.notRun() ? "\">" : "bad\">")
                .append(headline(r)).append("</span> ")
                .append(esc(r.depth().label())).append(" depth, ").append(esc(r.datetime())).append(", ")
                .append(esc(Sizes.seconds(r.durationSeconds()))).append("</p>");
        sb.append("<p>File: <code>").append(esc(r.file())).append("</code></p>");
        if (r.restoreSeconds() != null) {
            sb.append("<p>Measured restore time: ").append(esc(Sizes.seconds(r.restoreSeconds()))).append("</p>");
        }
        sb.append("<table><tr><th></th><th>Check</th><th>Expected</th><th>Found</th><th>Detail</th></tr>");
        for (CheckResult c : r.checks()) {
            String cls = c.status().json();
            sb.append("<tr class=\"").append(cls).append("\"><td class=\"").append(cls).append("\">")
                    .append(symbol(c.status())).append("</td><td>").append(esc(c.name())).append("</td><td>")
                    .append(esc(nz(c.expected()))).append("</td><td>").append(esc(nz(c.actual()))).append("</td><td>")
                    .append(esc(nz(c.detail()))).append("</td></tr>");
        }
        sb.append("</table>");
        if (!r.tables().isEmpty()) {
            sb.append("<h2>Row counts after the test restore</h2><table><tr><th></th><th>Table</th>")
                    .append("<th class=\"num\">Expected</th><th class=\"num\">Found</th></tr>");
            for (TableCheck t : r.tables()) {
                String cls = t.status().json();
                sb.append("<tr class=\"").append(cls).append("\"><td class=\"").append(cls).append("\">")
                        .append(symbol(t.status())).append("</td><td>").append(esc(t.qualifiedName()))
                        .append("</td><td class=\"num\">").append(nz(t.expected())).append("</td><td class=\"num\">")
                        .append(t.actual() == null ? "no table" : t.actual()).append("</td></tr>");
            }
            sb.append("</table>");
        }
        sb.append("<p style=\"color:#7b8794\">Written by Lifeboat.</p></body></html>\n");
        return sb.toString();
    }

    /** PASSED, FAILED, or COULD NOT VERIFY when a check could not be made and none failed. */
    public static String headline(VerifyReport r) {
        return r.notRun() ? "COULD NOT VERIFY" : r.passed() ? "PASSED" : "FAILED";
    }

    public static String mark(CheckStatus s) {
        return switch (s) {
            case PASS -> "PASS";
            case WARN -> "WARN";
            case FAIL -> "FAIL";
            case SKIPPED -> "SKIP";
            case NOT_RUN -> "NOT RUN";
        };
    }

    public static String symbol(CheckStatus s) {
        return switch (s) {
            case PASS -> "\u2714";
            case WARN -> "\u26A0";
            case FAIL -> "\u2716";
            case SKIPPED -> "\u2013";
            case NOT_RUN -> "?";
        };
    }

    private static String nz(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
