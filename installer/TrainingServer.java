import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A throwaway PostgreSQL for make-aot.sh's training backup: the embedded server the app ships for its
 * demo database, with one small table; prints its URL, and stops when standard input closes.
 * Run as a single source file with the app's class path (java -cp ... TrainingServer.java).
 */
public class TrainingServer {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("lifeboat-aot-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setServerConfig("fsync", "off").start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE training");
            }
            try (Connection c = pg.getDatabase("postgres", "training").getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE ledger AS SELECT g AS id, md5(g::text) AS note FROM generate_series(1, 20000) g");
            }
            System.out.println("postgresql://postgres@localhost:" + pg.getPort() + "/training");
            System.out.flush();
            while (System.in.read() >= 0) {
                // until make-aot.sh closes our input
            }
        }
    }
}
