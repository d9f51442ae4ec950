package io.onex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The secured broker's settings are checked before anything starts; a user's password is never shown. */
class SecuredBrokerSettingsTest {

    @Test
    void aScramUserNeverShowsItsPassword() {
        ScramUser user = new ScramUser("stamper", "s3cr3t-Pa55");

        assertThat(user.toString()).isEqualTo("ScramUser[name=stamper, password=(hidden)]");
        assertThat(user.principal()).isEqualTo("User:stamper");
    }

    @Test
    void aPasswordTheStorageFormatterCannotReadIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new ScramUser("stamper", "a,b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the password of SCRAM user stamper must be non-empty without ',', '[', ']', '=', '\"' or"
                        + " spaces");
    }

    @Test
    void aSuperUserMustBeOneOfTheScramUsers() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().saslSsl(new ScramUser("node", "pw"))
                .superUsers("admin").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("super user admin is not one of the SCRAM users [node]");
    }

    @Test
    void aclsWithoutSaslSslAreRefused() {
        AclBinding acl = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "t", PatternType.LITERAL),
                new AccessControlEntry("User:node", "*", AclOperation.READ, AclPermissionType.ALLOW));

        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().acls(acl).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("super users and ACLs need saslSsl(users...)");
    }

    @Test
    void scramUsersAreWrittenByTheStorageFormatterAsAddScramArguments() {
        SaslSslListener listener = new SaslSslListener(java.util.List.of(new ScramUser("admin", "pw1")),
                java.util.Set.of("admin"), java.util.List.of());

        assertThat(listener.scramArguments()).containsExactly("SCRAM-SHA-512=[name=admin,password=pw1]");
    }
}
