package dev.lifeboat.ui.verify;

import dev.lifeboat.core.verify.VerifyDepth;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Chooses how deep to verify, and for a full verify the scratch server. */
public final class VerifyDialog extends Dialog<VerifyDialog.Choice> {
    /** The depth, and the scratch server's connection text (blank: the backup's own server). */
    public record Choice(VerifyDepth depth, String scratch) {
    }

    /** @param backupId the one backup verified, named in the header; null when several are */
    public VerifyDialog(Window owner, String backupId, int count, VerifyDepth defaultDepth) {
        initOwner(owner);
        setTitle("Verify");
        setHeaderText(backupId != null ? "Verify " + backupId : "Verify " + count + " backups");
        ToggleGroup group = new ToggleGroup();
        RadioButton quick = radio(group, "Quick: file present, size and SHA-256 as recorded", "depthQuick");
        RadioButton archive = radio(group, "Archive: quick, plus pg_restore reads the contents and every data block", "depthArchive");
        RadioButton full = radio(group, "Full: archive, plus a test restore with every table's rows counted", "depthFull");
        (defaultDepth == VerifyDepth.QUICK ? quick : defaultDepth == VerifyDepth.FULL ? full : archive).setSelected(true);
        TextField scratch = new TextField();
        scratch.setPromptText("scratch server for the test restore (default: the backup's own server)");
        scratch.disableProperty().bind(full.selectedProperty().not());
        VBox box = new VBox(8, quick, archive, full, new Label("Scratch server"), scratch);
        getDialogPane().setContent(box);
        ButtonType go = new ButtonType("Verify", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, go);
        getDialogPane().lookupButton(go).setId("startVerify");
        setResultConverter(b -> b != go ? null : new Choice(quick.isSelected() ? VerifyDepth.QUICK
                : full.isSelected() ? VerifyDepth.FULL : VerifyDepth.ARCHIVE, scratch.getText()));
    }

    private static RadioButton radio(ToggleGroup g, String text, String id) {
        RadioButton r = new RadioButton(text);
        r.setMnemonicParsing(false);
        r.setToggleGroup(g);
        r.setId(id);
        return r;
    }
}
