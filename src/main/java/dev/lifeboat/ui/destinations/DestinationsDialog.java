package dev.lifeboat.ui.destinations;

import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.ui.common.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.function.Function;

/**
 * The destinations of the backup folder: the list with Add, Remove and Test, and the Add form
 * beside it. The view only binds and forwards clicks; {@link DestinationsModel} does the work.
 */
public final class DestinationsDialog extends Dialog<Void> {
    private static final String FOLDER = "Another folder";
    private static final String S3 = "S3-compatible storage";
    private static final String SFTP = "SFTP server";

    private final DestinationsModel model;
    private final TableView<DestinationConfig> table = new TableView<>();
    private final ChoiceBox<String> kind = new ChoiceBox<>();
    private final TextField name = new TextField();
    private final TextField url = new TextField();
    private final TextField endpoint = new TextField();
    private final TextField region = new TextField();
    private final CheckBox pathStyle = new CheckBox("Path-style addressing (MinIO, Ceph, Garage)");
    private final TextField identity = new TextField();
    private final CheckBox automatic = new CheckBox("Copy every new backup here");

    public DestinationsDialog(Window owner, DestinationsModel model) {
        this.model = model;
        initOwner(owner);
        setTitle("Destinations");
        setHeaderText("Off-site copies of this backup folder. Lifeboat stores no secret: S3 credentials come from "
                + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ~/.aws; SSH keys from ~/.ssh or an identity file.");
        setResizable(true);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().setContent(new HBox(16, listPane(), formPane()));
        getDialogPane().setPrefWidth(1000);
        getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        model.reload();
    }

    private VBox listPane() {
        table.setId("destinationsTable");
        table.setItems(model.destinations());
        table.getColumns().add(column("Name", DestinationConfig::name, 110));
        table.getColumns().add(column("Where", DestinationsDialog::where, 260));
        TableColumn<DestinationConfig, String> automaticColumn = column("Automatic", d -> d.automaticOrFalse() ? "yes" : "no", 90);
        automaticColumn.setMinWidth(90); // its header whole
        table.getColumns().add(automaticColumn);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No destination yet: add one on the right."));
        table.setPrefHeight(280);
        table.setPrefWidth(480);
        table.setMinWidth(380);
        Button test = new Button("Test");
        test.setId("destinationTest");
        test.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        test.setOnAction(e -> model.test(table.getSelectionModel().getSelectedItem().name()));
        Button remove = new Button("Remove\u2026");
        remove.setId("destinationRemove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        remove.setOnAction(e -> model.remove(table.getSelectionModel().getSelectedItem().name()));
        Label status = new Label();
        status.setId("destinationStatus");
        status.setWrapText(true);
        status.setMaxWidth(480);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // what to do is at the message's end: never cut
        status.textProperty().bind(model.statusProperty());
        VBox box = new VBox(8, table, new HBox(8, test, remove), status);
        HBox.setHgrow(box, Priority.ALWAYS);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    /** A folder as the person typed it (/mnt/off site), not as its URL (file:///mnt/off%20site). */
    static String where(DestinationConfig d) {
        if (d.url() != null && d.url().startsWith("file:")) {
            try {
                return java.nio.file.Path.of(java.net.URI.create(d.url())).toString();
            } catch (RuntimeException e) {
                return d.url();
            }
        }
        return d.url();
    }

    private static TableColumn<DestinationConfig, String> column(String title, Function<DestinationConfig, String> value,
                                                                  double width) {
        TableColumn<DestinationConfig, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private VBox formPane() {
        kind.getItems().setAll(FOLDER, S3, SFTP);
        kind.setId("destinationKind");
        kind.getSelectionModel().selectedItemProperty().addListener((o, a, k) -> showFieldsFor(k));
        name.setId("destinationName");
        url.setId("destinationUrl");
        endpoint.setId("destinationEndpoint");
        region.setId("destinationRegion");
        pathStyle.setId("destinationPathStyle");
        identity.setId("destinationIdentity");
        automatic.setId("destinationAutomatic");
        name.setPromptText("offsite");
        endpoint.setPromptText("https://minio.example:9000 (empty for AWS)");
        region.setPromptText("eu-central-1");
        identity.setPromptText("~/.ssh/id_ed25519 (empty: the usual keys in ~/.ssh)");
        GridPane form = new GridPane();
        form.getStyleClass().add(Styles.FORM);
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, label("Kind", null), kind);
        form.addRow(1, label("Name", null), name);
        form.addRow(2, label("Location", null), url);
        form.addRow(3, label("Endpoint", endpoint), endpoint);
        form.addRow(4, label("Region", region), region);
        form.add(pathStyle, 1, 5);
        form.addRow(6, label("Identity file", identity), identity);
        form.add(automatic, 1, 7);
        url.setPrefColumnCount(30);
        javafx.scene.layout.VBox.setVgrow(form, Priority.NEVER);
        Button add = new Button("Add destination");
        add.setId("destinationAdd");
        add.getStyleClass().add(Styles.PRIMARY_BUTTON);
        add.setOnAction(e -> {
            if (model.add(new DestinationsModel.Form(name.getText(), url.getText(), endpoint.getText(), region.getText(),
                    pathStyle.isSelected(), identity.getText(), automatic.isSelected()))) {
                table.getItems().stream().filter(d -> d.name().equals(name.getText().strip())).findFirst()
                        .ifPresent(d -> table.getSelectionModel().select(d));
                name.clear();
            }
        });
        Label title = new Label("Add a destination");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        kind.getSelectionModel().select(FOLDER);
        return new VBox(8, title, form, add);
    }

    private static Label label(String text, javafx.scene.Node field) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the field gives way, never the label
        if (field != null) {
            l.visibleProperty().bind(field.visibleProperty());
            l.managedProperty().bind(field.managedProperty());
        }
        return l;
    }

    private void showFieldsFor(String k) {
        boolean s3 = S3.equals(k);
        boolean sftp = SFTP.equals(k);
        show(endpoint, s3);
        show(region, s3);
        show(pathStyle, s3);
        show(identity, sftp);
        url.setPromptText(s3 ? "s3://BUCKET/PREFIX" : sftp ? "sftp://USER@HOST[:PORT]/PATH or USER@HOST:/PATH" : "file:///PATH");
    }

    private static void show(javafx.scene.Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }
}
