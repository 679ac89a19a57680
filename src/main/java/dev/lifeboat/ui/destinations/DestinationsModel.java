package dev.lifeboat.ui.destinations;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.destination.CopyService;
import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.destination.Destinations;
import dev.lifeboat.core.destination.HostKeys;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.ui.common.DialogService;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The destinations of the open backup folder as a model: list, add, remove and Test, with an
 * unknown SFTP server's fingerprint shown for the person to confirm. Reading and writing
 * destinations.json is small and stays on the FX thread; anything that reaches a server runs
 * through the {@link TaskExecutor}. Testable without a window.
 */
public final class DestinationsModel {
    /** What the Add form holds; the kind decides which fields count. */
    public record Form(String name, String url, String endpoint, String region, boolean pathStyle, String identity,
                       boolean automatic) {
        private static final java.util.regex.Pattern SCP_STYLE =
                java.util.regex.Pattern.compile("([^@\\s/:]+)@([^@\\s/:\\[\\]]+):(/\\S*)");

        DestinationConfig toConfig() {
            String where = url == null ? "" : url.strip();
            if (where.startsWith("/") || where.startsWith("~/")) { // a plain folder path is what people type
                where = Path.of(where.replaceFirst("^~", System.getProperty("user.home"))).toUri().toString();
            }
            java.util.regex.Matcher scp = SCP_STYLE.matcher(where);
            if (scp.matches()) { // as scp and rsync write it: user@host:/path
                where = "sftp://" + scp.group(1) + "@" + scp.group(2) + scp.group(3);
            }
            DestinationConfig probe = new DestinationConfig(name == null ? null : name.strip(), where, null, null, null,
                    null, null, null);
            return switch (probe.kind()) {
                case S3 -> new DestinationConfig(probe.name(), probe.url(), blankToNull(endpoint), blankToNull(region),
                        pathStyle ? Boolean.TRUE : null, null, automatic, null);
                case SFTP -> new DestinationConfig(probe.name(), probe.url(), null, null, null, blankToNull(identity),
                        automatic, null);
                case FILE -> new DestinationConfig(probe.name(), probe.url(), null, null, null, null, automatic, null);
            };
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Supplier<ManifestStore> store;
    private final Path sshFolder;
    private final ObservableList<DestinationConfig> destinations = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    public DestinationsModel(TaskExecutor executor, DialogService dialogs, Supplier<ManifestStore> store) {
        this(executor, dialogs, store, Destinations.sshFolder());
    }

    public DestinationsModel(TaskExecutor executor, DialogService dialogs, Supplier<ManifestStore> store, Path sshFolder) {
        this.executor = executor;
        this.dialogs = dialogs;
        this.store = store;
        this.sshFolder = sshFolder;
    }

    public ObservableList<DestinationConfig> destinations() {
        return FXCollections.unmodifiableObservableList(destinations);
    }

    /** The last outcome, "✔ …" or "✖ …", in words. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    private DestinationStore file() {
        return new DestinationStore(store.get().folder());
    }

    public void reload() {
        try {
            destinations.setAll(file().all());
        } catch (LifeboatException e) {
            status.set("\u2716 " + e.getMessage());
        }
    }

    /** Saves a new destination; returns false (and says why) when the form is not valid. */
    public boolean add(Form form) {
        try {
            DestinationConfig config = form.toConfig();
            file().add(config);
            reload();
            status.set("\u2714 Added " + config.name() + ". Test it before relying on it.");
            return true;
        } catch (LifeboatException e) {
            status.set("\u2716 " + e.getMessage());
            return false;
        }
    }

    /** Forgets a destination after confirmation; its copies stay where they are. */
    public void remove(String name) {
        if (!dialogs.confirm("Remove destination", "Forget the destination " + name + "? Copies already there stay "
                + "where they are, but Lifeboat no longer copies to it or prunes it.", "Remove " + name)) {
            return;
        }
        try {
            file().remove(name);
            reload();
            status.set("Removed " + name + ".");
        } catch (LifeboatException e) {
            status.set("\u2716 " + e.getMessage());
        }
    }

    /**
     * Writes, reads back and deletes a small file. An SFTP server not yet in known_hosts is shown
     * with its fingerprint first; only a confirmed key is trusted.
     */
    public void test(String name) {
        DestinationConfig config;
        try {
            config = file().get(name);
        } catch (LifeboatException e) {
            status.set("\u2716 " + e.getMessage());
            return;
        }
        busy.set(true);
        status.set("Testing " + name + "\u2026");
        OperationTask<Optional<HostKeys.HostKey>> look = new OperationTask<>("Look up the host key of " + name,
                (p, c) -> HostKeys.unknown(config, sshFolder));
        look.setOnSucceeded(e -> look.getValue().ifPresentOrElse(key -> confirmHost(config, key), () -> runTest(config)));
        look.setOnFailed(e -> fail(look.getException()));
        look.setOnCancelled(e -> busy.set(false));
        executor.start(look);
    }

    private void confirmHost(DestinationConfig config, HostKeys.HostKey key) {
        boolean trusted = dialogs.confirm("Unknown SSH server", "The SSH server " + key.host() + ":" + key.port()
                + " is not in " + sshFolder.resolve("known_hosts") + ".\n\nIts " + key.type() + " host key fingerprint is\n"
                + key.fingerprint() + "\n\nTrust it only if the server's administrator confirms this fingerprint.",
                "Trust " + key.host());
        if (!trusted) {
            busy.set(false);
            status.set("\u2716 Not tested: the SSH server " + key.host() + " was not trusted (fingerprint "
                    + key.fingerprint() + ").");
            return;
        }
        OperationTask<Void> trust = new OperationTask<>("Trust the host key of " + config.name(), (p, c) -> {
            HostKeys.trust(config, key.fingerprint(), sshFolder);
            return null;
        });
        trust.setOnSucceeded(e -> runTest(config));
        trust.setOnFailed(e -> fail(trust.getException()));
        trust.setOnCancelled(e -> busy.set(false));
        executor.start(trust);
    }

    private void runTest(DestinationConfig config) {
        ManifestStore s = store.get();
        OperationTask<String> t = new OperationTask<>("Test destination " + config.name(),
                (p, c) -> new CopyService(s, new DestinationStore(s.folder()), this::open).test(config.name()));
        t.setOnSucceeded(e -> {
            busy.set(false);
            status.set("\u2714 " + config.name() + ": " + t.getValue() + ".");
        });
        t.setOnFailed(e -> fail(t.getException()));
        t.setOnCancelled(e -> busy.set(false));
        executor.start(t);
    }

    private dev.lifeboat.core.destination.Destination open(DestinationConfig config) {
        return Destinations.open(config, sshFolder);
    }

    private void fail(Throwable error) {
        busy.set(false);
        status.set("\u2716 " + error.getMessage());
    }
}
