package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.manifest.DatabaseSettings;
import dev.lifeboat.core.manifest.MigrationInfo;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.Catalog;
import dev.lifeboat.core.pg.ExtensionConfigRows;
import dev.lifeboat.core.pg.LargeObjects;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.ServerInfo;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a backup reads in the snapshot it exports to pg_dump, on its own connection while pg_dump
 * runs: the tables and their row counts, the database's settings, migrations, large objects and
 * extension configuration rows.
 */
final class SnapshotReads {
    /** Logged under BackupService's name, as before this class was split from it. */
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

    private SnapshotReads() {
    }

    /** What the manifest records from the dump's snapshot besides the archive itself. */
    record SnapshotFacts(List<TableStat> tables, DatabaseSettings settings, MigrationInfo migration,
                         LargeObjects largeObjects, List<ExtensionConfigRows> extensionRows, long databaseSize) {
        /** What no table's row count covers, kept with the entry for a full verify. */
        Map<String, Object> extra() {
            Map<String, Object> extra = new java.util.LinkedHashMap<>();
            if (largeObjects.count() > 0) {
                extra.put(LargeObjects.MANIFEST_KEY, largeObjects.toManifest());
            }
            if (!extensionRows.isEmpty()) {
                extra.put(ExtensionConfigRows.MANIFEST_KEY, extensionRows.stream().map(ExtensionConfigRows::toManifest).toList());
            }
            return extra.isEmpty() ? null : extra;
        }
    }

    /** @param tables completed with the tables (the catalog's sizes) as soon as they are read */
    static SnapshotFacts snapshotFacts(Connection c, ServerInfo server, CompletableFuture<List<TableStat>> tables,
                                       boolean estimated, CancelToken cancel) {
        long t0 = System.nanoTime();
        try {
            List<TableStat> listed;
            try {
                // the catalog's recorded sizes, no file opened: at once, for pg_dump's progress
                listed = Catalog.tables(c, false);
                tables.complete(listed);
            } catch (SQLException | RuntimeException e) {
                tables.completeExceptionally(e);
                throw e;
            }
            DatabaseSettings settings = Catalog.databaseSettings(c);
            MigrationInfo migration = Catalog.migration(c);
            quietCounting(c, server);
            Map<String, Long> sizes = Catalog.sizesOnDisk(c);
            List<TableStat> onDisk = listed.stream().map(t -> new TableStat(t.schema(), t.name(), t.rows(),
                    sizes.getOrDefault(t.qualifiedName(), t.bytes()))).toList();
            List<TableStat> counted = estimated ? onDisk : Catalog.countRows(c, onDisk, cancel, true);
            LOG.info("Read sizes and {} row counts of {} tables in the dump's snapshot in {}", estimated ? "estimated"
                    : "exact", counted.size(), Sizes.seconds((System.nanoTime() - t0) / 1e9));
            // the size when the way to pg_dump did not read it (EarlyDump): here it costs pg_dump nothing
            long size = server.databaseSize() >= 0 ? server.databaseSize() : databaseSize(c);
            return new SnapshotFacts(counted, settings, migration, LargeObjects.read(c), ExtensionConfigRows.read(c), size);
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.BACKUP_FAILED, "Reading the database in the dump's snapshot failed", e);
        }
    }

    /**
     * The counts run beside pg_dump, which already keeps a core busy compressing and its server
     * process another copying, so they should take as little of the machine as they can. The
     * planner's parallel, JIT-compiled plan for 20 million rows used three processes: exact counts
     * made that backup about 8% slower than estimated ones on two cores; counted in one process
     * without JIT, about 3% (medians of a few noisy runs).
     */
    private static void quietCounting(Connection c, ServerInfo server) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (server.versionNum() >= 90600) {
                st.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            }
            if (server.versionNum() >= 110000) {
                st.execute("SET LOCAL jit = off");
            }
        }
    }

    private static long databaseSize(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String exportSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
