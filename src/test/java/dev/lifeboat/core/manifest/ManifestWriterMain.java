package dev.lifeboat.core.manifest;

import java.nio.file.Path;
import java.util.List;

/** Run in a separate JVM by {@link ManifestStoreTest}: adds N entries to a folder's manifest, one update each. */
public final class ManifestWriterMain {
    private ManifestWriterMain() {
    }

    public static void main(String[] args) {
        ManifestStore store = new ManifestStore(Path.of(args[0]));
        String prefix = args[1];
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
            String id = prefix + "_" + i;
            store.update(m -> m.withAdded(ManifestStoreTest.entry(id)));
        }
    }

    static List<String> command(Path folder, String prefix, int n) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), ManifestWriterMain.class.getName(),
                folder.toString(), prefix, Integer.toString(n));
    }
}
