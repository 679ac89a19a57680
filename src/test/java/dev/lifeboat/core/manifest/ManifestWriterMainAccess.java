package dev.lifeboat.core.manifest;

import java.nio.file.Path;
import java.util.List;

/** Lets tests outside this package start {@link ManifestWriterMain} as another process. */
public final class ManifestWriterMainAccess {
    private ManifestWriterMainAccess() {
    }

    public static List<String> command(Path folder, String prefix, int n) {
        return ManifestWriterMain.command(folder, prefix, n);
    }
}
