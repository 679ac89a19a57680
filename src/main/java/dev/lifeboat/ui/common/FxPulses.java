package dev.lifeboat.ui.common;

import javafx.animation.AnimationTimer;

/** Work put off until the window has drawn what it shows now: the first rows before the reads they start. */
public final class FxPulses {
    private FxPulses() {
    }

    /**
     * Runs an action on the FX thread once {@code pulses} pulses have begun: with two, the pulse that
     * lays out and draws what is there now has ended. Call on the FX thread.
     */
    public static void after(int pulses, Runnable action) {
        new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= pulses) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }
}
