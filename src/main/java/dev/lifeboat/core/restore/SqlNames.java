package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.TocEntry;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.Pg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Table and schema names as a person writes them: as in SQL ("we""ird sch.ema"."T 1", unquoted
 * parts folded to lower case), or unquoted exactly as in the database (Sales Data.Order Items),
 * where a dot inside a name is told apart by what the backup holds.
 */
final class SqlNames {
    private SqlNames() {
    }

    static String sql(String schema, String name) {
        return Pg.ident(schema) + "." + Pg.ident(name);
    }

    /** A name for people: quoted only where SQL would need quotes. */
    static String display(String schema, String name) {
        return displayPart(schema) + "." + displayPart(name);
    }

    private static String displayPart(String part) {
        return Pg.identIfNeeded(part);
    }

    /**
     * A table as the person wrote it (public.a.b, "we""ird sch.ema"."T 1"), written back as SQL
     * quotes it once the backup says which table it is (public."a.b"); else as written.
     */
    static String displayWritten(String written, List<TableStat> tables) {
        TableStat t = tables == null ? null : find(written, tables, TableStat::schema, TableStat::name);
        return t == null ? written.strip() : display(t.schema(), t.name());
    }

    /** A schema as the person wrote it, written back as SQL quotes it. */
    static String displaySchema(String written) {
        return displayPart(schema(written));
    }

    /** The table the words name, or null. */
    static TocEntry table(String written, List<TocEntry> tables) {
        return find(written, tables, TocEntry::schema, TocEntry::name);
    }

    private static <T> T find(String written, List<T> tables, Function<T, String> schemaOf, Function<T, String> nameOf) {
        String w = written.strip();
        List<String> parts = quotedParts(w);
        if (parts != null) {
            String schema = parts.size() == 2 ? parts.get(0) : "public";
            String name = parts.get(parts.size() - 1);
            return tables.stream().filter(t -> schemaOf.apply(t).equals(schema) && nameOf.apply(t).equals(name))
                    .findFirst().orElse(null);
        }
        // Unquoted: every dot could be the one between schema and table; the backup says which.
        for (int dot = w.indexOf('.'); dot >= 0; dot = w.indexOf('.', dot + 1)) {
            String schema = w.substring(0, dot);
            String name = w.substring(dot + 1);
            for (T t : tables) {
                if (schemaOf.apply(t).equals(schema) && nameOf.apply(t).equals(name)) {
                    return t;
                }
            }
        }
        return tables.stream().filter(t -> schemaOf.apply(t).equals("public") && nameOf.apply(t).equals(w))
                .findFirst().orElse(null);
    }

    /** The schema the words name: as in SQL, or exactly as in the database. */
    static String schema(String written) {
        String w = written.strip();
        List<String> parts = quotedParts(w);
        if (parts != null && parts.size() == 1) {
            return parts.get(0);
        }
        return w;
    }

    /**
     * The parts of a name written as SQL writes it, when at least one part is quoted or it folds
     * without ambiguity; null when it is not SQL syntax (then it is taken as written).
     */
    static List<String> quotedParts(String w) {
        if (!w.contains("\"")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < w.length()) {
            StringBuilder part = new StringBuilder();
            if (w.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= w.length()) {
                        return null;
                    }
                    char c = w.charAt(i);
                    if (c == '"') {
                        if (i + 1 < w.length() && w.charAt(i + 1) == '"') {
                            part.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    part.append(c);
                    i++;
                }
            } else {
                while (i < w.length() && w.charAt(i) != '.') {
                    if (w.charAt(i) == '"') {
                        return null;
                    }
                    part.append(w.charAt(i));
                    i++;
                }
                part = new StringBuilder(part.toString().toLowerCase(Locale.ROOT));
            }
            parts.add(part.toString());
            if (i < w.length()) {
                if (w.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return parts.size() <= 2 ? parts : null;
    }
}
