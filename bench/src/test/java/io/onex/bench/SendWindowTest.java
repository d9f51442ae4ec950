package io.onex.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    @Test
    void neverLetsMoreThanTheWindowBeInFlightAndCountsFailures() throws Exception {
        SendWindow window = new SendWindow(8);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        ExecutorService completer = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 10_000; i++) {
                window.acquire();
                maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                boolean fail = i % 1000 == 0;
                completer.execute(() -> {
                    inFlight.decrementAndGet();
                    window.release(fail ? new IllegalStateException("send failed") : null);
                });
            }
            window.awaitAll();
            assertThat(inFlight.get()).isZero();
            assertThat(maxSeen.get()).isLessThanOrEqualTo(8);
            assertThat(window.failures()).isEqualTo(10);
            assertThat(window.firstFailure()).hasMessage("send failed");
        } finally {
            completer.shutdownNow();
        }
    }

    @Test
    void aFullWindowResumesTheSenderOnlyOnceDrainedToItsLowWaterMark() throws Exception {
        SendWindow window = new SendWindow(8); // low-water mark: 7
        for (int i = 0; i < 8; i++) {
            window.acquire();
        }
        CountDownLatch sent = new CountDownLatch(1);
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<?> ninth = sender.submit(() -> {
                window.acquire();
                sent.countDown();
                return null;
            });
            window.release(null); // 7 in flight: the low-water mark
            ninth.get(10, TimeUnit.SECONDS);
            assertThat(sent.getCount()).isZero();
        } finally {
            sender.shutdownNow();
        }
    }

    @Test
    void aWindowOfOneStillMakesProgress() throws Exception {
        SendWindow window = new SendWindow(1);
        ExecutorService completer = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 1000; i++) {
                window.acquire();
                completer.execute(() -> window.release(null));
            }
            window.awaitAll();
            assertThat(window.failures()).isZero();
        } finally {
            completer.shutdownNow();
        }
    }
}
