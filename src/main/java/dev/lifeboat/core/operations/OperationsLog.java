package dev.lifeboat.core.operations;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** operations.jsonl beside the manifest: one JSON object per line, appended under a lock and fsynced. */
public final class OperationsLog {
    public static final String FILE_NAME = "operations.jsonl";

    private final Path file;

    public OperationsLog(Path folder) {
        this.file = folder.toAbsolutePath().resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * Why the log cannot be written now (a read-only folder, a read-only log file), or null. A
     * restore checks this before it changes anything: a replace whose record cannot be written
     * would leave a rollback point no command knows.
     */
    public String unwritableReason() {
        Path folder = file.getParent();
        if (Files.isDirectory(folder) && !Files.isWritable(folder)) {
            return "the backup folder " + folder + " is read-only";
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            return "the operations log " + file + " is read-only";
        }
        if (Files.isDirectory(file)) {
            return file + " is a folder";
        }
        return null;
    }

    public synchronized void append(OperationRecord record) {
        SafeFiles.ensureFolder(file.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); FileLock ignored = ch.lock()) {
            byte[] line = (Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            ch.write(ByteBuffer.wrap(line));
            ch.force(true);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot write the operations log " + file + ": "
                    + e.getMessage(), e);
        }
        SafeFiles.ownerOnly(file);
    }

    /** Every record in the order written; a damaged line is skipped rather than hiding the rest. */
    public List<OperationRecord> all() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the operations log " + file + ": " + e.getMessage(), e);
        }
        List<OperationRecord> records = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(Json.MAPPER.readValue(line, OperationRecord.class));
            } catch (IOException ignored) {
                // a torn last line after a crash: the records before it still count
            }
        }
        return records;
    }

    public Optional<OperationRecord> find(String id) {
        return all().stream().filter(r -> r.id().equals(id)).reduce((a, b) -> b);
    }

    /** True while the operation's rollback point exists: no later rollback or discard names it. */
    public boolean rollbackPointLive(String operationId) {
        return all().stream().noneMatch(r -> operationId.equals(r.refersTo()) && OperationRecord.SUCCEEDED.equals(r.outcome()));
    }
}
