/* form.c - the vocabulary a progress form's writer and reader share (see
 * form.h). */
#include "form.h"

#include "strbuf.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const headers[FORM_NCOLUMNS] = {
    [FORM_COL_KEY] = "Khóa (không sửa)",
    [FORM_COL_ID] = "Mã",
    [FORM_COL_WHAT] = "Hoạt động / báo cáo",
    [FORM_COL_ROLE] = "Vai trò",
    [FORM_COL_DUE] = "Hạn",
    [FORM_COL_NOW] = "Tình trạng đến nay",
    [FORM_COL_LAST] = "Ghi nhận gần nhất",
    [FORM_COL_STATE] = "Tình trạng mới",
    [FORM_COL_DATE] = "Ngày hoàn thành / cập nhật",
    [FORM_COL_PERCENT] = "Tỷ lệ hoàn thành (%)",
    [FORM_COL_TARGET] = NULL,
    [FORM_COL_DOCUMENT] = "Số văn bản báo cáo",
    [FORM_COL_NOTE] = "Ghi chú",
    [FORM_COL_EVIDENCE] = "Minh chứng",
};

const char *form_column_header(form_column c)
{
    return headers[c];
}

char *form_target_header(const char *name, const char *unit)
{
    strbuf sb = STRBUF_INIT;
    strbuf_puts(&sb, name);
    if (unit && *unit)
        strbuf_printf(&sb, " (%s)", unit);
    char *s = xstrdup(strbuf_str(&sb));
    strbuf_release(&sb);
    return s;
}

char *form_row_key(const char *plan_id, const char *id, const char *occurrence)
{
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "%s|%s|%s", plan_id, id, occurrence ? occurrence : "");
    char *s = xstrdup(strbuf_str(&sb));
    strbuf_release(&sb);
    return s;
}
