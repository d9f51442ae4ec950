package io.onex.runtime;

import java.lang.reflect.Proxy;
import org.apache.kafka.clients.admin.Admin;

/** An admin client for runtime tests without a broker: every request fails at once, close does nothing. */
final class NoBrokerAdmin {
    private NoBrokerAdmin() {
    }

    static Admin create() {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException("no broker in this test");
                });
    }
}
