package dev.lifeboat.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The PostgreSQL tools run directly, as an oracle for what Lifeboat reads in-process. */
public final class RawTools {
    private RawTools() {
    }

    /** pg_dump -Fc of the database into the folder; the archive's path. */
    public static Path dump(TestDatabase db, Path folder) throws IOException, InterruptedException {
        Path archive = folder.resolve(db.name() + ".dump");
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "-Fc", "-f", archive.toString(), "--dbname=" + db.spec().toConninfo())
                .redirectErrorStream(true);
        db.spec().password().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return archive;
    }

    /** What pg_restore --list prints. */
    public static String pgRestoreList(Path archive) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pg_restore", "--list", archive.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /** The "; key: value" lines at the head of pg_restore --list ("TOC Entries", "dbname", ...). */
    public static Map<String, String> pgRestoreHeader(Path archive) throws IOException, InterruptedException {
        Map<String, String> header = new LinkedHashMap<>();
        pgRestoreList(archive).lines().filter(l -> l.startsWith(";     ") && l.contains(":")).forEach(l -> {
            String line = l.substring(1).strip();
            header.putIfAbsent(line.substring(0, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1).strip());
        });
        return header;
    }
}
