package dev.lifeboat.core.manifest;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A prune's delete names what goes from the retention facts it planned on while they are still the catalog's
 * (decision 007's seventh round): no whole entry is found and parsed; when the catalog changed meanwhile, or an
 * id is shared, it behaves as a delete that finds the entry.
 */
class DeleteFromFactsTest {
    private static final int LARGE = 1_500;

    @TempDir
    Path folder;

    @Test
    void aDeleteFromCurrentFactsParsesNoEntry() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        BackupEntry victim = CatalogFixtures.realistic(700);
        Files.writeString(folder.resolve(victim.file()), "dump");
        store.retentionFacts(); // the plan
        // The victim's bytes in the snapshot made unparsable in place (size, time and file kept): reading it whole fails.
        Path snapshot = store.manifestFile();
        BasicFileAttributes a = Files.readAttributes(snapshot, BasicFileAttributes.class);
        byte[] bytes = Files.readAllBytes(snapshot);
        int at = indexOf(bytes, ("\"" + victim.id() + "\"").getBytes(StandardCharsets.UTF_8)); // its "id" field's value
        assertTrue(at > 0, "the victim's entry is in the snapshot");
        bytes[at] = '!'; // "id": !db1_... is no JSON
        Files.write(snapshot, bytes);
        Files.setLastModifiedTime(snapshot, a.lastModifiedTime());

        Path copy = Files.createTempDirectory(folder.getParent(), "copy");
        for (Path f : List.of(snapshot, folder.resolve(CatalogIndex.FILE_NAME))) {
            Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        assertThrows(LifeboatException.class, () -> new ManifestStore(copy).find(victim.id()),
                "finding it whole (in a copy of the folder) fails");

        new BackupDeleter(store).delete(victim.id());

        assertFalse(Files.exists(folder.resolve(victim.file())), "the file is gone");
        assertTrue(store.pending().isEmpty(), "nothing left pending");
        assertFalse(store.retentionFacts().stream().anyMatch(f -> f.id().equals(victim.id())), "the entry is gone");
        assertEquals(LARGE - 1, store.retentionFacts().size());
    }

    @Test
    void aDeleteAfterAnotherProcessDeletedTheBackupSaysItIsGone() throws Exception {
        ManifestStore mine = CatalogFixtures.seed(folder, LARGE);
        BackupEntry victim = CatalogFixtures.realistic(700);
        Files.writeString(folder.resolve(victim.file()), "dump");
        mine.retentionFacts(); // planned here, then another process deletes it first
        new BackupDeleter(new ManifestStore(folder)).delete(victim.id());

        LifeboatException e = assertThrows(LifeboatException.class, () -> new BackupDeleter(mine).delete(victim.id()));
        assertEquals(ErrorCode.BACKUP_NOT_FOUND, e.code(), e.getMessage());
        assertTrue(mine.pending().isEmpty(), "its file is not named again as pending");
        assertEquals(LARGE - 1, mine.retentionFacts().size());
    }

    @Test
    void aSharedIdIsRefusedFromTheFactsAndNothingChanges() throws Exception {
        List<BackupEntry> list = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            list.add(CatalogFixtures.realistic(i));
        }
        BackupEntry twin = CatalogFixtures.realistic(5).withId(list.get(2).id());
        list.add(twin);
        // Written by hand, as a hand-edited or merged manifest is: Lifeboat itself never makes two entries share an id.
        dev.lifeboat.core.util.Json.MAPPER.writeValue(folder.resolve(ManifestStore.FILE_NAME).toFile(),
                new Manifest(Manifest.FORMAT_VERSION, null, list, null, null));
        ManifestStore store = new ManifestStore(folder);
        Files.writeString(folder.resolve(list.get(2).file()), "dump");
        Files.writeString(folder.resolve(twin.file()), "dump");
        assertEquals(6, store.retentionFacts().size());

        LifeboatException e = assertThrows(LifeboatException.class, () -> new BackupDeleter(store).delete(twin.id()));
        assertEquals(ErrorCode.MANIFEST_DAMAGED, e.code());
        assertTrue(e.getMessage().contains("share the id"), e.getMessage());
        assertEquals(6, store.retentionFacts().size(), "nothing removed");
        assertTrue(Files.exists(folder.resolve(list.get(2).file())) && Files.exists(folder.resolve(twin.file())));
    }

    private static int indexOf(byte[] b, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= b.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
