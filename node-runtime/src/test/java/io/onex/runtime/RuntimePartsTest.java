package io.onex.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimePartsTest {

    private final List<String> log = new ArrayList<>();

    /** Records its start and close in the shared log; its start fails when asked to. */
    private final class RecordingPart implements RuntimePart {
        private final String name;
        private final boolean failsToStart;

        RecordingPart(String name, boolean failsToStart) {
            this.name = name;
            this.failsToStart = failsToStart;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            log.add("start " + name);
            if (failsToStart) {
                throw new IllegalStateException(name + " cannot start");
            }
        }

        @Override
        public void close() {
            log.add("close " + name);
        }

        @Override
        public void abandon() {
            log.add("abandon " + name);
        }
    }

    private RecordingPart part(String name) {
        return new RecordingPart(name, false);
    }

    @Test
    void startsPartsInOrderAndClosesThemInReverse() throws Exception {
        RuntimeParts parts = new RuntimeParts(List.of(part("broker"), part("services"), part("nodes"), part("http")));

        parts.start();
        parts.close();

        assertThat(log).containsExactly("start broker", "start services", "start nodes", "start http",
                "close http", "close nodes", "close services", "close broker");
    }

    @Test
    void aPartThatFailsToStartClosesItselfAndThePartsStartedBeforeItInReverseAndStartsNoMore() {
        RuntimeParts parts = new RuntimeParts(List.of(part("broker"), part("services"),
                new RecordingPart("nodes", true), part("consumers")));

        assertThatThrownBy(parts::start).isInstanceOf(IllegalStateException.class).hasMessage("nodes cannot start");

        assertThat(log).containsExactly("start broker", "start services", "start nodes",
                "close nodes", "close services", "close broker");
    }

    @Test
    void closeIsIdempotentAndAPartFailingToCloseDoesNotStopTheOthersClosing() throws Exception {
        RuntimePart failingClose = new RuntimePart() {
            @Override
            public String name() {
                return "services";
            }

            @Override
            public void start() {
                log.add("start services");
            }

            @Override
            public void close() {
                log.add("close services");
                throw new IllegalStateException("producer already closed");
            }
        };
        RuntimeParts parts = new RuntimeParts(List.of(part("broker"), failingClose, part("nodes")));
        parts.start();

        parts.close();
        parts.close();

        assertThat(log).containsExactly("start broker", "start services", "start nodes",
                "close nodes", "close services", "close broker");
    }

    @Test
    void abandonStopsThePartsInReverseWithoutTheirShutdownAnnouncements() throws Exception {
        RuntimeParts parts = new RuntimeParts(List.of(part("nodes"), part("introspection")));
        parts.start();

        parts.abandon();

        assertThat(log).containsExactly("start nodes", "start introspection", "abandon introspection", "abandon nodes");
    }
}
