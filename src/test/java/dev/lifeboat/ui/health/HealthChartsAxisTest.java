package dev.lifeboat.ui.health;

import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The charts' time axis: backups of one day are shown over three days, not padded by months. */
class HealthChartsAxisTest {
    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void backupsOfOneDayGetThreeDaysAroundThemAndLongerSpansTheirOwnRange() {
        NumberAxis x = new NumberAxis();
        double day = HealthCharts.when("2026-12-04T19:19:29Z");
        HealthCharts.spanAtLeastADay(x, List.of(new XYChart.Data<>(day, 0.03)));
        assertFalse(x.isAutoRanging());
        assertEquals(Math.floor(day) - 1, x.getLowerBound());
        assertEquals(Math.floor(day) + 2, x.getUpperBound());

        HealthCharts.spanAtLeastADay(x, List.of(new XYChart.Data<>(day - 30, 1), new XYChart.Data<>(day, 2)));
        assertTrue(x.isAutoRanging(), "a month of backups: the axis fits them itself");
    }
}
