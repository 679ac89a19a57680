package dev.lifeboat.core.recovery;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.RetentionFacts;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.util.SafeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds and cleans what interrupted operations left (kill -9, a power cut): partial and temporary
 * files in the folder, copy and scratch databases on servers, a target the swap closed, a finished
 * restore that was never recorded. The journal says what each operation intended to create; an
 * operation whose process still runs is never touched.
 */
public final class RecoveryService {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryService.class);
    private static final Pattern TMP_OF_PID = Pattern.compile(".*\\.tmp-(\\d+)-\\d+$");

    private final ManifestStore store;
    private final Journal journal;
    private final UnaryOperator<ConnectionSpec> credentials;

    /** @param credentials gives a server its password when one is needed (a prompt); identity uses ~/.pgpass */
    public RecoveryService(ManifestStore store, UnaryOperator<ConnectionSpec> credentials) {
        this.store = store;
        this.journal = new Journal(store.folder());
        this.credentials = credentials;
    }

    public RecoveryService(ManifestStore store) {
        this(store, UnaryOperator.identity());
    }

    /** What cleaning removed or fixed, and what it could not (with why). */
    public record Result(List<Leftover> cleaned, List<String> failed) {
    }

    /** Every leftover, asking the servers which recorded databases still exist. */
    public List<Leftover> find() {
        return find(true);
    }

    /**
     * @param askServers false lists the databases interrupted operations may have left without
     *                   connecting (for health, which must not hang on a server)
     */
    public List<Leftover> find(boolean askServers) {
        return find(askServers, null);
    }

    /**
     * As {@link #find(boolean)}, with the folder's names as the caller listed them a moment ago (health lists it
     * once for all its checks: a listing of 35,000 backups is tens of milliseconds); null lists it here.
     */
    public List<Leftover> find(boolean askServers, Collection<String> folderNames) {
        List<Leftover> found = new ArrayList<>();
        Map<String, List<JournalLine>> ops = journal.operations();
        Set<String> liveFiles = new HashSet<>();
        boolean anyLive = false;
        Set<String> referenced = referenced();
        for (var op : ops.entrySet()) {
            List<JournalLine> lines = op.getValue();
            if (Journal.ended(lines)) {
                continue;
            }
            if (Journal.alive(lines)) {
                anyLive = true;
                lines.stream().filter(l -> l.file() != null).forEach(l -> liveFiles.add(l.file()));
                continue;
            }
            for (JournalLine l : lines) {
                if (JournalLine.FILE.equals(l.event()) && !referenced.contains(l.file())
                        && Files.exists(store.folder().resolve(l.file()))) {
                    found.add(new Leftover(Leftover.Kind.FILE, op.getKey(), l.file(), null,
                            "left by an interrupted " + l.kind()));
                } else if (JournalLine.DATABASE.equals(l.event())) {
                    databaseLeftover(op.getKey(), l, askServers).ifPresent(found::add);
                } else if (JournalLine.SWAP.equals(l.event()) && askServers) {
                    swapLeftovers(op.getKey(), l, found);
                }
            }
        }
        Set<String> listed = new HashSet<>();
        found.stream().filter(f -> f.kind() == Leftover.Kind.FILE).forEach(f -> listed.add(f.name()));
        for (String name : folderFiles(referenced, folderNames)) {
            if (listed.contains(name) || liveFiles.contains(name)) {
                continue;
            }
            String why = strayReason(name, anyLive);
            if (why != null) {
                found.add(new Leftover(Leftover.Kind.FILE, null, name, null, why));
            }
        }
        return found;
    }

    /**
     * Cleans every leftover; what it cannot clean stays listed in the journal for the next run.
     * First the server sessions of the killed processes are ended: a statement a killed client
     * sent (CREATE DATABASE, ALTER DATABASE) runs to its end, and an orphaned pg_restore goes on.
     */
    public Result clean() {
        DeadSessions.end(journal, this::server);
        List<Leftover> found = find(true);
        List<Leftover> cleaned = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Set<String> unfinished = new HashSet<>();
        for (Leftover l : found) {
            try {
                cleanOne(l);
                cleaned.add(l);
                LOG.info("Recovered: {}", l.describe());
            } catch (IOException | SQLException | LifeboatException e) {
                failed.add(l.describe() + ": " + e.getMessage());
                if (l.operation() != null) {
                    unfinished.add(l.operation());
                }
            }
        }
        Map<String, List<JournalLine>> ops = journal.operations();
        journal.compact(op -> !unfinished.contains(op) && !Journal.alive(ops.get(op)));
        return new Result(cleaned, failed);
    }

    private void cleanOne(Leftover l) throws IOException, SQLException {
        switch (l.kind()) {
            case FILE -> SafeFiles.deleteRecursively(store.inside(l.name(), "(leftover)")); // a .dir.partial is a folder
            case DATABASE -> {
                try (Connection c = Databases.maintenance(server(l.server()))) {
                    Databases.drop(c, l.name());
                }
            }
            case CLOSED_TARGET -> {
                try (Connection c = Databases.maintenance(server(l.server())); Statement st = c.createStatement()) {
                    st.execute("ALTER DATABASE " + Pg.ident(l.name()) + " ALLOW_CONNECTIONS true");
                }
            }
            case UNRECORDED_RESTORE -> recordRestore(l);
        }
    }

    /** Reopens a target an interrupted swap left closed; the next restore calls this before its preflight. */
    public void reopenInterrupted(ConnectionSpec server, String target) {
        String conninfo = Journal.serverOf(server);
        for (var op : journal.operations().entrySet()) {
            List<JournalLine> lines = op.getValue();
            if (Journal.ended(lines) || Journal.alive(lines)) {
                continue;
            }
            for (JournalLine l : lines) {
                if (JournalLine.SWAP.equals(l.event()) && conninfo.equals(l.server()) && target.equals(l.target())) {
                    List<Leftover> found = new ArrayList<>();
                    swapLeftovers(op.getKey(), l, found);
                    for (Leftover f : found) {
                        if (f.kind() == Leftover.Kind.CLOSED_TARGET) {
                            try {
                                cleanOne(f);
                                LOG.warn("Reopened {}: an interrupted restore had closed it", target);
                            } catch (IOException | SQLException | LifeboatException e) {
                                LOG.warn("Could not reopen {}: {}", target, e.getMessage());
                            }
                        }
                    }
                }
            }
        }
    }

    private java.util.Optional<Leftover> databaseLeftover(String op, JournalLine l, boolean askServers) {
        boolean recordedSuccess = new OperationsLog(store.folder()).find(op)
                .filter(r -> OperationRecord.SUCCEEDED.equals(r.outcome())).isPresent();
        if (recordedSuccess) {
            return java.util.Optional.empty(); // killed after it finished: the database is the restored one
        }
        if (!askServers) {
            return java.util.Optional.of(new Leftover(Leftover.Kind.DATABASE, op, l.database(), l.server(),
                    "may remain after an interrupted " + l.kind() + "; a recovery run checks"));
        }
        try (Connection c = Databases.maintenance(server(l.server()))) {
            if (Databases.exists(c, l.database())) {
                return java.util.Optional.of(new Leftover(Leftover.Kind.DATABASE, op, l.database(), l.server(),
                        "made by an interrupted " + l.kind()));
            }
            // The killed client's CREATE DATABASE may still be running: it would appear after this look.
            return DeadSessions.inFlight(c, l.database(), DeadSessions.byServer(journal).get(l.server()))
                    ? java.util.Optional.of(new Leftover(Leftover.Kind.DATABASE, op, l.database(), l.server(),
                    "being created by the last statement of an interrupted " + l.kind()))
                    : java.util.Optional.empty();
        } catch (SQLException | LifeboatException e) {
            return java.util.Optional.of(new Leftover(Leftover.Kind.DATABASE, op, l.database(), l.server(),
                    "cannot check: " + e.getMessage()));
        }
    }

    private void swapLeftovers(String op, JournalLine l, List<Leftover> found) {
        try (Connection c = Databases.maintenance(server(l.server()))) {
            Boolean allow = allowsConnections(c, l.target());
            if (Boolean.FALSE.equals(allow)) {
                found.add(new Leftover(Leftover.Kind.CLOSED_TARGET, op, l.target(), l.server(),
                        "closed by an interrupted swap"));
            }
            boolean swapped = Databases.exists(c, l.rollback()) && allow != null && !Databases.exists(c, l.database());
            if (swapped && new OperationsLog(store.folder()).find(op).isEmpty()) {
                found.add(new Leftover(Leftover.Kind.UNRECORDED_RESTORE, op, l.target(), l.server(),
                        "the old database is kept as " + l.rollback()));
            }
        } catch (SQLException | LifeboatException e) {
            found.add(new Leftover(Leftover.Kind.CLOSED_TARGET, op, l.target(), l.server(), "cannot check: " + e.getMessage()));
        }
    }

    private static Boolean allowsConnections(Connection c, String db) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT datallowconn FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private void recordRestore(Leftover l) {
        JournalLine swap = journal.operations().getOrDefault(l.operation(), List.of()).stream()
                .filter(x -> JournalLine.SWAP.equals(x.event())).findFirst()
                .orElseThrow(() -> new LifeboatException(ErrorCode.INTERNAL, "The journal lost " + l.operation()));
        String started = journal.operations().get(l.operation()).get(0).at();
        new OperationsLog(store.folder()).append(new OperationRecord(l.operation(), OperationRecord.RESTORE,
                swap.backupId(), swap.server(), swap.target(), swap.mode(), started, OffsetDateTime.now().toString(),
                OperationRecord.SUCCEEDED, "Restored " + swap.backupId() + " into " + swap.target()
                + " (recorded by recover: the restore was interrupted after its swap)", swap.rollback(), null, null,
                null, null, null));
    }

    private ConnectionSpec server(String conninfo) {
        return credentials.apply(ConnectionSpec.parse(conninfo));
    }

    /**
     * Every file the catalog names (entries' files, roles files, pending deletes), from the retention facts:
     * no summary or entry parsed, so a health check over 35,000 backups stays one small read (issue 15).
     */
    private Set<String> referenced() {
        try {
            Set<String> names = new HashSet<>(store.pending());
            for (RetentionFacts f : store.retentionFacts()) {
                names.add(f.file());
                if (f.rolesFile() != null) {
                    names.add(f.rolesFile());
                }
            }
            return names;
        } catch (LifeboatException e) {
            // a damaged manifest: name nothing as referenced, but never delete a whole backup below
            return new HashSet<>();
        }
    }

    /** The folder's files and leftover folders, less the catalog's: at 35,000 backups a stat each was most of a scan. */
    private List<String> folderFiles(Set<String> referenced, Collection<String> listed) {
        if (!Files.isDirectory(store.folder())) {
            return List.of();
        }
        Collection<String> names = listed;
        if (names == null) {
            try (Stream<Path> s = Files.list(store.folder())) {
                names = s.map(p -> p.getFileName().toString()).toList();
            } catch (IOException e) {
                return List.of();
            }
        }
        // a directory backup's partial folder too (a finished one is a backup, never a leftover)
        // and an encrypted directory backup's decrypted scratch folder (a temporary of its process)
        return names.stream().filter(n -> !referenced.contains(n)).filter(n -> {
            Path p = store.folder().resolve(n);
            return Files.isRegularFile(p) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && (n.endsWith(BackupFileNames.PARTIAL_SUFFIX) || TMP_OF_PID.matcher(n).matches());
        }).sorted().toList();
    }

    /** Why a file nobody is writing is a leftover, or null when it is not one. */
    private String strayReason(String name, boolean anyLive) {
        if (name.endsWith(BackupFileNames.PARTIAL_SUFFIX)) {
            return "a partial file no running operation writes";
        }
        Matcher tmp = TMP_OF_PID.matcher(name);
        if (tmp.matches()) {
            long pid = Long.parseLong(tmp.group(1));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) ? null
                    : "a temporary file of a process that is gone";
        }
        if (name.startsWith(".lifeboat-") && !name.startsWith(Journal.FILE_NAME) && !anyLive) {
            return "a temporary file of an operation that is not running";
        }
        if (BackupFileNames.isRolesFile(name)) {
            String stem = BackupFileNames.stem(name);
            boolean dumpThere = Files.exists(store.folder().resolve(stem + ".dump"))
                    || Files.exists(store.folder().resolve(stem + ".dump" + BackupFileNames.PARTIAL_SUFFIX))
                    || Files.exists(store.folder().resolve(stem + BackupFileNames.DIRECTORY_SUFFIX))
                    || Files.exists(store.folder().resolve(stem + BackupFileNames.DIRECTORY_SUFFIX + BackupFileNames.PARTIAL_SUFFIX));
            return dumpThere || anyLive ? null : "the roles file of a backup that never finished";
        }
        return null;
    }
}
