package org.openbili.common.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class BvidTests {

    @Property(tries = 5000)
    void decodingAnEncodedIdGivesTheIdBack(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long id) {
        assertThat(Bvid.decode(Bvid.encode(id))).isEqualTo(id);
    }

    @Property(tries = 2000)
    void everyBvidLooksLikeBilibilis(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long id) {
        assertThat(Bvid.encode(id)).matches("BV1[1-9A-HJ-NP-Za-km-z]{11}");
    }

    @Property(tries = 2000)
    void distinctIdsGiveDistinctBvids(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
        assertThat(Bvid.encode(a).equals(Bvid.encode(b))).isEqualTo(a == b);
    }

    @Property(tries = 2000)
    void arbitraryTextIsEitherRejectedOrRoundTrips(@ForAll @StringLength(min = 0, max = 16) String text) {
        if (Bvid.isValid(text)) {
            assertThat(Bvid.encode(Bvid.decode(text))).isEqualTo(text);
        }
    }

    @net.jqwik.api.Example
    void neighbouringIdsDoNotShareAVisibleSuffix() {
        assertThat(Bvid.encode(1000).substring(8))
                .isNotEqualTo(Bvid.encode(1001).substring(8));
    }

    @net.jqwik.api.Example
    void malformedBvidsAreRejected() {
        for (String bad :
                new String[] {null, "", "BV1", "av170001", "BV1xx411c7mD", "BV10000000000", "BV1zzzzzzzzzzzz"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> Bvid.decode(bad));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Bvid.encode(-1));
    }

    @net.jqwik.api.Example
    void valuesBeyondSixtyThreeBitsAreRejectedNotWrapped() {
        // "ZZ..." style text decodes past Long.MAX_VALUE: it must not alias a real id.
        String largest = "BV1" + "f".repeat(11);
        assertThat(Bvid.isValid(largest)).isFalse();
    }
}
