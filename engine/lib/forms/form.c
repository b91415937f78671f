/* form.c - the vocabulary a progress form's writer and reader share (see
 * form.h). */
#include "form.h"

#include "strbuf.h"
#include "vntext.h"
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

const char *const form_state_labels[PROGRESS_NSTATES] = {
    [PROGRESS_IN_PROGRESS] = "Đang thực hiện",
    [PROGRESS_DONE] = "Hoàn thành",
    [PROGRESS_CANCELLED] = "Hủy bỏ",
};

/* Other words a person may type for a state. */
static const struct {
    const char *text;
    progress_state state;
} synonyms[] = {
    {"Đã hoàn thành", PROGRESS_DONE},   {"Xong", PROGRESS_DONE},
    {"Đang làm", PROGRESS_IN_PROGRESS}, {"Đã hủy", PROGRESS_CANCELLED},
    {"Hủy", PROGRESS_CANCELLED},        {"Không thực hiện", PROGRESS_CANCELLED},
};

bool form_state_parse(const char *text, progress_state *out)
{
    if (progress_state_parse(text, out))
        return true;
    for (size_t i = 0; i < PROGRESS_NSTATES; i++)
        if (vntext_same_ascii(text, form_state_labels[i])) {
            *out = (progress_state)i;
            return true;
        }
    for (size_t i = 0; i < sizeof synonyms / sizeof *synonyms; i++)
        if (vntext_same_ascii(text, synonyms[i].text)) {
            *out = synonyms[i].state;
            return true;
        }
    return false;
}

char *form_row_key(const char *plan_id, const char *id, const char *occurrence)
{
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "%s|%s|%s", plan_id, id, occurrence ? occurrence : "");
    char *s = xstrdup(strbuf_str(&sb));
    strbuf_release(&sb);
    return s;
}
