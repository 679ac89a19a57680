package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lifeboat.core.util.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal line's changes read from Jackson's token stream, each entry bound by {@link BackupEntry}'s own
 * deserializer: Jackson's reader for a list of {@link JournalChange} (a record) cost a cold prune 8-14 ms to
 * build, more than binding the lines themselves (issue 15, decision 007). Only the shape Lifeboat writes is read
 * here (string op and id, lists of strings, an entry object, each field once, unknown fields ignored as the
 * mapper ignores them); any other line is left to Jackson's reader, so every line binds to what it bound before.
 */
final class JournalLineReading {
    private JournalLineReading() {
    }

    /** The line's changes, or null when the line is not of the simple shape (then Jackson binds it). */
    static List<JournalChange> simple(byte[] b, int offset, int length) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(b, offset, length)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            List<JournalChange> changes = new ArrayList<>(2);
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                JournalChange c = t == JsonToken.START_OBJECT ? change(p) : null;
                if (c == null) {
                    return null;
                }
                changes.add(c);
            }
            return changes;
        }
    }

    /** One change from its object's fields (the parser at its start), or null when it is not simple. */
    private static JournalChange change(JsonParser p) throws IOException {
        String op = null;
        String id = null;
        BackupEntry entry = null;
        List<String> pending = null;
        List<String> done = null;
        int seen = 0;
        JsonToken t = p.nextToken();
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int field = switch (name) {
                case "op" -> 1;
                case "id" -> 2;
                case "entry" -> 4;
                case "pending" -> 8;
                case "done" -> 16;
                default -> 0;
            };
            if ((seen & field) != 0) {
                return null; // a field twice: Jackson decides which counts
            }
            seen |= field;
            if (field == 0) {
                p.skipChildren(); // unknown: ignored, as the mapper does
            } else if (field == 4) {
                if (v == JsonToken.START_OBJECT) {
                    entry = Json.MAPPER.readValue(p, BackupEntry.class);
                } else if (v != JsonToken.VALUE_NULL) {
                    return null;
                }
            } else if (field <= 2) {
                if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                    return null; // a number or a flag: Jackson's coercion decides
                }
                String text = v == JsonToken.VALUE_NULL ? null : p.getText();
                op = field == 1 ? text : op;
                id = field == 2 ? text : id;
            } else {
                List<String> list = strings(p, v);
                if (list == NOT_SIMPLE) {
                    return null;
                }
                pending = field == 8 ? list : pending;
                done = field == 16 ? list : done;
            }
        }
        return t == JsonToken.END_OBJECT ? new JournalChange(op, entry, id, pending, done) : null;
    }

    private static final List<String> NOT_SIMPLE = new ArrayList<>(0);

    /** An array of strings (nulls kept), null for a JSON null, {@link #NOT_SIMPLE} for anything else. */
    private static List<String> strings(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.START_ARRAY) {
            return NOT_SIMPLE;
        }
        List<String> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_STRING) {
                list.add(p.getText());
            } else if (t == JsonToken.VALUE_NULL) {
                list.add(null);
            } else {
                return NOT_SIMPLE;
            }
        }
        return list;
    }
}
