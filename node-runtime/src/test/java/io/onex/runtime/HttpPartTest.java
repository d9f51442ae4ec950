package io.onex.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class HttpPartTest {

    @Test
    void aBusyPortFailsStartUpNamingTheSettingAndTheBuilderOptionThatChangeIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HttpPart part = new HttpPart(taken::getLocalPort, () -> "", () -> null);

            assertThatThrownBy(part::start).isInstanceOf(RuntimeStartupException.class)
                    .hasMessageContaining("HTTP port " + taken.getLocalPort() + " (/metrics, /health) is in use")
                    .hasMessageContaining("ONEX_HTTP_PORT")
                    .hasMessageContaining("OnexRuntime.Builder.httpPort(..)")
                    .hasRootCauseInstanceOf(BindException.class);
        }
    }
}
