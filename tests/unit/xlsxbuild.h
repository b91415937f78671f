/* xlsxbuild.h - xlsx files made by hand from their XML parts, for the unit
 * tests that need workbooks no application would write, or cells just so
 * (test-xlsx_read.c, test-collect.c). Each part is deflated; a part whose
 * text is NULL is left out. Include after cmocka.h. */
#ifndef KEHOACH_TEST_XLSXBUILD_H
#define KEHOACH_TEST_XLSXBUILD_H

#include <string.h>
#include <unistd.h>
#include <zip.h>

#define XLSXBUILD_MAIN_NS \
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define XLSXBUILD_REL_NS \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define XLSXBUILD_HEAD \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

typedef struct xlsxbuild_part {
    const char *name;
    const char *text; /* NULL: the part is left out */
    size_t len;       /* 0: strlen(text) */
} xlsxbuild_part;

/* Writes the parts into a new zip at path (replacing what is there). */
static inline void xlsxbuild_write(const char *path,
                                   const xlsxbuild_part *parts, size_t n)
{
    unlink(path);
    int zerr;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_EXCL, &zerr);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        if (!parts[i].text)
            continue;
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].text);
        zip_source_t *src = zip_source_buffer(z, parts[i].text, len, 0);
        assert_non_null(src);
        zip_int64_t at = zip_file_add(z, parts[i].name, src, 0);
        assert_true(at >= 0);
        zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_DEFLATE, 9);
    }
    assert_int_equal(zip_close(z), 0);
}

#endif
