/* fuzz-import.c - libFuzzer target: any bytes as the text of a plan,
 * through `kehoach import`'s stages: the encoding told and the bytes
 * turned into UTF-8 (text whose encoding cannot be told goes on as
 * UTF-8, as --encoding utf-8 would take it), paragraphs, the plan found
 * in them, the draft written as YAML. Any encoding but UTF-8 must give
 * valid UTF-8. Whenever the import finds an activity (and
 * so writes a draft), the draft must load as YAML without a single error:
 * no text, however hostile, may break the draft's structure. Built with
 * -Dfuzz=true and clang; see docs/development.md. */
#include "fuzz-setup.h"
#include "xalloc.h"

#include "arena.h"
#include "diag.h"
#include "import.h"
#include "import_encoding.h"
#include "utf8.h"
#include "yamlload.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    import_encoding_result enc;
    if (!import_encoding_read((const char *)data, size, IMPORT_ENCODING_AUTO,
                              &enc) &&
        !import_encoding_read((const char *)data, size, IMPORT_ENCODING_UTF8,
                              &enc))
        abort();
    if (enc.encoding != IMPORT_ENCODING_UTF8 &&
        !utf8_valid(enc.text, enc.len, NULL))
        abort();
    source *src = source_new("plan.txt", enc.text, enc.len);
    arena *a = arena_new();
    diag_sink *warnings = diag_sink_new(0);
    import_doc doc;
    import_text_read(a, src->text, src->len, &doc);
    import_plan imported;
    import_plan_read(a, &doc, "p", &imported, warnings, src);
    if (imported.activities) {
        strbuf out = STRBUF_INIT;
        import_plan_yaml(&imported, &out);
        source *draft =
            source_new("draft.yaml", xstrdup(strbuf_str(&out)), out.len);
        arena *da = arena_new();
        diag_sink *d = diag_sink_new(0);
        if (!yamlload_parse(da, draft, d, &yamlload_default_limits) ||
            diag_errors(d))
            abort();
        diag_sink_free(d);
        arena_free(da);
        source_free(draft);
        strbuf_release(&out);
    }
    diag_sink_free(warnings);
    arena_free(a);
    source_free(src);
    return 0;
}
