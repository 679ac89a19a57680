package dev.lifeboat.ui.verify;

import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.util.Sizes;
import dev.lifeboat.core.verify.ReportWriter;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.ui.common.DialogService;
import dev.lifeboat.ui.common.Styles;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** The verification report: one row per check with a mark, expected and found; per-table counts below. */
public final class VerifyReportView extends VBox {
    private final TableView<CheckResult> checks = new TableView<>();
    private final TableView<TableCheck> tables = new TableView<>();

    public VerifyReportView(VerifyReport report, DialogService dialogs) {
        setId("verifyReport");
        setSpacing(10);
        setPadding(new Insets(14));
        Label badge = new Label(report.notRun() ? "COULD NOT VERIFY" : report.passed() ? "PASSED" : "FAILED");
        badge.setId("reportOutcome");
        badge.getStyleClass().addAll(Styles.BADGE, report.passed() ? Styles.BADGE_OK
                : report.notRun() ? Styles.BADGE : Styles.BADGE_FAIL);
        long passed = report.checks().stream().filter(c -> c.status() == CheckStatus.PASS).count();
        Label summary = new Label(report.backupId() + " \u2014 " + report.depth().label() + " verification, " + passed
                + " of " + report.checks().size() + " checks passed in " + Sizes.seconds(report.durationSeconds())
                + (report.restoreSeconds() == null ? "" : ", measured restore time " + Sizes.seconds(report.restoreSeconds())));
        summary.setWrapText(true);
        HBox head = new HBox(12, badge, summary);
        head.setAlignment(Pos.CENTER_LEFT);

        checks.setId("reportChecks");
        checks.getColumns().add(markColumn());
        // Expected and Found get the room: a SHA-256 is 64 characters, shown whole on two monospace lines.
        checks.getColumns().add(col("Check", 170, CheckResult::name));
        checks.getColumns().add(col("Expected", 270, CheckResult::expected));
        checks.getColumns().add(col("Found", 270, CheckResult::actual));
        checks.getColumns().add(col("What it means", 250, CheckResult::detail));
        checks.getItems().setAll(report.checks());
        // The columns share the window's width: no header is cut, and hashes get what room there is.
        checks.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        checks.setRowFactory(t -> mismatchRow(c -> c.status() == CheckStatus.FAIL));
        checks.setPrefHeight(34 + 26 * Math.max(3, report.checks().size()));
        checks.setMinHeight(Math.min(checks.getPrefHeight(), 34 + 26 * 12));
        // The selected check in full, in text a DBA can select and copy (a hash to compare with sha256sum).
        TextArea detail = new TextArea();
        detail.setId("reportDetail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.setPrefRowCount(3);
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        detail.getStyleClass().add(Styles.MONO);
        checks.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> detail.setText(detailText(c)));
        report.checks().stream().filter(c -> c.status() == CheckStatus.FAIL).findFirst()
                .or(() -> report.checks().stream().findFirst()).ifPresent(c -> checks.getSelectionModel().select(c));
        getChildren().addAll(head, checks, detail);

        if (!report.tables().isEmpty()) {
            tables.setId("reportTables");
            TableColumn<TableCheck, String> mark = new TableColumn<>("");
            mark.setPrefWidth(34);
            mark.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(ReportWriter.symbol(v.getValue().status())));
            tables.getColumns().add(mark);
            // Named as SQL writes them, as the restore plan does: "we""ird sch.ema"."T 1", not we"ird sch.ema.T 1.
            tables.getColumns().add(col("Table", 300, t -> dev.lifeboat.core.pg.Pg.identIfNeeded(t.schema()) + "."
                    + dev.lifeboat.core.pg.Pg.identIfNeeded(t.name())));
            tables.getColumns().add(col("Rows in manifest", 170, t -> t.expected() == null ? "unknown" : String.format("%,d", t.expected())));
            tables.getColumns().add(col("Rows restored", 170, t -> t.actual() == null ? "no table" : String.format("%,d", t.actual())));
            tables.getItems().setAll(report.tables());
            tables.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
            tables.setRowFactory(t -> mismatchRow(c -> c.status() == CheckStatus.FAIL || c.status() == CheckStatus.WARN));
            Label title = new Label("Row counts after the test restore");
            title.getStyleClass().add(Styles.SECTION_TITLE);
            VBox.setVgrow(tables, Priority.ALWAYS);
            getChildren().addAll(title, tables);
        } else {
            VBox.setVgrow(checks, Priority.ALWAYS);
        }

        Button html = new Button("Save as HTML\u2026");
        html.setOnAction(e -> save(dialogs, report, "html"));
        Button text = new Button("Save as text\u2026");
        text.setOnAction(e -> save(dialogs, report, "txt"));
        Button close = new Button("Close");
        close.setId("reportClose");
        close.setDefaultButton(true);
        close.setOnAction(e -> getScene().getWindow().hide());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, html, text, spacer, close);
        getChildren().add(buttons);
    }

    /** A check in words, its expected and found values each on a line of their own, whole. */
    static String detailText(CheckResult c) {
        if (c == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(c.name());
        if (c.expected() != null) {
            b.append("\nexpected: ").append(c.expected());
        }
        if (c.actual() != null) {
            b.append("\nfound:    ").append(c.actual());
        }
        if (c.detail() != null && !c.detail().isBlank()) {
            b.append("\n").append(c.detail());
        }
        return b.toString();
    }

    public static Stage open(Window owner, VerifyReport report, DialogService dialogs) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Verification report \u2014 " + report.backupId());
        VerifyReportView view = new VerifyReportView(report, dialogs);
        view.setPrefWidth(1000);
        if (!report.tables().isEmpty()) {
            view.setPrefHeight(700);
        }
        Scene scene = new Scene(view);
        Styles.apply(scene);
        scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.ESCAPE), stage::close);
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    private static void save(DialogService dialogs, VerifyReport report, String ext) {
        dialogs.chooseSaveFile("Save the verification report", "verification-" + report.backupId() + "." + ext,
                ext.equals("html") ? "HTML page" : "Text file", ext).ifPresent(p -> write(dialogs, p,
                ext.equals("html") ? ReportWriter.html(report) : ReportWriter.text(report)));
    }

    private static void write(DialogService dialogs, Path p, String content) {
        try {
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            dialogs.showError("Cannot save the report", e);
        }
    }

    private static <T> TableRow<T> mismatchRow(java.util.function.Predicate<T> bad) {
        return new TableRow<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(Styles.ROW_MISMATCH);
                if (!empty && item != null && bad.test(item)) {
                    getStyleClass().add(Styles.ROW_MISMATCH);
                }
            }
        };
    }

    private static TableColumn<CheckResult, String> markColumn() {
        TableColumn<CheckResult, String> c = new TableColumn<>("");
        c.setPrefWidth(34);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue().status().name()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(Styles.STATUS_OK, Styles.STATUS_FAIL, Styles.STATUS_WARN, Styles.STATUS_NONE);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                CheckStatus s = CheckStatus.valueOf(item);
                setText(ReportWriter.symbol(s));
                getStyleClass().add(switch (s) {
                    case PASS -> Styles.STATUS_OK;
                    case FAIL -> Styles.STATUS_FAIL;
                    case WARN -> Styles.STATUS_WARN;
                    case SKIPPED -> Styles.STATUS_NONE;
                    case NOT_RUN -> Styles.STATUS_WARN;
                });
            }
        });
        return c;
    }

    /**
     * A column whose cells wrap their whole text: a Text node wrapped at the column's width makes the
     * row as tall as it needs (a wrapped cell's label stopped at two lines and cut a hash with "…").
     * Hashes and other long hex values are set in monospace.
     */
    private static <T> TableColumn<T, String> col(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(value.apply(v.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            private final Text text = new Text();

            {
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
                text.getStyleClass().add("cell-text");
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? null : item);
                text.getStyleClass().remove(Styles.MONO);
                if (!empty && item != null && HEX.matcher(item).matches()) {
                    text.getStyleClass().add(Styles.MONO);
                }
                setGraphic(empty ? null : text);
            }
        });
        return c;
    }

    private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("[0-9a-f]{32,}");

    public TableView<CheckResult> checks() {
        return checks;
    }
}
