package dev.lifeboat.ui.health;

import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.health.HealthCheck;
import dev.lifeboat.core.health.HealthReport;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.FxDialogService;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.Tables;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The health dashboard: the folder's state at a glance and every check behind it; a finding whose
 * remedy the app can carry out has that as a button, the others say what to do in words.
 */
public final class HealthPanel extends VBox {
    private final HealthModel model;
    private final Label state = new Label("\u2013");
    private final TableView<HealthCheck> table = new TableView<>();
    private final Map<Remedy, Consumer<HealthCheck>> remedies = new EnumMap<>(Remedy.class);

    public HealthPanel(AppContext ctx, ScheduleStore schedules) {
        this(ctx, new HealthModel(ctx.runner(), () -> ctx.manifest().store() == null ? null
                : new HealthService(ctx.manifest().store(), db -> schedules.intervalFor(ctx.manifest().store().folder(),
                db, ctx.settings()::resolve))));
    }

    public HealthPanel(AppContext ctx, HealthModel model) {
        this.model = model;
        setId("health");
        state.setId("healthState");
        state.getStyleClass().add(Styles.BADGE);
        Button refresh = new Button("Check now");
        refresh.setId("healthRefresh");
        refresh.setOnAction(e -> refresh());
        refresh.disableProperty().bind(model.runningProperty());
        Label hint = new Label("The same checks as 'lifeboat health' (exit 0 ok, 1 warning, 2 critical) for monitoring.");
        hint.getStyleClass().add(Styles.MUTED);
        HBox top = new HBox(10, state, refresh, hint);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 8, 6, 8));
        table.setId("healthChecks");
        TableColumn<HealthCheck, String> s = Tables.column("State", 80, c -> c.state().name());
        s.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(Styles.STATUS_OK, Styles.STATUS_WARN, Styles.STATUS_FAIL);
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add(item.equals("OK") ? Styles.STATUS_OK : item.equals("WARNING") ? Styles.STATUS_WARN
                            : Styles.STATUS_FAIL);
                }
            }
        });
        s.setMinWidth(100); // "CRITICAL", "WARNING" whole
        table.getColumns().add(s);
        TableColumn<HealthCheck, String> database = Tables.column("Database", 110, c -> c.database() == null ? "(folder)" : c.database());
        database.setMinWidth(90);
        table.getColumns().add(database);
        TableColumn<HealthCheck, String> check = Tables.column("Check", 190, HealthCheck::name);
        check.setMinWidth(270); // "Leftovers of interrupted operations" whole (195 and 240 cut it)
        table.getColumns().add(Tables.whole(check));
        // What to do before the long detail, so that its button is in view without scrolling.
        table.getColumns().add(remedyColumn());
        // The detail takes what width is left and wraps there (whole in its tooltip too), rather than
        // running out of the pane at the default window size.
        TableColumn<HealthCheck, String> detail = Tables.column("Detail", 320, HealthCheck::detail);
        detail.setMinWidth(160);
        detail.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setWrapText(true);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        table.getColumns().add(detail);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(model.checks());
        model.reportProperty().addListener((o, a, r) -> show(r));
        HealthCharts charts = new HealthCharts(ctx.manifest().rows(), ctx.manifest()::full, ctx.runner());
        SplitPane split = new SplitPane(table, charts);
        split.setDividerPositions(0.62);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(top, split);
    }

    /** What to do about a finding: a button where the app can do it, else the remedy in words. */
    private TableColumn<HealthCheck, HealthCheck> remedyColumn() {
        TableColumn<HealthCheck, HealthCheck> c = new TableColumn<>("What to do");
        c.setPrefWidth(150);
        c.setMinWidth(140);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyObjectWrapper<>(d.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(HealthCheck check, boolean empty) {
                super.updateItem(check, empty);
                setText(null);
                setGraphic(null);
                setTooltip(null);
                if (empty || check == null || check.remedy() == Remedy.NONE) {
                    return;
                }
                Consumer<HealthCheck> action = remedies.get(check.remedy());
                String words = FxDialogService.remedy(check.remedy());
                if (action != null) {
                    Button b = new Button(label(check.remedy()));
                    b.getStyleClass().add("remedy-" + check.remedy().name().toLowerCase().replace('_', '-'));
                    b.setOnAction(e -> action.accept(check));
                    setGraphic(b);
                } else {
                    setText(words);
                }
                setTooltip(new Tooltip(words));
            }
        });
        return c;
    }

    /** A remedy's button, for the findings that have it. */
    private static String label(Remedy r) {
        return switch (r) {
            case TAKE_BACKUP -> "New backup\u2026";
            case RUN_VERIFY -> "Verify latest\u2026";
            case RUN_PRUNE -> "Retention\u2026";
            case RESTORE_MANIFEST_COPY -> "Restore from .bak";
            case RUN_IMPORT -> "Import\u2026";
            case RUN_RECOVER -> "Recover\u2026";
            default -> "Fix\u2026";
        };
    }

    /** Offers {@code action} as the button of every finding with this remedy. */
    public void onRemedy(Remedy remedy, Consumer<HealthCheck> action) {
        remedies.put(remedy, action);
        table.refresh();
    }

    public HealthModel model() {
        return model;
    }

    /** Runs the checks off the FX thread and shows them. */
    public void refresh() {
        model.refresh();
    }

    private void show(HealthReport r) {
        if (r == null) {
            return;
        }
        state.setText(r.state().name());
        state.getStyleClass().removeAll(Styles.BADGE_OK, Styles.BADGE_FAIL);
        state.getStyleClass().add(r.state() == HealthState.OK ? Styles.BADGE_OK : Styles.BADGE_FAIL);
    }
}
