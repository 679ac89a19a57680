package dev.lifeboat.ui.copies;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.crypto.AgeKeys;
import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.manifest.ManifestStore;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The New backup dialog's off-site rows: "Copy to" (one box per destination, the folder's automatic
 * ones ticked) and "Encrypt to" (age recipients, the folder's recipients.txt by default).
 */
public final class BackupCopyOptions {
    private final List<CheckBox> boxes = new ArrayList<>();
    private final TextField encryptTo = new TextField();
    private final List<String> folderRecipients;

    public BackupCopyOptions(ManifestStore store) {
        List<DestinationConfig> all = store == null ? List.of() : safe(() -> new DestinationStore(store.folder()).all());
        for (DestinationConfig d : all) {
            CheckBox b = new CheckBox(d.name());
            b.setId("copyTo-" + d.name());
            b.setSelected(d.automaticOrFalse());
            boxes.add(b);
        }
        folderRecipients = store == null ? List.of() : safe(() -> AgeKeys.folderRecipients(store.folder()));
        encryptTo.setId("backupEncryptTo");
        encryptTo.setText(String.join(" ", folderRecipients));
        encryptTo.setPromptText("age1\u2026 recipients (empty: not encrypted)");
    }

    private static <T> List<T> safe(java.util.function.Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (LifeboatException e) {
            return List.of(); // a damaged file is reported where it is edited; the backup itself still runs
        }
    }

    /** Adds the rows below the dialog's own. */
    public void addTo(GridPane grid, int firstRow) {
        FlowPane copies = new FlowPane(10, 4);
        copies.getChildren().addAll(boxes);
        if (boxes.isEmpty()) {
            copies.getChildren().add(new Label("no destination (More \u25B8 Destinations\u2026)"));
        }
        grid.addRow(firstRow, new Label("Copy to"), copies);
        grid.addRow(firstRow + 1, new Label("Encrypt to"), encryptTo);
    }

    /** The destinations ticked. */
    public List<String> copyTo() {
        return boxes.stream().filter(CheckBox::isSelected).map(CheckBox::getText).toList();
    }

    /** The recipients typed, or the folder's (the default BackupService applies) when unchanged. */
    public List<String> encryptTo() {
        List<String> typed = Arrays.stream(encryptTo.getText().strip().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        return typed.equals(folderRecipients) ? List.of() : AgeKeys.recipients(typed);
    }
}
