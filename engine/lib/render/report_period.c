/* report_period.c - a report's period read from the command line (see
 * report_period.h). */
#include "report_period.h"

#include "i18n.h"
#include "period.h"

#include <stdio.h>
#include <string.h>

bool report_period_parse(const char *s, report_period *out, strbuf *err)
{
    memset(out, 0, sizeof *out);
    const char *dots = strstr(s, "..");
    if (!dots) {
        period p;
        if (!period_parse(s, &p) && !period_parse_words(s, &p)) {
            strbuf_error(err,
                         _("'%s' is not a period; write it as \"Năm 2026\", "
                           "\"6 tháng đầu năm 2026\", \"Quý III/2026\", "
                           "\"Tháng 3/2026\", or 2026, 2026-H1, 2026-Q3, "
                           "2026-03, or FROM..TO (YYYY-MM-DD..YYYY-MM-DD)"),
                         s);
            return false;
        }
        out->from = p.from;
        out->to = p.to;
        period_key(&p, out->key);
        period_label(&p, out->label);
        return true;
    }
    char from_text[16] = "", to_text[16] = "";
    size_t n = (size_t)(dots - s);
    if (n < sizeof from_text && strlen(dots + 2) < sizeof to_text) {
        memcpy(from_text, s, n);
        strcpy(to_text, dots + 2);
    }
    if (date_parse(from_text, false, &out->from) != DATE_OK ||
        date_parse(to_text, false, &out->to) != DATE_OK) {
        strbuf_error(err,
                     _("'%s' is not a span of real dates; write "
                       "FROM..TO as YYYY-MM-DD..YYYY-MM-DD"),
                     s);
        return false;
    }
    if (date_cmp(out->to, out->from) < 0) {
        strbuf_error(err, _("the period '%s' ends before it starts"), s);
        return false;
    }
    char a[11], b[11], ia[11], ib[11];
    date_format_vn(out->from, a);
    date_format_vn(out->to, b);
    date_format_iso(out->from, ia);
    date_format_iso(out->to, ib);
    snprintf(out->key, sizeof out->key, "%s..%s", ia, ib);
    snprintf(out->label, sizeof out->label, "Từ %s đến %s", a, b);
    return true;
}
