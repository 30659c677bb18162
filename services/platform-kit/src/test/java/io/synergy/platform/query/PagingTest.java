package io.synergy.platform.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.platform.problem.ProblemException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Cursor paging of a list: the whole list without limit, pages with it, and the cursor of the next one. */
class PagingTest {

    static final List<String> UNITS = List.of("a", "b", "c", "d", "e");

    @Test
    void withoutALimitTheAnswerIsTheWholeListAsBefore() {
        Paging.Page<String> page = Paging.page(UNITS, Function.identity(), Paging.request(null, null));
        assertThat(page.items()).isEqualTo(UNITS);
        assertThat(page.next()).isNull();
    }

    @Test
    void pagesFollowEachOtherThroughTheirCursorsToTheLast() {
        Paging.Page<String> first = Paging.page(UNITS, Function.identity(), Paging.request("2", null));
        assertThat(first.items()).containsExactly("a", "b");
        Paging.Page<String> second = Paging.page(UNITS, Function.identity(), Paging.request("2", first.next()));
        assertThat(second.items()).containsExactly("c", "d");
        Paging.Page<String> last = Paging.page(UNITS, Function.identity(), Paging.request("2", second.next()));
        assertThat(last.items()).containsExactly("e");
        assertThat(last.next()).isNull();
        // a page that ends the list exactly has no next one either
        assertThat(Paging.page(UNITS, Function.identity(), Paging.request("5", null))
                        .next())
                .isNull();
    }

    @Test
    void aPageStartsAfterItsCursorsItemWhereverItNowIs() {
        String afterB = Paging.page(UNITS, Function.identity(), Paging.request("2", null))
                .next();
        List<String> grown = List.of("a", "x", "b", "c", "d", "e");
        assertThat(Paging.page(grown, Function.identity(), Paging.request("2", afterB))
                        .items())
                .containsExactly("c", "d");
    }

    @Test
    void aMalformedLimitOrCursorIsRefusedNamingIt() {
        for (String limit : List.of("0", "1001", "ten", "")) {
            assertThatThrownBy(() -> Paging.request(limit, null))
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).errors())
                            .extracting(f -> f.field())
                            .containsExactly("limit"));
        }
        assertThatThrownBy(() -> Paging.request("10", "%%%"))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).errors())
                        .extracting(f -> f.field())
                        .containsExactly("cursor"));
        // a cursor of an item no longer in the list: start again
        String afterZ = Paging.encode("z");
        assertThatThrownBy(() -> Paging.page(UNITS, Function.identity(), Paging.request("2", afterZ)))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
    }
}
