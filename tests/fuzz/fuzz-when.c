/* fuzz-when.c - libFuzzer target: any bytes as a time phrase and as a
 * reporting duty, for a one-year and a multi-year plan; every window it
 * accepts must be a real, ordered range that ends on its due date or
 * after it. */
#include "fuzz-setup.h"

#include "arena.h"
#include "when.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    static const when_context years[] = {{2026, 2026}, {2021, 2025}};
    for (size_t i = 0; i < 2; i++) {
        arena *a = arena_new();
        when w;
        strbuf why = STRBUF_INIT;
        if (when_parse(a, text, &years[i], &w, &why)) {
            for (size_t k = 0; k < w.count; k++) {
                const when_window *x = &w.windows[k];
                if (!date_valid(x->from) || !date_valid(x->to) ||
                    !date_valid(x->due) || date_cmp(x->from, x->to) > 0 ||
                    !x->key || !x->label)
                    abort();
            }
        } else if (!why.len) {
            abort();
        }
        strbuf_reset(&why);
        when_duty duty;
        if (!when_parse_duty(a, text, &duty, &why) && !why.len)
            abort();
        strbuf_release(&why);
        arena_free(a);
    }
    free(text);
    return 0;
}
