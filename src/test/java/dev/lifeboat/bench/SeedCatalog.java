package dev.lifeboat.bench;

import dev.lifeboat.core.manifest.CatalogFixtures;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a backup folder whose catalog holds N realistic entries (no dump files), for measuring the
 * installed app opening a large folder (benchmarks/ui_bench.sh --window). Usage: SeedCatalog FOLDER N
 */
public final class SeedCatalog {
    private SeedCatalog() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createDirectories(Path.of(args[0]));
        CatalogFixtures.seed(folder, Integer.parseInt(args[1]));
        System.out.println("seeded " + folder + " with " + args[1] + " entries");
    }
}
