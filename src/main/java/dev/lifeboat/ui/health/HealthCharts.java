package dev.lifeboat.ui.health;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Pictures a DBA would rather look at than read, per database: backup size and duration over
 * time, and the measured restore time of each full verification. The table's rows are summaries;
 * the whole entries are read off the FX thread.
 */
final class HealthCharts extends VBox {
    /** How many of a database's newest backups the charts show. */
    static final int CHART_POINTS = 200;
    private final ObservableList<BackupRow> rows;
    private final Function<BackupRow, BackupEntry> full;
    private final TaskExecutor executor;
    private int generation;
    private boolean updateDue;
    /** The rows changed while the charts were not in a window: drawn when they join one. */
    private boolean stale;
    private final ComboBox<String> database = new ComboBox<>();
    private final LineChart<Number, Number> size = chart("MB", "healthSizeChart");
    private final LineChart<Number, Number> duration = chart("seconds", "healthDurationChart");
    private final LineChart<Number, Number> restore = chart("seconds", "healthRestoreChart");

    HealthCharts(ObservableList<BackupRow> rows, Function<BackupRow, BackupEntry> full, TaskExecutor executor) {
        this.rows = rows;
        this.full = full;
        this.executor = executor;
        setSpacing(6);
        database.setId("healthDatabase");
        database.setPromptText("database");
        database.valueProperty().addListener((o, a, b) -> draw());
        Label label = new Label("Database");
        HBox top = new HBox(8, label, database);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        TabPane tabs = new TabPane(new Tab("Backup size", size), new Tab("Backup duration", duration),
                new Tab("Restore time (full verify)", restore));
        tabs.setId("healthCharts");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(top, tabs);
        // Once the change is drawn, and once for changes in between: the first rows come with the
        // window, and the whole entries a chart reads should not compete with its first layout.
        rows.addListener((ListChangeListener<BackupRow>) c -> {
            if (!updateDue) {
                updateDue = true;
                dev.lifeboat.ui.common.FxPulses.after(2, () -> {
                    updateDue = false;
                    update();
                });
            }
        });
        // Drawn once they are in the window: until the Health tab is first shown, the whole entries a chart
        // reads would only compete with the table (a folder opened, its rows read twice, a first sort).
        sceneProperty().addListener((o, was, is) -> {
            if (is != null && stale) {
                update();
            }
        });
        update();
    }

    private static LineChart<Number, Number> chart(String unit, String id) {
        NumberAxis y = new NumberAxis();
        y.setLabel(unit);
        y.setForceZeroInRange(true);
        // A time axis, not one category per backup: with hundreds of backups the rotated labels of a
        // category axis took the chart's whole height. A number axis picks a few ticks that fit.
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setMinorTickVisible(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId(id);
        c.setLegendVisible(false);
        c.setAnimated(false);
        c.setMinHeight(140);
        // Room on the right for the last date tick, which is centred on its tick and was cut in half.
        c.setPadding(new javafx.geometry.Insets(4, 30, 4, 4));
        return c;
    }

    private void update() {
        if (getScene() == null) {
            stale = true;
            return;
        }
        stale = false;
        List<String> names = rows.stream().map(r -> r.entry().database()).filter(Objects::nonNull).distinct().sorted().toList();
        String chosen = database.getValue();
        database.getItems().setAll(names);
        database.setValue(chosen != null && names.contains(chosen) ? chosen : names.isEmpty() ? null : names.get(0));
        draw();
    }

    /** The rows hold summaries; the whole entries (durations, verifications) are read off the FX thread. */
    private void draw() {
        String db = database.getValue();
        // The newest backups only (the rows are newest first): a chart of thousands of points says no more,
        // and each point is a whole entry read from the catalog.
        List<BackupRow> chosen = rows.stream().filter(r -> Objects.equals(db, r.entry().database())).limit(CHART_POINTS)
                .toList();
        int drawing = ++generation;
        OperationTask<List<BackupEntry>> read = new OperationTask<List<BackupEntry>>("Health charts",
                (p, c) -> chosen.stream().map(full).filter(Objects::nonNull)
                        .sorted(Comparator.comparing(BackupEntry::datetime)).toList()).brief();
        read.setOnSucceeded(e -> {
            if (drawing == generation) {
                draw(read.getValue());
            }
        });
        executor.start(read);
    }

    private void draw(List<BackupEntry> backups) {
        plot(size, backups, e -> e.sizeBytes() == null ? null : e.sizeBytes() / 1_048_576.0);
        plot(duration, backups, BackupEntry::durationSeconds);
        XYChart.Series<Number, Number> restores = new XYChart.Series<>();
        for (BackupEntry e : backups) {
            for (VerificationRecord v : e.verifications()) {
                if (v.restoreSeconds() != null && when(v.datetime()) != null) {
                    restores.getData().add(new XYChart.Data<>(when(v.datetime()), v.restoreSeconds()));
                }
            }
        }
        restore.getData().setAll(List.of(restores));
        for (LineChart<Number, Number> c : List.of(size, duration, restore)) {
            NumberAxis x = (NumberAxis) c.getXAxis();
            x.setTickLabelFormatter(dates(c.getData().get(0).getData()));
            spanAtLeastADay(x, c.getData().get(0).getData());
        }
    }

    /**
     * Backups all of one day (the first day's use, most often) get an axis of three days around
     * them: left to itself the axis padded one point's value by months on either side.
     */
    static void spanAtLeastADay(NumberAxis x, List<XYChart.Data<Number, Number>> points) {
        double min = points.stream().mapToDouble(d -> d.getXValue().doubleValue()).min().orElse(Double.NaN);
        double max = points.stream().mapToDouble(d -> d.getXValue().doubleValue()).max().orElse(Double.NaN);
        if (Double.isNaN(min) || max - min >= 1) {
            x.setAutoRanging(true);
            return;
        }
        x.setAutoRanging(false);
        x.setLowerBound(Math.floor(min) - 1);
        x.setUpperBound(Math.floor(min) + 2);
        x.setTickUnit(1);
    }

    private static void plot(LineChart<Number, Number> chart, List<BackupEntry> backups, Function<BackupEntry, Number> value) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        for (BackupEntry e : backups) {
            Number v = value.apply(e);
            Double at = when(e.datetime());
            if (v != null && at != null) {
                s.getData().add(new XYChart.Data<>(at, v));
            }
        }
        // Dots only while they can be told apart: hundreds of them drew a thick orange rope.
        chart.setCreateSymbols(s.getData().size() <= 60);
        chart.getData().setAll(List.of(s));
    }

    /** The time of a backup or verification in days since the epoch (the x axis), or null if unreadable. */
    static Double when(String datetime) {
        if (datetime == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(datetime).toEpochSecond() / 86_400.0;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Tick labels as local dates, with the time of day too when the points span less than a few days. */
    static StringConverter<Number> dates(List<XYChart.Data<Number, Number>> points) {
        double first = points.stream().mapToDouble(d -> d.getXValue().doubleValue()).min().orElse(0);
        double last = points.stream().mapToDouble(d -> d.getXValue().doubleValue()).max().orElse(0);
        DateTimeFormatter format = DateTimeFormatter.ofPattern(last - first < 3 ? "MM-dd HH:mm" : "yyyy-MM-dd")
                .withZone(ZoneId.systemDefault());
        return new StringConverter<>() {
            @Override
            public String toString(Number days) {
                return format.format(Instant.ofEpochSecond(Math.round(days.doubleValue() * 86_400)));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the axis only shows dates");
            }
        };
    }
}
