package dev.lifeboat.ui.backup;

import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.core.settings.SettingsStore;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

import java.util.Arrays;
import java.util.List;

/** Asks what to back up: a connection (saved name or URI), a description and tags. */
public final class NewBackupDialog extends Dialog<BackupRequest> {
    public NewBackupDialog(Window owner, SettingsStore settings, String suggestedConnection) {
        this(owner, settings, suggestedConnection, null);
    }

    /** With the off-site rows (Copy to, Encrypt to) of the open folder. */
    public NewBackupDialog(Window owner, SettingsStore settings, String suggestedConnection,
                           dev.lifeboat.ui.copies.BackupCopyOptions offsite) {
        initOwner(owner);
        setTitle("New backup");
        setHeaderText("Back up a database with pg_dump");
        ComboBox<String> connection = new ComboBox<>();
        connection.setId("backupConnection");
        connection.setEditable(true);
        connection.setPrefWidth(380);
        connection.setMaxWidth(Double.MAX_VALUE); // as wide as the fields below it, its prompt read whole
        settings.load().connections().stream().map(ConnectionProfile::name).forEach(connection.getItems()::add);
        connection.setPromptText("saved connection or postgresql://user@host:5432/db");
        if (suggestedConnection != null) {
            connection.setValue(suggestedConnection);
        } else if (!connection.getItems().isEmpty()) {
            connection.setValue(connection.getItems().get(0));
        }
        TextField description = new TextField();
        description.setId("backupDescription");
        description.setPromptText("what this backup is for");
        TextField tags = new TextField("manual");
        tags.setId("backupTags");
        CheckBox estimated = new CheckBox("Use the planner's row estimates (for very large databases)");
        // 1: one -Fc file; more: a directory-format backup dumped by that many pg_dump workers
        Spinner<Integer> jobs = new Spinner<>(1, BackupRequest.MAX_JOBS, 1);
        jobs.setId("backupJobs");
        jobs.setPrefWidth(80);
        jobs.setTooltip(new Tooltip("1: one file. 2 or more: pg_dump workers in parallel, writing a folder "
                + "(for big databases; each file hashed, copied and encrypted on its own)"));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Connection"), connection);
        grid.addRow(1, new Label("Description"), description);
        grid.addRow(2, new Label("Tags"), tags);
        grid.add(estimated, 1, 3);
        grid.addRow(4, new Label("Parallel jobs"), jobs);
        if (offsite != null) {
            offsite.addTo(grid, 5);
        }
        getDialogPane().setContent(grid);
        ButtonType start = new ButtonType("Start backup", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, start);
        getDialogPane().lookupButton(start).setId("startBackup");
        getDialogPane().lookupButton(start).disableProperty().bind(connection.getEditor().textProperty().isEmpty()
                .and(connection.valueProperty().isNull()));
        setResultConverter(b -> {
            if (b != start) {
                return null;
            }
            String text = connection.getEditor().getText() == null || connection.getEditor().getText().isBlank()
                    ? connection.getValue() : connection.getEditor().getText();
            List<String> tagList = Arrays.stream(tags.getText().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            BackupRequest r = new BackupRequest(settings.resolve(text.strip()), description.getText(), tagList,
                    estimated.isSelected(), true, List.of(), jobs.getValue());
            return offsite == null ? r : r.withEncryptTo(offsite.encryptTo());
        });
    }
}
