package io.onex.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void controlAndFormatCharactersAreEscapedNeverPassedThrough() {
        String hostile = "a\u001b[31mred\u0000b\nc\td\u202eevil\u0085\\";

        String shown = SafeText.escape(hostile);

        assertThat(shown).isEqualTo("a\\x1b[31mred\\x00b\\nc\\td\\u202eevil\\x85\\\\");
        assertThat(shown.codePoints()).noneMatch(cp -> Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT);
    }

    @Test
    void bytesThatAreNotUtf8AreShownAsHexAndUtf8AsText() {
        byte[] mixed = {'o', 'k', (byte) 0xff, (byte) 0xc3, (byte) 0xa9, 0x07, (byte) 0xc3};

        assertThat(SafeText.bytes(mixed, 100)).isEqualTo("ok\\xffé\\x07\\xc3");
    }

    @Test
    void longValuesAreCutWithHowMuchWasLeftOut() {
        byte[] value = "x".repeat(300).getBytes(StandardCharsets.UTF_8);

        assertThat(SafeText.bytes(value, 10)).isEqualTo("xxxxxxxxxx…(+290 bytes)");
        assertThat(SafeText.escape("abcdef", 3)).isEqualTo("abc…(+3 chars)");
        assertThat(SafeText.bytes(null, 10)).isEqualTo("null");
    }
}
