package dev.lifeboat.ui.health;

import dev.lifeboat.core.health.HealthCheck;
import dev.lifeboat.core.health.HealthReport;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.Tables;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.OffsetDateTime;

/** The health dashboard: the folder's state at a glance and every check behind it. */
public final class HealthPanel extends VBox {
    private final AppContext ctx;
    private final ScheduleStore schedules;
    private final Label state = new Label("\u2013");
    private final TableView<HealthCheck> table = new TableView<>();

    public HealthPanel(AppContext ctx, ScheduleStore schedules) {
        this.ctx = ctx;
        this.schedules = schedules;
        setId("health");
        state.setId("healthState");
        state.getStyleClass().add(Styles.BADGE);
        Button refresh = new Button("Check now");
        refresh.setOnAction(e -> refresh());
        Label hint = new Label("The same checks as 'lifeboat health' (exit 0 ok, 1 warning, 2 critical) for monitoring.");
        hint.getStyleClass().add(Styles.MUTED);
        HBox top = new HBox(10, state, refresh, hint);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6));
        TableColumn<HealthCheck, String> s = Tables.column("State", 90, c -> c.state().name());
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
        table.getColumns().add(s);
        table.getColumns().add(Tables.column("Database", 130, c -> c.database() == null ? "(folder)" : c.database()));
        table.getColumns().add(Tables.column("Check", 220, HealthCheck::name));
        table.getColumns().add(Tables.column("Detail", 620, HealthCheck::detail));
        HealthCharts charts = new HealthCharts(ctx.manifest().rows(), ctx.manifest()::full);
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(table, charts);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(top, split);
    }

    /** Runs the checks off the FX thread and shows them. */
    public void refresh() {
        if (ctx.manifest().store() == null) {
            return;
        }
        HealthService service = new HealthService(ctx.manifest().store(),
                db -> schedules.intervalFor(ctx.manifest().store().folder(), db, ctx.settings()::resolve));
        Task<HealthReport> t = new Task<>() {
            @Override
            protected HealthReport call() {
                return service.check(OffsetDateTime.now());
            }
        };
        t.setOnSucceeded(e -> show(t.getValue()));
        Thread th = new Thread(t, "health");
        th.setDaemon(true);
        th.start();
    }


    private void show(HealthReport r) {
        state.setText(r.state().name());
        state.getStyleClass().removeAll(Styles.BADGE_OK, Styles.BADGE_FAIL);
        state.getStyleClass().add(r.state() == HealthState.OK ? Styles.BADGE_OK : Styles.BADGE_FAIL);
        table.getItems().setAll(r.checks());
    }
}
