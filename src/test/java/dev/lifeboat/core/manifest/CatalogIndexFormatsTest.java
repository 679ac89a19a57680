package dev.lifeboat.core.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An older Lifeboat (index format 1) and this one sharing a folder: neither rebuilds over the other's index. */
class CatalogIndexFormatsTest {
    @TempDir
    Path folder;

    @Test
    void anOlderLifeboatsFormat1IndexIsLeftAsItIsAndOursIsKeptBesideIt() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, 1_500);
        Path old = folder.resolve(CatalogIndex.FORMAT_1_FILE_NAME);
        // What an older Lifeboat keeps there: its own magic, which this one must neither read nor replace.
        byte[] theirs = "lifeboat-catalog-index 1\t1\t2\tkey\tUTC\n{}\n".getBytes(StandardCharsets.UTF_8);
        Files.write(old, theirs);
        Path ours = folder.resolve(CatalogIndex.FILE_NAME);
        assertTrue(Files.exists(ours), "seeding indexed the snapshot under this format's name");
        long ourTime = Files.getLastModifiedTime(ours).toMillis();

        String id = CatalogFixtures.realistic(42).id();
        assertEquals(42, Integer.parseInt(store.find(id).description().replaceAll("\\D", "")));
        assertEquals(1_500, new ManifestStore(folder).summaries().size());
        store.add(ManifestStoreTest.entry("zz_new"));
        store.compact();
        assertEquals(1_501, new ManifestStore(folder).summaries().size());

        assertArrayEquals(theirs, Files.readAllBytes(old), "the older version's index is untouched");
        assertTrue(Files.getLastModifiedTime(ours).toMillis() >= ourTime);
        assertTrue(new String(Files.readAllBytes(ours), 0, 40, StandardCharsets.UTF_8).startsWith("lifeboat-catalog-index 2"));
    }
}
