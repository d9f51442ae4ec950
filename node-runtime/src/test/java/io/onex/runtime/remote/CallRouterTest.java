package io.onex.runtime.remote;

import static io.onex.runtime.remote.DirectoryFixture.introspect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onex.runtime.directory.NodeDirectory;
import io.onex.runtime.remote.CallRouter.Route;
import io.onex.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallRouterTest {

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000L);
    private final NodeDirectory directory = new NodeDirectory(clock);
    private final CallRouter router = new CallRouter(Set.of("local_compute")::contains, directory, clock);

    @Test
    void aNodeOfThisRuntimeIsCalledLocallyEvenWhenOthersServeItToo() {
        introspect(directory, "b-1", "local_compute", List.of(), clock.instant());

        assertThat(router.route("local_compute")).isEqualTo(Route.LOCAL);
    }

    @Test
    void aNodeOnlyAnotherRuntimeServesIsCalledRemotelyWhileActiveOrSuspect() {
        introspect(directory, "b-1", "pricing_effect", List.of("quote"), clock.instant());
        assertThat(router.route("pricing_effect")).isEqualTo(Route.REMOTE);

        clock.advance(Duration.ofSeconds(61)); // past 2 intervals: suspect, still live
        directory.sweep();
        assertThat(router.route("pricing_effect")).isEqualTo(Route.REMOTE);
    }

    @Test
    void aCapabilityRoutesToTheNodeOfferingIt() {
        introspect(directory, "b-1", "pricing_effect", List.of("quote"), clock.instant());

        assertThat(router.route("quote")).isEqualTo(Route.REMOTE);
        assertThat(router.nodeNameFor("quote")).contains("pricing_effect");
    }

    @Test
    void anExpiredNodeFailsAtOnceSayingWhenItWasLastSeen() {
        introspect(directory, "b-1", "pricing_effect", List.of(), clock.instant());
        clock.advance(Duration.ofMinutes(4));
        directory.sweep();

        assertThatThrownBy(() -> router.route("pricing_effect")).isInstanceOf(NoLiveInstanceException.class)
                .hasMessage("no live instance of 'pricing_effect' (last seen 4m ago, expired)");
    }

    @Test
    void aNodeNeverHeardOfFailsAtOnce() {
        assertThatThrownBy(() -> router.route("nobody")).isInstanceOf(NoLiveInstanceException.class)
                .hasMessage("no live instance of 'nobody' (never seen)");
    }

    @Test
    void agesReadShort() {
        assertThat(CallRouter.age(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(CallRouter.age(Duration.ofMinutes(4).plusSeconds(59))).isEqualTo("4m");
        assertThat(CallRouter.age(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(CallRouter.age(Duration.ofDays(3))).isEqualTo("3d");
    }
}
