package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lifeboat.core.manifest.CatalogIndex.Identity;
import dev.lifeboat.core.manifest.CatalogIndex.Layout;
import dev.lifeboat.core.manifest.CatalogIndex.Slot;
import dev.lifeboat.core.manifest.CatalogIndex.Snapshot;
import dev.lifeboat.core.util.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lifeboat.core.manifest.CatalogIndex.NEWEST_FIRST;
import static dev.lifeboat.core.manifest.CatalogIndex.NULL;
import static dev.lifeboat.core.manifest.CatalogIndex.escape;

/**
 * The writing half of {@link CatalogIndex}: a snapshot indexed in one streaming pass, and the index
 * file's text rendered from it. Split out of {@link CatalogIndex}.
 */
final class CatalogIndexWriting {
    private CatalogIndexWriting() {
    }

    /**
     * Reads a whole snapshot (made by Lifeboat or by hand) in one streaming pass, noting where each
     * entry lies. Throws the parser's exception, with its line and column, when the snapshot is damaged.
     */
    static Snapshot build(byte[] bytes, Identity identity) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        List<Slot> slots = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "the manifest is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                if (name.equals("backups") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        long start = p.getTokenLocation().getByteOffset();
                        BackupEntry e = Json.MAPPER.readValue(p, BackupEntry.class);
                        long end = p.getCurrentLocation().getByteOffset();
                        slots.add(new Slot(EntrySummary.of(e), start, (int) (end - start)));
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw new com.fasterxml.jackson.core.JsonParseException(p, "an entry of \"backups\" is not an object");
                    }
                } else if (!name.equals("backups")) {
                    header.put(name, Json.MAPPER.readValue(p, Object.class));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "the manifest ends unexpectedly");
            }
        }
        return new Snapshot(identity, header, slots, false);
    }

    /** The index file's text for a snapshot. */
    static byte[] render(Snapshot s) throws IOException {
        byte[] header = (Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(s.header()) + "\n").getBytes(StandardCharsets.UTF_8);
        List<Slot> newestFirst = new ArrayList<>(s.slots());
        newestFirst.sort(NEWEST_FIRST);
        int n = newestFirst.size();
        long start = Layout.line(s.identity(), s.canonical(), n, 0, 0).getBytes(StandardCharsets.UTF_8).length + 1
                + header.length;
        java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream(n * 400 + 16);
        String[] ids = new String[n];
        long[] offsets = new long[n];
        StringBuilder b = new StringBuilder(512);
        for (int i = 0; i < n; i++) {
            b.setLength(0);
            appendLine(b, newestFirst.get(i));
            ids[i] = newestFirst.get(i).id();
            offsets[i] = start + lines.size();
            lines.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] table = CatalogIdTable.render(ids, offsets);
        byte[] first = (Layout.line(s.identity(), s.canonical(), n, start + lines.size(), CatalogIdTable.crc(table)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(first.length + header.length + lines.size()
                + n * CatalogIdTable.RECORD);
        all.write(first);
        all.write(header);
        lines.writeTo(all);
        all.write(table);
        return all.toByteArray();
    }

    private static void appendLine(StringBuilder b, Slot slot) {
        if (slot.hasLine()) {
            String line = slot.text();
            int afterLength = line.indexOf('\t', line.indexOf('\t') + 1);
            b.append(slot.offset()).append('\t').append(slot.length()).append(line, afterLength, line.length())
                    .append('\n');
            return;
        }
        BackupEntry e = slot.summary().entry();
        VerificationRecord v = e.lastVerification();
        Object[] f = {slot.offset(), slot.length(), slot.summary().sortKey(), slot.summary().totalRows(), e.id(),
                e.timestamp(), e.datetime(), e.database(), e.description(), String.join("\u001f", e.tags()),
                e.backupType(), e.file(), e.format(), e.sizeBytes(), e.sizeMb(), e.tableCount(), e.serverVersion(),
                e.pinned(), e.globals() == null ? null : e.globals().file(), v == null ? null : v.datetime(),
                v == null ? null : v.depth(), v == null || v.outcome() == null ? null : v.outcome().name(), e.host(),
                e.port(), e.user(), e.hash(), copies(e)};
        for (int i = 0; i < f.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            b.append(f[i] == null ? NULL : escape(f[i].toString()));
        }
        b.append('\n');
    }

    /** Each off-site copy as "destination=state" (what a Copies column and health need), or null for none. */
    private static String copies(BackupEntry e) {
        if (e.copies() == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (CopyRecord c : e.copies()) {
            b.append(b.isEmpty() ? "" : "\u001f").append(c.destination() == null ? "" : c.destination().replace("=", "\\="))
                    .append('=').append(c.state() == null ? "" : c.state().name());
        }
        return b.toString();
    }
}
