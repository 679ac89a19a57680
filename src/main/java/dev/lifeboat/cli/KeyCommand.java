package dev.lifeboat.cli;

import dev.lifeboat.core.crypto.AgeKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** key generate: an age identity for encrypted backups. */
@Command(name = "key", description = "Keys for encrypted backups (age).", subcommands = KeyCommand.Generate.class)
final class KeyCommand {
    @Command(name = "generate", description = "Write a new age X25519 identity (owner-only) and print its recipient.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The identity file to create.")
        Path out;

        @Override
        public Integer call() {
            String recipient = AgeKeys.generate(out);
            System.out.println(recipient);
            System.err.println("Wrote the identity to " + out.toAbsolutePath() + " (readable by you only). Back up with "
                    + "'--encrypt-to " + recipient + "'. Keep a copy of this file somewhere safe and off this machine: "
                    + "without it the encrypted backups cannot be opened by anyone.");
            return 0;
        }
    }
}
