package dev.ledgerstream.admin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PageCursorTest {

    @Test
    void a_cursor_round_trips_its_time_to_the_microsecond_and_an_id_with_separators() {
        // given
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-20T11:59:30.123456Z"), "debit:fin-1|x:lot-9");

        // when
        PageCursor back = PageCursor.decode("cursor", cursor.encode());

        // then
        assertThat(back).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void anything_that_is_not_one_of_our_cursors_is_a_400_naming_the_parameter() {
        // when / then
        for (String garbage : List.of("%%%", "bm90LW91cnM", "YzF8eHx5fHo", "x".repeat(2000))) {
            assertThatThrownBy(() -> PageCursor.decode("cursor", garbage)).isInstanceOf(ApiProblem.class)
                    .satisfies(problem -> assertThat(((ApiProblem) problem).errors().get(0).asJson().get("parameter"))
                            .isEqualTo("cursor"));
        }
    }

    @Test
    void no_cursor_is_the_first_page() {
        // when / then
        assertThat(PageCursor.decode("cursor", null)).isNull();
        assertThat(PageCursor.decode("cursor", "")).isNull();
    }

    @Test
    void a_page_of_limit_plus_one_rows_returns_limit_items_and_the_cursor_of_the_last() {
        // given
        List<String> rows = List.of("c", "b", "a");

        // when
        Page<String> page = Page.of(rows, 2, id -> new PageCursor(Instant.EPOCH, id));
        Page<String> last = Page.of(rows.subList(0, 2), 2, id -> new PageCursor(Instant.EPOCH, id));

        // then
        assertThat(page.items()).containsExactly("c", "b");
        assertThat(PageCursor.decode("cursor", page.nextCursor()).id()).isEqualTo("b");
        assertThat(last.nextCursor()).isNull();
    }
}
