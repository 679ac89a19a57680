package dev.lifeboat.core.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a separate JVM by the manifest tests: adds N entries to a folder's catalog, one commit each,
 * through {@link ManifestStore#update} or, with mode "add", {@link ManifestStore#add}; in that mode it
 * prints each id once its commit has returned, so a test that kills it knows what was committed.
 */
public final class ManifestWriterMain {
    private ManifestWriterMain() {
    }

    public static void main(String[] args) {
        ManifestStore store = new ManifestStore(Path.of(args[0]));
        String prefix = args[1];
        int n = Integer.parseInt(args[2]);
        boolean add = args.length > 3 && args[3].equals("add");
        for (int i = 0; i < n; i++) {
            String id = prefix + "_" + i;
            if (add) {
                store.add(ManifestStoreTest.entry(id));
                System.out.println(id);
                System.out.flush();
            } else {
                store.update(m -> m.withAdded(ManifestStoreTest.entry(id)));
            }
        }
    }

    static List<String> command(Path folder, String prefix, int n) {
        return command(folder, prefix, n, "update");
    }

    static List<String> command(Path folder, String prefix, int n, String mode) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ManifestWriterMain.class.getName(), folder.toString(), prefix, Integer.toString(n), mode));
        return cmd;
    }
}
