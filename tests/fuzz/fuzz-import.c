/* fuzz-import.c - libFuzzer target: any bytes as the text of a plan,
 * through `kehoach import`'s stages: paragraphs, the plan found in them,
 * the draft written as YAML. Whenever the import finds an activity (and
 * so writes a draft), the draft must load as YAML without a single error:
 * no text, however hostile, may break the draft's structure. Built with
 * -Dfuzz=true and clang; see the README. */
#include "arena.h"
#include "diag.h"
#include "import.h"
#include "source.h"
#include "yamlload.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    source *src = source_new("plan.txt", text, size);
    arena *a = arena_new();
    diag_sink *warnings = diag_sink_new(0);
    imp_doc doc;
    imp_doc_read(a, src->text, src->len, &doc);
    imp_plan plan;
    imp_plan_read(a, &doc, "p", &plan, warnings, src);
    if (plan.activities) {
        strbuf out = STRBUF_INIT;
        imp_plan_yaml(&plan, &out);
        source *draft = source_new("draft.yaml", xstrdup(sb_str(&out)), out.len);
        arena *da = arena_new();
        diag_sink *d = diag_sink_new(0);
        if (!yamlload_parse(da, draft, d, &yamlload_default_limits) || diag_errors(d))
            abort();
        diag_sink_free(d);
        arena_free(da);
        source_free(draft);
        sb_release(&out);
    }
    diag_sink_free(warnings);
    arena_free(a);
    source_free(src);
    return 0;
}
