package dev.lifeboat.core.destination;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** destinations.json beside the manifest: the folder's off-site destinations (no secrets). */
public final class DestinationStore {
    public static final String FILE_NAME = "destinations.json";

    /** The file's shape: a list, so that a later version can add top-level settings. */
    record FileContent(List<DestinationConfig> destinations) {
        FileContent {
            destinations = destinations == null ? List.of() : List.copyOf(destinations);
        }
    }

    private final Path folder;

    public DestinationStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    public List<DestinationConfig> all() {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(file()), FileContent.class).destinations();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | LifeboatException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "The destinations file " + file() + " cannot be read ("
                    + e.getMessage() + "). Fix it, or remove it and add the destinations again.", e);
        }
    }

    public DestinationConfig get(String name) {
        return all().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new LifeboatException(ErrorCode.USAGE, "No destination '" + name + "' in " + folder
                        + (all().isEmpty() ? ": none is configured yet." : ". Known: "
                        + String.join(", ", all().stream().map(DestinationConfig::name).toList()) + ".")));
    }

    public void add(DestinationConfig config) {
        update(list -> {
            if (list.stream().anyMatch(d -> d.name().equals(config.name()))) {
                throw new LifeboatException(ErrorCode.USAGE, "A destination named '" + config.name()
                        + "' exists already. Remove it first, or choose another name.");
            }
            List<DestinationConfig> next = new ArrayList<>(list);
            next.add(config);
            return next;
        });
    }

    public void remove(String name) {
        get(name);
        update(list -> list.stream().filter(d -> !d.name().equals(name)).toList());
    }

    public void replace(DestinationConfig config) {
        get(config.name());
        update(list -> list.stream().map(d -> d.name().equals(config.name()) ? config : d).toList());
    }

    private synchronized void update(UnaryOperator<List<DestinationConfig>> change) {
        List<DestinationConfig> next = change.apply(all());
        try {
            SafeFiles.ensureFolder(folder);
            SafeFiles.writeAtomically(file(), Json.MAPPER.writeValueAsBytes(new FileContent(next)));
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot save " + file() + ": " + e.getMessage(), e);
        }
    }
}
