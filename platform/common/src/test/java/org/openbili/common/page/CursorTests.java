package org.openbili.common.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openbili.common.problem.ApiException;

class CursorTests {

    @Test
    void aCursorCarriesItsKeysBack() {
        String cursor = Cursor.encode(1_714_000_000_000L, 987654321987654321L);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.decode(cursor, 2)).containsExactly(1_714_000_000_000L, 987654321987654321L);
    }

    @Test
    void noCursorMeansTheFirstPage() {
        assertThat(Cursor.decode(null, 2)).isNull();
        assertThat(Cursor.decode("", 2)).isNull();
    }

    @Test
    void aForgedCursorIsABadRequestNamingTheField() {
        for (String forged : new String[] {"%%%", "bm90LWEtY3Vyc29y", Cursor.encode(1, 2, 3)}) {
            assertThatThrownBy(() -> Cursor.decode(forged, 2)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status().value()).isEqualTo(400);
                assertThat(e.errors()).extracting("field").containsExactly("cursor");
            });
        }
    }

    @Test
    void pageSizeIsBoundedToFifty() {
        assertThat(Cursor.size(null)).isEqualTo(20);
        assertThat(Cursor.size(50)).isEqualTo(50);
        assertThatThrownBy(() -> Cursor.size(51)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Cursor.size(0)).isInstanceOf(ApiException.class);
    }

    @Test
    void aPageBuiltFromOneRowTooManyPointsAfterItsLastRow() {
        CursorPage<Integer> page = CursorPage.of(List.of(5, 4, 3), 2, n -> Cursor.encode(n));
        assertThat(page.items()).containsExactly(5, 4);
        assertThat(Cursor.decode(page.nextCursor(), 1)).containsExactly(4L);

        CursorPage<Integer> last = CursorPage.of(List.of(2, 1), 2, n -> Cursor.encode(n));
        assertThat(last.nextCursor()).isNull();
    }
}
