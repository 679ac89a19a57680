package dev.lifeboat.core.schedule;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** schedules.json (what is scheduled) and schedule-state.json (how each last ran) in the config folder. */
public final class ScheduleStore {
    /** The outcome of a schedule's last run, for the app and for health. */
    public record LastRun(String started, String finished, String outcome, String message, String backupId) {
    }

    private final Path schedules;
    private final Path state;

    public ScheduleStore(Path configFolder) {
        this.schedules = configFolder.resolve("schedules.json");
        this.state = configFolder.resolve("schedule-state.json");
    }

    public List<Schedule> list() {
        return read(schedules, new TypeReference<List<Schedule>>() { }, List.of());
    }

    public Optional<Schedule> find(String name) {
        return list().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public synchronized void put(Schedule s) {
        Schedule.requireSafeName(s.name());
        List<Schedule> all = new ArrayList<>(list());
        all.removeIf(x -> x.name().equals(s.name()));
        all.add(s);
        write(schedules, all);
    }

    public synchronized void remove(String name) {
        List<Schedule> all = new ArrayList<>(list());
        all.removeIf(x -> x.name().equals(name));
        write(schedules, all);
    }

    /**
     * How often the database is backed up into the folder, from the schedule that does it, or null
     * when none does. Health measures a backup's age against it.
     */
    public java.time.Duration intervalFor(Path folder, String database,
                                          java.util.function.Function<String, dev.lifeboat.core.pg.ConnectionSpec> resolve) {
        Path wanted = folder.toAbsolutePath().normalize();
        for (Schedule s : list()) {
            try {
                if (Path.of(s.folder()).toAbsolutePath().normalize().equals(wanted)
                        && resolve.apply(s.connection()).database().equals(database)) {
                    return s.time().interval();
                }
            } catch (RuntimeException ignored) {
                // a schedule whose connection is gone sets no interval
            }
        }
        return null;
    }

    public Map<String, LastRun> lastRuns() {
        return read(state, new TypeReference<Map<String, LastRun>>() { }, Map.of());
    }

    public synchronized void recordRun(String name, LastRun run) {
        Map<String, LastRun> all = new LinkedHashMap<>(lastRuns());
        all.put(name, run);
        write(state, all);
    }

    private static <T> T read(Path file, TypeReference<T> type, T empty) {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file), type);
        } catch (NoSuchFileException e) {
            return empty;
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, file + " cannot be read (" + e.getMessage()
                    + "). Fix it or move it away.", e);
        }
    }

    private static void write(Path file, Object value) {
        try {
            SafeFiles.ensureFolder(file.getParent());
            SafeFiles.writeAtomically(file, Json.MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot save " + file + ": " + e.getMessage(), e);
        }
    }
}
