package dev.lifeboat.core.recovery;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The intent journal of a backup folder ({@code .lifeboat-journal.jsonl}): before an operation
 * creates a file or a database it appends a line naming it, and when it ends it says so. After a
 * kill -9 the lines of an operation whose process is gone name exactly what it may have left.
 * Appends are locked and fsynced; once every operation has ended the journal is emptied.
 */
public final class Journal {
    public static final String FILE_NAME = ".lifeboat-journal.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    /** One JVM may hold a file lock once: threads of this process take turns here first. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;

    public Journal(Path folder) {
        this.file = folder.toAbsolutePath().normalize().resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** An operation's handle: what it intends to create, and its end. */
    public final class Intent {
        private final String op;
        private final String kind;
        /** The lines this operation appended, as written: a journal holding nothing else is emptied without parsing. */
        private final StringBuilder written = new StringBuilder();

        private Intent(String op, String kind) {
            this.op = op;
            this.kind = kind;
        }

        public String op() {
            return op;
        }

        /** Before the file (a name in the folder) is created. */
        public Intent file(Path path) {
            appendOwn(line(op, JournalLine.FILE, kind, path.getFileName().toString(), null, null, null, null, null, null));
            return this;
        }

        /**
         * Before the files are created, in one write and one fsync: a backup names three before
         * pg_dump can start, and each fsync is 5-50 ms on a busy disk.
         */
        public Intent files(Path... paths) {
            List<JournalLine> lines = new ArrayList<>();
            for (Path path : paths) {
                lines.add(line(op, JournalLine.FILE, kind, path.getFileName().toString(), null, null, null, null, null, null));
            }
            appendOwn(lines);
            return this;
        }

        /** Before the database is created on the server. */
        public Intent database(ConnectionSpec server, String name) {
            appendOwn(line(op, JournalLine.DATABASE, kind, null, serverOf(server), name, null, null, null, null));
            return this;
        }

        /**
         * The operation's tools hold sessions on this server. After a kill, recover ends them (so that
         * an orphaned pg_dump -Fd stops writing into its partial folder before the folder is removed);
         * nothing on the server is created or dropped.
         */
        public Intent sessions(ConnectionSpec server) {
            appendOwn(line(op, JournalLine.SESSIONS, kind, null, serverOf(server), null, null, null, null, null));
            return this;
        }

        /**
         * Before a replace closes the target: what recovery needs to reopen it, drop the copy, or
         * record the finished swap whose record was never written.
         */
        public Intent swap(ConnectionSpec server, String target, String working, String rollback, String backupId,
                           String mode) {
            appendOwn(line(op, JournalLine.SWAP, kind, null, serverOf(server), working, target, rollback, backupId, mode));
            return this;
        }

        /** The operation finished (or cleaned up after itself); nothing of it is left to recover. */
        public void end() {
            try {
                appendOwn(line(op, JournalLine.END, kind, null, null, null, null, null, null, null));
                String own;
                synchronized (written) {
                    own = written.toString();
                }
                synchronized (IN_PROCESS) {
                    if (!emptyIfOnly(own)) {
                        compactLocked(id -> false);
                    }
                }
            } catch (LifeboatException e) {
                LOG.warn("Could not close the journal entry {}: {}", op, e.getMessage());
            }
        }

        private void appendOwn(JournalLine line) {
            appendOwn(List.of(line));
        }

        private void appendOwn(List<JournalLine> lines) {
            synchronized (written) {
                written.append(append(lines));
            }
        }
    }

    /**
     * Begins an operation: the first line, written before it creates anything. A folder where it
     * cannot be written refuses the operation here, with nothing changed.
     */
    public Intent begin(String kind) {
        return begin(kind, kind + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Begins an operation under an id of its own (a restore's operation id). */
    public Intent begin(String kind, String op) {
        Intent intent = new Intent(op, kind);
        intent.appendOwn(line(op, JournalLine.BEGIN, kind, null, null, null, null, null, null, null));
        return intent;
    }

    private static JournalLine line(String op, String event, String kind, String fileName, String server,
                                    String database, String target, String rollback, String backupId, String mode) {
        ProcessHandle self = ProcessHandle.current();
        return new JournalLine(op, event, kind, self.pid(), self.info().startInstant().map(Object::toString).orElse(null),
                OffsetDateTime.now().toString(), fileName, server, database, target, rollback, backupId, mode);
    }

    static String serverOf(ConnectionSpec server) {
        return server.withDatabase("postgres").toConninfo();
    }

    /** Appends the lines (locked, fsynced) and returns the text written. */
    private String append(List<JournalLine> lines) {
        synchronized (IN_PROCESS) {
            return appendLocked(lines);
        }
    }

    private String appendLocked(List<JournalLine> lines) {
        try {
            SafeFiles.ensureFolder(file.getParent());
            StringBuilder text = new StringBuilder();
            for (JournalLine line : lines) {
                text.append(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line))
                        .append('\n');
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); FileLock ignored = ch.lock()) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            SafeFiles.ownerOnly(file);
            return text.toString();
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot write in the backup folder " + file.getParent()
                    + " (" + e.getMessage() + "), so nothing was started: Lifeboat records what an operation creates "
                    + "before creating it. Make the folder writable, or choose another.", e);
        }
    }

    /** Every line, grouped by operation in the order written; a torn last line is skipped. */
    public Map<String, List<JournalLine>> operations() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the journal " + file + ": " + e.getMessage(), e);
        }
        Map<String, List<JournalLine>> ops = new LinkedHashMap<>();
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            try {
                JournalLine line = Json.MAPPER.readValue(l, JournalLine.class);
                ops.computeIfAbsent(line.op(), k -> new ArrayList<>()).add(line);
            } catch (IOException ignored) {
                // the torn line of a write cut short by a kill: the lines before it still count
            }
        }
        return ops;
    }

    /** Whether the process that wrote these lines still runs (same pid and the same start time). */
    static boolean alive(List<JournalLine> lines) {
        JournalLine first = lines.get(0);
        if (first.pid() == null) {
            return false;
        }
        return ProcessHandle.of(first.pid()).filter(ProcessHandle::isAlive)
                .map(h -> first.pidStart() == null || h.info().startInstant().map(Object::toString)
                        .map(first.pidStart()::equals).orElse(true))
                .orElse(false);
    }

    static boolean ended(List<JournalLine> lines) {
        return lines.stream().anyMatch(l -> JournalLine.END.equals(l.event()));
    }

    /**
     * Rewrites the journal under its lock, dropping ended operations and those {@code done} says
     * were recovered; an empty journal is truncated.
     */
    void compact(Predicate<String> done) {
        synchronized (IN_PROCESS) {
            compactLocked(done);
        }
    }

    /**
     * Empties the journal when it holds exactly {@code own}, the lines of one ended operation of this
     * process (the usual case: one backup at a time), without parsing them: reading the lines back is
     * Jackson's first use of their type, 20-30 ms of a cold JVM's CPU after pg_dump has ended. Returns
     * false, changing nothing, when the journal holds anything else.
     */
    private boolean emptyIfOnly(String own) {
        byte[] expected = own.getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
             FileLock ignored = ch.lock()) {
            if (ch.size() != expected.length) {
                return false;
            }
            ByteBuffer now = ByteBuffer.allocate(expected.length);
            while (now.hasRemaining() && ch.read(now, now.position()) >= 0) {
                // read to the end (a regular file under our lock: its size does not change)
            }
            if (now.hasRemaining() || !java.util.Arrays.equals(now.array(), expected)) {
                return false;
            }
            ch.truncate(0);
            ch.force(true);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("Could not tidy the journal {}: {}", file, e.getMessage());
            return true; // as compact does: the lines stay, ended; a later tidy-up drops them
        }
    }

    private void compactLocked(Predicate<String> done) {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
             FileLock ignored = ch.lock()) {
            Map<String, List<JournalLine>> ops = operations();
            List<JournalLine> keep = new ArrayList<>();
            ops.forEach((op, lines) -> {
                if (!ended(lines) && !done.test(op)) {
                    keep.addAll(lines);
                }
            });
            int before = ops.values().stream().mapToInt(List::size).sum();
            if (keep.size() == before) {
                return;
            }
            StringBuilder sb = new StringBuilder();
            for (JournalLine l : keep) {
                sb.append(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(l)).append('\n');
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(bytes), 0);
            ch.force(true);
        } catch (IOException e) {
            LOG.warn("Could not tidy the journal {}: {}", file, e.getMessage());
        }
    }
}
