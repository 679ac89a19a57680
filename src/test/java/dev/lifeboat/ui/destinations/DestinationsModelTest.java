package dev.lifeboat.ui.destinations;

import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.testsupport.SftpTestServer;
import dev.lifeboat.ui.common.DialogService;
import dev.lifeboat.ui.common.SameThreadExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The destinations screen as a model, without a window, against a real folder and an in-process SFTP server. */
class DestinationsModelTest {
    @TempDir
    Path folder;

    @TempDir
    Path work;

    /** Answers confirmations as told and remembers what they said. */
    static final class Dialogs implements DialogService {
        boolean answer = true;
        final List<String> asked = new ArrayList<>();

        @Override
        public boolean confirm(String title, String message, String actionText) {
            asked.add(message);
            return answer;
        }

        @Override
        public boolean confirmByTypingName(String title, String message, String name, String actionText) {
            return answer;
        }

        @Override
        public void showError(String title, Throwable error) {
        }

        @Override
        public void showInfo(String title, String message) {
        }

        @Override
        public Optional<Path> chooseFolder(String title, Path initial) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseSaveFile(String title, String name, String description, String extension) {
            return Optional.empty();
        }
    }

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    private static void onFx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(); // tasks publish their outcome on the next pulses
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void addAFolderTestItAndRemoveIt() throws Exception {
        Dialogs dialogs = new Dialogs();
        Path target = Files.createDirectories(work.resolve("offsite"));
        DestinationsModel model = new DestinationsModel(new SameThreadExecutor(), dialogs, () -> new ManifestStore(folder), work);
        onFx(() -> assertTrue(model.add(new DestinationsModel.Form("usb", target.toString(), "", "", false, "", true))));
        assertEquals(List.of("usb"), model.destinations().stream().map(d -> d.name()).toList());
        assertEquals(target.toUri().toString(), model.destinations().get(0).url());
        onFx(() -> model.test("usb"));
        assertTrue(model.statusProperty().get().startsWith("\u2714 usb"), model.statusProperty().get());
        assertFalse(model.busyProperty().get());
        onFx(() -> model.remove("usb"));
        assertTrue(model.destinations().isEmpty());
    }

    @Test
    void anSftpLocationWrittenAsScpWritesItIsTakenAsItsUrl() {
        assertEquals("sftp://backup@nas.example/srv/lifeboat",
                new DestinationsModel.Form("nas", " backup@nas.example:/srv/lifeboat ", "", "", false, "", false).toConfig().url());
        assertEquals("sftp://backup@nas.example:2222/srv",
                new DestinationsModel.Form("nas", "sftp://backup@nas.example:2222/srv", "", "", false, "", false).toConfig().url());
    }

    @Test
    void aFolderIsListedAsItsPathNotItsUrl() {
        var folderDestination = new DestinationsModel.Form("nas", "/mnt/off site", "", "", false, "", false).toConfig();
        assertEquals("/mnt/off site", DestinationsDialog.where(folderDestination));
        var s3 = new DestinationsModel.Form("b", "s3://bucket/p", "", "", false, "", false).toConfig();
        assertEquals("s3://bucket/p", DestinationsDialog.where(s3));
    }

    @Test
    void aFormWithoutAUsableUrlSaysWhatToType() throws Exception {
        DestinationsModel model = new DestinationsModel(new SameThreadExecutor(), new Dialogs(), () -> new ManifestStore(folder), work);
        onFx(() -> assertFalse(model.add(new DestinationsModel.Form("x", "ftp://old", "", "", false, "", false))));
        assertTrue(model.statusProperty().get().contains("s3://BUCKET/PREFIX"), model.statusProperty().get());
        assertTrue(model.destinations().isEmpty());
        for (String typed : List.of("backup:S3cret@nas:/srv", "sftp://backup:S3cret@nas/srv", "back up:S3cret@nas:/srv")) {
            onFx(() -> assertFalse(model.add(new DestinationsModel.Form("x", typed, "", "", false, "", false))));
            String said = model.statusProperty().get();
            assertTrue(said.startsWith("\u2716") && !said.contains("S3cret"), "no password repeated: " + said);
        }
        assertTrue(model.destinations().isEmpty());
    }

    @Test
    void anUnknownSftpServerIsTestedOnlyAfterItsFingerprintIsConfirmed() throws Exception {
        try (SftpTestServer server = new SftpTestServer(work, false)) {
            Dialogs dialogs = new Dialogs();
            DestinationsModel model = new DestinationsModel(new SameThreadExecutor(), dialogs, () -> new ManifestStore(folder),
                    server.sshFolder());
            onFx(() -> assertTrue(model.add(new DestinationsModel.Form("box", server.url("backups"), "", "", false, "",
                    false))));
            dialogs.answer = false;
            onFx(() -> model.test("box"));
            assertTrue(dialogs.asked.get(0).contains(server.hostKeyFingerprint()), dialogs.asked.get(0));
            assertTrue(model.statusProperty().get().contains("not trusted"), model.statusProperty().get());

            dialogs.answer = true;
            onFx(() -> model.test("box"));
            assertTrue(model.statusProperty().get().startsWith("\u2714 box"), model.statusProperty().get());
            assertTrue(Files.readString(server.sshFolder().resolve("known_hosts")).contains("127.0.0.1"));
        }
    }
}
