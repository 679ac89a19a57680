package dev.lifeboat.cli;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.importer.ImportResult;
import dev.lifeboat.core.importer.ImportService;
import dev.lifeboat.core.manifest.BackupEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", description = "Adopt .dump, .backup, .sql and .sql.gz files (also .age), directory backups (a "
        + "folder holding toc.dat, or toc.dat.age when encrypted), or folders of them, into the manifest.")
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    LifeboatCli root;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, directory backups or folders to adopt.")
    List<Path> paths;

    @Option(names = "--identity", paramLabel = "FILE", description = "age identity file that opens encrypted (.age) "
            + "files (default: LIFEBOAT_AGE_IDENTITY, else the one chosen in the app).")
    Path identity;

    @Override
    public Integer call() {
        ImportResult r = new ImportService(root.store(), root.tools(), identity != null ? identity : dev.lifeboat.core.crypto.IdentitySetting.resolve(dev.lifeboat.core.settings.AppPaths.configFolder()))
                .importFiles(paths, dev.lifeboat.core.ProgressListener.NONE, new CancelToken());
        for (BackupEntry e : r.added()) {
            System.out.printf("Imported %s as %s (%s, SHA-256 %s)%n", e.file(), e.id(), e.format(), e.hash());
        }
        for (String s : r.skipped()) {
            System.out.println("Skipped " + s);
        }
        for (String s : r.ignored()) {
            System.out.println("Passed over " + s);
        }
        if (r.nothingToAdopt()) {
            System.out.println("Nothing to adopt: every backup file there is already in the catalog or is not a "
                    + "database backup (roles files, partial and temporary files are never adopted).");
        }
        System.out.printf("%d imported, %d skipped.%n", r.added().size(), r.skipped().size());
        return r.added().isEmpty() && !r.skipped().isEmpty() ? ErrorCode.ARCHIVE_DAMAGED.exitCode() : 0;
    }
}
