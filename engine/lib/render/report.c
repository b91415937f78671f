/* report.c - laying out report workbooks (see report.h).
 *
 * Every sheet is written top to bottom, as xlsx.h requires: a table's
 * header rows when the sheet starts, its rows as plans come, and what
 * needs the last row (filters, print area, totals) when it ends. A sheet
 * made once lives from report_begin to report_end; a sheet made per plan
 * is written whole within report_plan. A table longer than Excel's row
 * limit goes on in a continuation sheet with the same header.
 *
 * The per-plan document sheet of the Ministry report is laid out as
 * Decree 30/2020/NĐ-CP lays out an administrative document: the issuing
 * body (under its governing body, the parent of its registered unit) and
 * the national motto side by side, number, place and date, the
 * title, then the content (a summary with a chart by lead unit, grouped
 * as status_compute groups the leads, a name the plan's registry lacks
 * labelled as such; the table of activities under the plan's section
 * headings), the closing parts the template names (the targets table,
 * the office's notes for the period from the plan's notes file, notes.h,
 * or marked blanks to fill where it has none) and the signature block with
 * "Nơi nhận". */
#include "report.h"

#include "fileio.h"
#include "i18n.h"
#include "notes.h"
#include "sha256.h"
#include "status.h"
#include "vntext.h"
#include "version.h"
#include "xalloc.h"
#include "xlsx.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_SIZE 14 /* Decree 30/2020: 13-14 */
#define HEADING_SIZE 13
#define MOTTO_SIZE 13
#define NATION_SIZE 12 /* 12-13 */
#define RECIPIENTS_SIZE 11
#define BODY_SIZE 13        /* the closing parts' text: Decree 30/2020, 13-14 */
#define PIXELS_PER_CHAR 7.0 /* a column width unit, in pixels */
#define ROW_PIXELS 20.0
/* A lead unit's bar in the chart, room for its name on two lines at 12
 * points (LibreOffice leaves out names that do not fit); and the rows of
 * the title, the axis and the legend's three lines. */
#define CHART_UNIT_PIXELS 44.0
#define CHART_FRAME_ROWS 7
#define SIGNING_ROWS 4 /* room to sign */
#define DATE_FORMAT "dd/mm/yyyy"
#define HEADER_FILL 0xF2F2F2
#define LINE_SPACING XLSX_LINE_SPACING
#define BOLD_WIDTH XLSX_BOLD_WIDTH
#define LETTER_EM 0.47      /* a letter of Times New Roman, in ems */
#define UNDERSCORE_EM 0.5   /* and an underscore */
#define POINTS_PER_CHAR 5.9 /* of a column's width, printed by LibreOffice */
#define MOTTO "Độc lập - Tự do - Hạnh phúc"
#define MOTTO_POINTS 159.3 /* its width at 13 points bold, measured */

/* The order states are listed in a summary, and their colours. */
static const status_state summary_order[STATUS_NSTATES] = {
    STATUS_DONE,    STATUS_DONE_LATE, STATUS_IN_PROGRESS, STATUS_OPEN,
    STATUS_PLANNED, STATUS_OVERDUE,   STATUS_CANCELLED,
};
static const uint32_t state_fill[STATUS_NSTATES] = {
    [STATUS_PLANNED] = 0xEDEDED,     [STATUS_OPEN] = 0xDDEBF7,
    [STATUS_IN_PROGRESS] = 0xFFF2CC, [STATUS_DONE] = 0xC6EFCE,
    [STATUS_DONE_LATE] = 0xFCE4D6,   [STATUS_OVERDUE] = 0xFFC7CE,
    [STATUS_CANCELLED] = 0xD9D9D9,
};
static const uint32_t state_color[STATUS_NSTATES] = {
    [STATUS_PLANNED] = 0xA5A5A5,     [STATUS_OPEN] = 0x5B9BD5,
    [STATUS_IN_PROGRESS] = 0xFFC000, [STATUS_DONE] = 0x70AD47,
    [STATUS_DONE_LATE] = 0xED7D31,   [STATUS_OVERDUE] = 0xC00000,
    [STATUS_CANCELLED] = 0x7F7F7F,
};

typedef struct sheet_out {
    const template_sheet *t;
    xlsx_sheet *xs;
    const char *base_name; /* for continuation sheets */
    uint32_t row;          /* the next row to write */
    uint32_t header_row;   /* the table's column headers */
    unsigned part;
    double *sums;       /* summary sheets: column totals */
    uint32_t tall_row;  /* the row merged_line last made taller, */
    double tall_points; /* and how tall */
} sheet_out;

struct report {
    report_options o;
    xlsx_book *book;
    sheet_out *once; /* sheets made once, in template order */
    size_t nonce;
    sheet_out *provenance; /* among once, or NULL */
    status_counts totals;
    report_summary summary;
    arena *a;       /* lives as long as the report */
    catalog *cat;   /* to read notes files with, when a sheet shows them */
    strbuf warning; /* the last plan's (report_plan) */
    /* the plan being read (report_begin_plan): its status so far, and
     * when a sheet lists records, copies of those it lists */
    bool lists_records;
    status_fold *fold;
    arena *plan_a;
    const progress_record **records;
    size_t nrecords, records_cap;
};

/* --- styles ----------------------------------------------------------- */

static xlsx_style style(void)
{
    return (xlsx_style){.fill = XLSX_NO_FILL};
}

static xlsx_style heading_style(double size)
{
    xlsx_style s = style();
    s.bold = true;
    s.size = size;
    s.align = XLSX_ALIGN_CENTER;
    s.middle = true;
    s.wrap = true;
    return s;
}

static xlsx_style column_header_style(void)
{
    xlsx_style s = heading_style(0);
    s.border = true;
    s.fill = HEADER_FILL;
    return s;
}

/* The cell a value makes in column col of the row, in the style *st. */
static xlsx_row_cell cell_of(sheet_out *so, uint32_t col,
                             const template_column *c,
                             const report_context *ctx, const report_value *v,
                             bool border, xlsx_style *st)
{
    *st = style();
    st->border = border;
    st->wrap = c->wrap;
    st->align = c->align;
    status_state state;
    if (report_field_state(c->field, ctx, &state))
        st->fill = state_fill[state];
    xlsx_row_cell cell = {.kind = XLSX_CELL_BLANK, .style = st};
    if (v->empty)
        return cell;
    switch (v->type) {
    case FIELD_TEXT:
        cell.kind = XLSX_CELL_TEXT;
        cell.text = v->text;
        break;
    case FIELD_INTEGER:
        st->number_format = c->format ? c->format : "0";
        cell.kind = XLSX_CELL_NUMBER;
        cell.number = v->number;
        if (so->sums)
            so->sums[col] += v->number;
        break;
    case FIELD_DATE:
        st->number_format = c->format ? c->format : DATE_FORMAT;
        cell.kind = XLSX_CELL_DATE;
        cell.day = v->day;
        break;
    }
    return cell;
}

/* --- sheets and tables ------------------------------------------------ */

static uint32_t ncols(const sheet_out *so)
{
    return (uint32_t)so->t->ncolumns;
}

static double table_width(const template_sheet *t, uint32_t first,
                          uint32_t last)
{
    double w = 0;
    for (uint32_t i = first; i <= last && i < t->ncolumns; i++)
        w += t->columns[i].width;
    return w;
}

/* A merged line of text across columns, tall enough for its wrapped
 * lines (estimated from the width: Excel does not size merged cells). */
static void merged_line(sheet_out *so, uint32_t first, uint32_t last,
                        const char *text, const xlsx_style *st)
{
    double size = st->size > 0 ? st->size : 12;
    double lines = xlsx_wrapped_lines(text, table_width(so->t, first, last),
                                      size * (st->bold ? BOLD_WIDTH : 1));
    double points = lines * size * LINE_SPACING;
    /* two merged lines side by side (the header's): the taller sets it */
    if (so->tall_row == so->row + 1 && so->tall_points > points)
        points = so->tall_points;
    if (lines > 1 || so->tall_row == so->row + 1) {
        xlsx_row_height(so->xs, so->row, points);
        so->tall_row = so->row + 1;
        so->tall_points = points;
    }
    xlsx_merge(so->xs, so->row, first, last, text, st);
}

static void column_widths(sheet_out *so)
{
    for (uint32_t i = 0; i < ncols(so); i++)
        xlsx_column_width(so->xs, i, so->t->columns[i].width);
}

/* The table's column headers, in bold at size points, in a row tall
 * enough for the longest of them (rows are not sized when a file is
 * opened, and a clipped header hides what a column holds). */
static void column_headers(sheet_out *so, double size)
{
    xlsx_style st = column_header_style();
    so->header_row = so->row;
    double lines = 1;
    for (uint32_t i = 0; i < ncols(so); i++) {
        const template_column *col = &so->t->columns[i];
        double need =
            xlsx_wrapped_lines(col->header, col->width, size * BOLD_WIDTH);
        lines = need > lines ? need : lines;
    }
    if (lines > 1)
        xlsx_row_height(so->xs, so->row, lines * size * LINE_SPACING);
    for (uint32_t i = 0; i < ncols(so); i++)
        xlsx_text(so->xs, so->row, i, so->t->columns[i].header, &st);
    so->row++;
    if (so->t->freeze)
        xlsx_freeze(so->xs, so->row, 0);
}

/* "Hải Phòng, ngày 05 tháng 01 năm 2026": the day below 10 and the months
 * January and February with a leading zero (Decree 30/2020, annex I).
 * Undated: "Hải Phòng, ngày      tháng      năm 2026", the day and month
 * left for the signing day. */
static const char *place_and_date(arena *a, const char *place,
                                  const report_run *run)
{
    date d = run->signed_on;
    if (!place)
        place = "......";
    if (!run->dated)
        return arena_printf(a, "%s, ngày      tháng      năm %d", place,
                            d.year);
    return arena_printf(a, "%s, ngày %02d tháng %s%d năm %d", place, d.day,
                        d.month <= 2 ? "0" : "", d.month, d.year);
}

static uint32_t left_part(const sheet_out *so)
{
    uint32_t n = ncols(so);
    uint32_t left = (n + 2) / 3;
    return left < 1 ? 1 : left >= n ? n - 1 : left;
}

/* A short solid line under a heading (Decree 30/2020, annex I), as
 * underscores: in Times New Roman they join into one line, each half an
 * em wide, and centred in the same cells as the heading the line is
 * centred under it in every program, whatever its column widths. */
static const char *rule(arena *a, double points, double size)
{
    size_t n = (size_t)ceil(points / (UNDERSCORE_EM * size));
    char *line = arena_alloc(a, n + 1);
    memset(line, '_', n);
    line[n] = '\0';
    return line;
}

/* A third of the printed width of a heading's longest line (the decree
 * asks for a third to a half), at most a third of the cells it is
 * centred in. */
static const char *third_rule(sheet_out *so, arena *a, const char *text,
                              double size, uint32_t first, uint32_t last)
{
    double points = xlsx_letters_wide(text, strlen(text)) * size * LETTER_EM;
    double room = table_width(so->t, first, last) * POINTS_PER_CHAR;
    return rule(a, (points < room ? points : room) / 3, size);
}

static void official_header(sheet_out *so, const report_context *c)
{
    uint32_t last = ncols(so) - 1, left = left_part(so);
    xlsx_style issuer = heading_style(NATION_SIZE);
    xlsx_style nation = heading_style(NATION_SIZE);
    xlsx_style motto = heading_style(MOTTO_SIZE);
    xlsx_style number = heading_style(HEADING_SIZE);
    number.bold = false;
    xlsx_style dateline = number;
    dateline.italic = true;

    /* the governing body, where the issuer's registered unit has one, in
     * capitals not bold above the issuing body (Decree 30/2020, annex I) */
    report_value gov =
        report_field_value(report_field_find("plan.issuer_parent"), c);
    char *upper = vntext_upper(c->plan->issuer.s ? c->plan->issuer.s : "");
    char *parent = gov.empty ? NULL : vntext_upper(gov.text);
    xlsx_style governing = issuer;
    governing.bold = false;
    merged_line(so, 0, left - 1, parent ? parent : upper,
                parent ? &governing : &issuer);
    merged_line(so, left, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &nation);
    so->row++;
    /* the issuing body's line under it: as its second line when the
     * governing body is above it, else alone at the top of the next row */
    const char *issuer_rule =
        third_rule(so, c->a, upper, NATION_SIZE, 0, left - 1);
    if (parent) {
        merged_line(so, 0, left - 1,
                    arena_printf(c->a, "%s\n%s", upper, issuer_rule), &issuer);
    } else {
        xlsx_style top = issuer;
        top.middle = false;
        merged_line(so, 0, left - 1, issuer_rule, &top);
    }
    free(upper);
    free(parent);
    /* the motto's line is as long as the motto */
    merged_line(so, left, last,
                arena_printf(c->a, "%s\n%s", MOTTO,
                             rule(c->a, MOTTO_POINTS, MOTTO_SIZE)),
                &motto);
    so->row++;
    merged_line(so, 0, left - 1, report_field_expand(so->t->number, c),
                &number);
    merged_line(so, left, last, place_and_date(c->a, c->plan->place.s, c->run),
                &dateline);
    so->row += 2;
}

/* The title lines, then the subject's line under them in the row left
 * before what follows. */
static void title_lines(sheet_out *so, const report_context *c)
{
    const char *subject = NULL;
    for (size_t i = 0; i < so->t->ntitle; i++) {
        xlsx_style st = heading_style(i == 0 ? TITLE_SIZE : HEADING_SIZE);
        const char *text = report_field_expand(so->t->title[i], c);
        merged_line(so, 0, ncols(so) - 1, text, &st);
        if (i == 1)
            subject = text;
        so->row++;
    }
    if (subject) {
        xlsx_style top = heading_style(HEADING_SIZE);
        top.middle = false;
        merged_line(so, 0, ncols(so) - 1,
                    third_rule(so, c->a, subject, HEADING_SIZE, 0,
                               ncols(so) - 1),
                    &top);
    }
    so->row++;
}

/* name: in memory that lasts as long as the sheet (the report's arena for
 * a sheet made once, the plan's for a sheet per plan). */
static void start_sheet(report *r, sheet_out *so, const template_sheet *t,
                        const char *name)
{
    so->t = t;
    so->base_name = name;
    so->xs = xlsx_add_sheet(r->book, name);
    so->row = 0;
    r->summary.sheets++;
}

static void finish_sheet(report *r, sheet_out *so)
{
    uint32_t last_row = so->row ? so->row - 1 : 0;
    uint32_t n = so->t->kind == SHEET_PROVENANCE ? 4 : ncols(so);
    if (so->t->filter && so->t->kind != SHEET_PROVENANCE)
        xlsx_filter(so->xs, so->header_row, 0,
                    last_row < so->header_row ? so->header_row : last_row,
                    n - 1);
    const template_page *tp = &r->o.tpl->page;
    xlsx_page page = {
        .landscape = tp->landscape,
        .paper = tp->paper,
        .fit_width = tp->fit_width,
        .repeat_rows = so->t->kind != SHEET_PROVENANCE,
        .repeat_first = so->header_row,
        .repeat_last = so->header_row,
        .page_numbers = tp->page_numbers,
        /* a sheet with a heading is a document, numbered from its second
         * page; a flat sheet of data is numbered on every page, and its
         * workbook need not be rewritten */
        .first_unnumbered = so->t->header != HEADER_NONE,
        .print_columns = n,
    };
    memcpy(page.margin_mm, tp->margin_mm, sizeof page.margin_mm);
    xlsx_set_page(so->xs, &page, last_row);
    xlsx_end_sheet(so->xs);
}

/* Moves to a continuation sheet when the table is full. */
static void need_row(report *r, sheet_out *so)
{
    if (so->row < XLSX_MAX_ROWS)
        return;
    finish_sheet(r, so);
    so->part++;
    const char *name =
        arena_printf(r->a, "%s (%u)", so->base_name, so->part + 1);
    so->xs = xlsx_add_sheet(r->book, name);
    r->summary.sheets++;
    so->row = 0;
    column_widths(so);
    column_headers(so, r->o.tpl->font_size);
}

/* A row of the table. Excel and LibreOffice do not size rows to wrapped
 * text when they open a file, so a row with wrapping cells is given the
 * height its longest cell needs. */
static void table_row(report *r, sheet_out *so, const report_context *c,
                      bool border)
{
    need_row(r, so);
    uint32_t n = ncols(so);
    report_value *values = arena_alloc(c->a, n * sizeof *values + 1);
    double lines = 1, size = r->o.tpl->font_size;
    for (uint32_t i = 0; i < n; i++) {
        const template_column *col = &so->t->columns[i];
        values[i] = report_field_value(col->field, c);
        if (col->wrap && values[i].type == FIELD_TEXT && !values[i].empty) {
            double need = xlsx_wrapped_lines(values[i].text, col->width, size);
            lines = need > lines ? need : lines;
        }
    }
    xlsx_style *styles = arena_alloc(c->a, n * sizeof *styles + 1);
    xlsx_row_cell *cells = arena_alloc(c->a, n * sizeof *cells + 1);
    for (uint32_t i = 0; i < n; i++)
        cells[i] = cell_of(so, i, &so->t->columns[i], c, &values[i], border,
                           &styles[i]);
    if (lines > 1)
        xlsx_row_height(so->xs, so->row, lines * size * LINE_SPACING);
    xlsx_row(so->xs, so->row, cells, n);
    so->row++;
}

/* --- the summary block and its chart ---------------------------------- */

typedef struct summary_line {
    const char *label;
    double value;
    uint32_t fill;
} summary_line;

static void summary_block(report *r, sheet_out *so, const report_context *c)
{
    const status_plan *s = c->status;
    uint32_t n = ncols(so);
    uint32_t data_col = n + 1; /* the chart's data, right of the table */
    report_targets targets;
    report_field_count_targets(s, &targets);
    summary_line lines[STATUS_NSTATES + 5];
    size_t nlines = 0;
    lines[nlines++] = (summary_line){"Tổng số hoạt động",
                                     (double)s->counts.total, XLSX_NO_FILL};
    for (size_t i = 0; i < STATUS_NSTATES; i++) {
        status_state st = summary_order[i];
        lines[nlines++] =
            (summary_line){status_state_label(st), (double)s->counts.n[st],
                           state_fill[st]};
    }
    lines[nlines++] =
        (summary_line){"Tỷ lệ hoàn thành bình quân (%)",
                       status_counts_percent(&s->counts), XLSX_NO_FILL};
    lines[nlines++] =
        (summary_line){"Số chỉ tiêu", (double)targets.all, XLSX_NO_FILL};
    lines[nlines++] = (summary_line){"Chỉ tiêu đã có số liệu",
                                     (double)targets.measured, XLSX_NO_FILL};
    lines[nlines++] = (summary_line){"Chỉ tiêu đạt tiến độ",
                                     (double)targets.on_track, XLSX_NO_FILL};

    size_t chart_rows =
        s->nleads
            ? (size_t)ceil((double)s->nleads * CHART_UNIT_PIXELS / ROW_PIXELS) +
                  CHART_FRAME_ROWS
            : 0;
    size_t rows = nlines > s->nleads ? nlines : s->nleads;
    if (so->t->chart && chart_rows > rows)
        rows = chart_rows;

    xlsx_style heading = style();
    heading.bold = true;
    heading.size = HEADING_SIZE;
    xlsx_merge(so->xs, so->row, 0, n - 1, "1. Tổng hợp chung", &heading);
    so->row++;

    uint32_t first = so->row;
    xlsx_style label = style(), value = style(),
               data_head = column_header_style();
    label.border = value.border = true;
    value.number_format = "0";
    xlsx_column_width(so->xs, data_col, 40);
    for (size_t k = 0; k < STATUS_NSTATES; k++)
        xlsx_column_width(so->xs, data_col + 1 + (uint32_t)k, 14);
    for (size_t i = 0; i <= rows; i++) {
        if (i < nlines) {
            label.fill = value.fill = lines[i].fill;
            xlsx_merge(so->xs, so->row, 0, 1, lines[i].label, &label);
            xlsx_number(so->xs, so->row, 2, lines[i].value, &value);
        }
        if (i == 0) { /* the chart's data: a table by lead unit */
            xlsx_text(so->xs, so->row, data_col, "Đơn vị chủ trì", &data_head);
            for (size_t k = 0; k < STATUS_NSTATES; k++)
                xlsx_text(so->xs, so->row, data_col + 1 + (uint32_t)k,
                          status_state_label(summary_order[k]), &data_head);
        } else if (i <= s->nleads) {
            const status_group *g = &s->leads[i - 1];
            xlsx_style unit = label;
            unit.fill = XLSX_NO_FILL;
            value.fill = XLSX_NO_FILL;
            xlsx_text(so->xs, so->row, data_col,
                      report_field_lead_label(c->a, g), &unit);
            for (size_t k = 0; k < STATUS_NSTATES; k++)
                xlsx_number(so->xs, so->row, data_col + 1 + (uint32_t)k,
                            (double)g->counts.n[summary_order[k]], &value);
        }
        so->row++;
    }
    if (so->t->chart && s->nleads) {
        uint32_t colors[STATUS_NSTATES];
        for (size_t k = 0; k < STATUS_NSTATES; k++)
            colors[k] = state_color[summary_order[k]];
        double longest = 0;
        for (size_t i = 0; i < s->nleads; i++) {
            double bar = 0;
            for (size_t k = 0; k < STATUS_NSTATES; k++)
                bar += (double)s->leads[i].counts.n[summary_order[k]];
            longest = bar > longest ? bar : longest;
        }
        double width = table_width(so->t, 3, n - 1) * PIXELS_PER_CHAR;
        xlsx_chart chart = {
            .title = "Số hoạt động theo tình trạng của từng đơn vị chủ trì",
            .first_row = first + 1,
            .last_row = first + (uint32_t)s->nleads,
            .cat_col = data_col,
            .first_value_col = data_col + 1,
            .nseries = STATUS_NSTATES,
            .colors = colors,
            .row = first,
            .col = n > 3 ? 3 : n - 1,
            .width = (uint32_t)(width > 300 ? width : 300),
            .height = (uint32_t)((double)rows * ROW_PIXELS),
            .font = r->o.tpl->font,
            .longest = longest,
        };
        xlsx_insert_chart(so->xs, &chart);
    }
    so->row++;
    xlsx_merge(so->xs, so->row, 0, n - 1, "2. Kết quả thực hiện các hoạt động",
               &heading);
    so->row++;
}

/* --- the activity table, grouped by section --------------------------- */

static void section_heading(sheet_out *so, const plan_section *s,
                            const report_context *c)
{
    xlsx_style st = style();
    st.bold = true;
    st.italic = s->parent != NULL;
    st.border = true;
    st.wrap = true;
    st.fill = HEADER_FILL;
    const char *text = s->id.s ? arena_printf(c->a, "%s. %s", s->id.s,
                                              s->title.s ? s->title.s : "")
                               : (s->title.s ? s->title.s : "");
    merged_line(so, 0, ncols(so) - 1, text, &st);
    so->row++;
}

/* Headings of the sections entered between the previous activity's
 * section and this one's, outermost first. */
static void enter_sections(report *r, sheet_out *so, const plan_section *from,
                           const plan_section *to, const report_context *c)
{
    if (to == from || !to)
        return;
    const plan_section *chain[64];
    size_t n = 0;
    for (const plan_section *s = to; s && n < 64; s = s->parent) {
        bool open = false; /* already entered: an ancestor of from */
        for (const plan_section *f = from; f; f = f->parent)
            open = open || f == s;
        if (open)
            break;
        chain[n++] = s;
    }
    while (n > 0) {
        need_row(r, so);
        section_heading(so, chain[--n], c);
    }
}

static void activity_rows(report *r, sheet_out *so, const report_context *base,
                          bool group)
{
    const status_plan *s = base->status;
    const plan_section *current = NULL;
    bool border = so->t->header != HEADER_NONE;
    for (size_t i = 0; i < s->nactivities; i++) {
        report_context c = *base;
        c.activity = &s->activities[i];
        if (group) {
            enter_sections(r, so, current, c.activity->activity->section, &c);
            current = c.activity->activity->section;
        }
        table_row(r, so, &c, border);
    }
}

/* A row per activity and lead group (status_activity.leads), labelled as
 * the chart labels it: a unit however its name is written is one value
 * of the lead column, to filter and pivot by. */
static void lead_rows(report *r, sheet_out *so, const report_context *base)
{
    const status_plan *s = base->status;
    for (size_t i = 0; i < s->nactivities; i++) {
        for (size_t k = 0; k < s->activities[i].nleads; k++) {
            report_context c = *base;
            c.activity = &s->activities[i];
            c.lead = &s->leads[s->activities[i].leads[k]];
            table_row(r, so, &c, so->t->header != HEADER_NONE);
        }
    }
}

/* --- the signature block ---------------------------------------------- */

static size_t texts(arena *a, const node *n, const char ***out)
{
    size_t count = 0;
    if (n && n->kind == NODE_STRING) {
        *out = arena_alloc(a, sizeof **out);
        (*out)[count++] = node_str(n);
    } else if (n && n->kind == NODE_ARRAY) {
        *out = arena_alloc(a, (n->u.array.count + 1) * sizeof **out);
        for (size_t i = 0; i < n->u.array.count; i++)
            if (node_str(n->u.array.items[i]))
                (*out)[count++] = node_str(n->u.array.items[i]);
    }
    return count;
}

/* The report's own "Nơi nhận" (Decree 30/2020, annex I): the bodies the
 * plan's reporting duties report to, by their registered names, each once
 * and in the plan's order, then "Lưu: VT." - not the plan's distribution
 * list, which is the plan's, not the report's. */
static size_t report_recipients(arena *a, const plan *p, const orgunits *reg,
                                const char ***out)
{
    size_t cap = 1;
    for (size_t i = 0; i < p->nreports; i++)
        cap += p->reports[i].to.count;
    const char **names = arena_alloc(a, cap * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < p->nreports; i++) {
        const plan_units *to = &p->reports[i].to;
        for (size_t k = 0; k < to->count; k++) {
            const char *name =
                to->items[k].s ? orgunits_name(reg, to->items[k].s).name : NULL;
            bool seen = !name;
            for (size_t j = 0; j < n && !seen; j++)
                seen = vntext_same(names[j], name);
            if (!seen)
                names[n++] = name;
        }
    }
    for (size_t j = 0; j < n; j++)
        names[j] = arena_printf(a, "%s;", names[j]);
    names[n++] = "Lưu: VT.";
    *out = names;
    return n;
}

static void signature_block(report *r, sheet_out *so, const report_context *c)
{
    const node *root = c->plan->root;
    const node *signer = node_get(root, "signer");
    const char **recipients = NULL, **authority = NULL;
    size_t nrec = report_recipients(c->a, c->plan, c->registry, &recipients);
    size_t nauth = texts(c->a, node_get(signer, "authority"), &authority);
    const char *title = c->plan->signer_title.s, *name = c->plan->signer_name.s;

    /* right: authority, title, room to sign, name */
    const char *right[32];
    size_t nright = 0;
    for (size_t i = 0; i < nauth && nright < 24; i++)
        right[nright++] = authority[i];
    if (title)
        right[nright++] = title;
    for (int i = 0; i < SIGNING_ROWS; i++)
        right[nright++] = "";
    if (name)
        right[nright++] = name;

    uint32_t left = left_part(so), last = ncols(so) - 1;
    xlsx_style head = style(), item = style(),
               sign = heading_style(HEADING_SIZE);
    head.bold = head.italic = true;
    head.size = 12;
    item.size = RECIPIENTS_SIZE;
    so->row++;
    size_t rows = nrec + 1 > nright ? nrec + 1 : nright;
    for (size_t i = 0; i < rows; i++) {
        need_row(r, so);
        if (i == 0)
            xlsx_merge(so->xs, so->row, 0, left - 1, "Nơi nhận:", &head);
        else if (i <= nrec)
            xlsx_merge(so->xs, so->row, 0, left - 1,
                       arena_printf(c->a, "- %s", recipients[i - 1]), &item);
        if (i < nright)
            xlsx_merge(so->xs, so->row, left, last, right[i], &sign);
        so->row++;
    }
}

/* --- the parts after the table ---------------------------------------- */

#define BLANK_LINES 3      /* dotted lines to write on */
#define DOTS_PER_CHAR 1.75 /* dots of Times New Roman in a width unit */

static void part_heading(sheet_out *so, const char *text, int level)
{
    xlsx_style st = style();
    st.bold = true;
    st.italic = level > 1;
    st.wrap = true;
    st.size = level > 1 ? BODY_SIZE : HEADING_SIZE;
    merged_line(so, 0, ncols(so) - 1, text, &st);
    so->row++;
}

/* A paragraph across the sheet's width: "- text", wrapped. */
static void paragraph(report *r, sheet_out *so, const char *text)
{
    need_row(r, so);
    xlsx_style st = style();
    st.wrap = true;
    st.align = XLSX_ALIGN_LEFT;
    st.size = BODY_SIZE;
    merged_line(so, 0, ncols(so) - 1, text, &st);
    so->row++;
}

/* What a part with nothing written gets: the template's marked line, in
 * italics, and dotted lines to write on, as wide as the sheet. */
static void blank_part(report *r, sheet_out *so, const report_context *ctx,
                       const template_closing *c)
{
    need_row(r, so);
    xlsx_style mark = style();
    mark.italic = true;
    mark.size = BODY_SIZE;
    merged_line(so, 0, ncols(so) - 1, c->blank, &mark);
    so->row++;
    size_t ndots =
        (size_t)(table_width(so->t, 0, ncols(so) - 1) * DOTS_PER_CHAR);
    char *dots = arena_alloc(ctx->a, ndots + 1);
    memset(dots, '.', ndots);
    dots[ndots] = '\0';
    xlsx_style line = style();
    for (int i = 0; i < BLANK_LINES; i++) {
        need_row(r, so);
        xlsx_merge(so->xs, so->row, 0, ncols(so) - 1, dots, &line);
        so->row++;
    }
}

static void notes_block(report *r, sheet_out *so, const report_context *ctx,
                        const template_closing *c, const notes_list *list)
{
    if (!list || !list->count) {
        blank_part(r, so, ctx, c);
        return;
    }
    for (size_t i = 0; i < list->count; i++) {
        const notes_paragraph *p = &list->items[i];
        paragraph(r, so,
                  p->to ? arena_printf(ctx->a, "- %s %s: %s", c->proposal_to,
                                       p->to, p->text)
                        : arena_printf(ctx->a, "- %s", p->text));
    }
}

/* Achieved against planned, in percent rounded half up as the report's
 * other percents are; none when nothing was measured or the plan asks
 * for 0 (no share of nothing). */
static bool target_percent(const status_target *t, double *out)
{
    double planned = t->target->value;
    if (!t->measured || isnan(planned) || planned <= 0)
        return false;
    *out = floor(t->actual * 100 / planned + 0.5);
    return true;
}

static void targets_row(report *r, sheet_out *so, const status_activity *act,
                        const status_target *t)
{
    need_row(r, so);
    double size = r->o.tpl->font_size;
    const plan_target *pt = t->target;
    xlsx_style text = style(), number = style(), centre = style();
    text.border = number.border = centre.border = true;
    text.wrap = centre.wrap = true;
    centre.align = XLSX_ALIGN_CENTER;
    double lines = xlsx_wrapped_lines(pt->name.s ? pt->name.s : "",
                                      so->t->columns[1].width, size);
    if (lines > 1)
        xlsx_row_height(so->xs, so->row, lines * size * LINE_SPACING);
    uint32_t row = so->row;
    xlsx_text(so->xs, row, 0, act->activity->id.s, &centre);
    xlsx_text(so->xs, row, 1, pt->name.s, &text);
    xlsx_text(so->xs, row, 2, pt->unit.s, &centre);
    if (isnan(pt->value))
        xlsx_blank(so->xs, row, 3, &number);
    else
        xlsx_number(so->xs, row, 3, pt->value, &number);
    if (t->measured)
        xlsx_number(so->xs, row, 4, t->actual, &number);
    else
        xlsx_blank(so->xs, row, 4, &number);
    double percent;
    number.number_format = "0";
    if (target_percent(t, &percent))
        xlsx_number(so->xs, row, 5, percent, &number);
    else
        xlsx_blank(so->xs, row, 5, &number);
    char day[11] = "";
    if (t->measured)
        date_format_vn(t->measured_on, day);
    xlsx_merge(so->xs, row, 6, ncols(so) - 1, t->measured ? day : NULL,
               &centre);
    so->row++;
}

/* The targets of the plan against what its log last measured by the
 * as-of date, or the template's sentence when the plan sets none. */
static void targets_table(report *r, sheet_out *so, const report_context *c)
{
    const status_plan *s = c->status;
    const template_closing *cl = &so->t->closing;
    size_t count = 0;
    for (size_t i = 0; i < s->nactivities; i++)
        count += s->activities[i].ntargets;
    if (!count) {
        paragraph(r, so, cl->no_targets);
        return;
    }
    need_row(r, so);
    xlsx_style head = column_header_style();
    double size = r->o.tpl->font_size, lines = 1;
    uint32_t last = ncols(so) - 1;
    for (uint32_t i = 0; i < TEMPLATE_TARGET_COLUMNS; i++) {
        double width = i + 1 < TEMPLATE_TARGET_COLUMNS
                           ? so->t->columns[i].width
                           : table_width(so->t, i, last);
        double need =
            xlsx_wrapped_lines(cl->targets_header[i], width, size * BOLD_WIDTH);
        lines = need > lines ? need : lines;
    }
    if (lines > 1)
        xlsx_row_height(so->xs, so->row, lines * size * LINE_SPACING);
    for (uint32_t i = 0; i + 1 < TEMPLATE_TARGET_COLUMNS; i++)
        xlsx_text(so->xs, so->row, i, cl->targets_header[i], &head);
    xlsx_merge(so->xs, so->row, TEMPLATE_TARGET_COLUMNS - 1, last,
               cl->targets_header[TEMPLATE_TARGET_COLUMNS - 1], &head);
    so->row++;
    for (size_t i = 0; i < s->nactivities; i++)
        for (size_t k = 0; k < s->activities[i].ntargets; k++)
            targets_row(r, so, &s->activities[i], &s->activities[i].targets[k]);
}

static void closing_parts(report *r, sheet_out *so, const report_context *c,
                          const notes *nt)
{
    const template_closing *cl = &so->t->closing;
    for (size_t i = 0; i < cl->nparts; i++) {
        const template_part *part = &cl->parts[i];
        so->row++;
        need_row(r, so);
        part_heading(so, part->heading, part->level);
        if (part->targets)
            targets_table(r, so, c);
        else if (part->notes_part >= 0)
            notes_block(r, so, c, cl, nt ? &nt->parts[part->notes_part] : NULL);
    }
}

/* The plan's warning, kept until the next plan's. */
static const char *warn(report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static const char *warn(report *r, const char *fmt, ...)
{
    strbuf_reset(&r->warning);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&r->warning, fmt, ap);
    va_end(ap);
    return strbuf_str(&r->warning);
}

/* The plan's notes for the report's period, when a sheet shows them;
 * NULL with *warning set when there are none to show. */
static notes *plan_notes(report *r, const plan *p, const char *file,
                         const char **warning)
{
    const report_period *rp = &r->o.run.period;
    char *path = notes_path(file, rp->key);
    if (!path) {
        *warning = warn(
            r,
            _("the notes of plan '%s' are left blank to fill in: notes files "
              "are written for a named period (2026, 2026-H1, 2026-Q3, "
              "2026-03), not for %s"),
            p->id.s ? p->id.s : "", rp->key);
        return NULL;
    }
    notes *nt = NULL;
    if (fileio_kind_of(path, NULL) != FILEIO_FILE) {
        *warning = warn(r,
                        _("no notes for plan '%s' for the period %s "
                          "(looked for '%s'): its assessment, "
                          "difficulties, proposals and next tasks "
                          "are left blank to fill in"),
                        p->id.s ? p->id.s : "", rp->key, path);
    } else {
        diag_sink *quiet = diag_sink_new(1);
        nt = notes_load(path, r->cat, p, quiet);
        diag_sink_free(quiet);
        if (!nt)
            *warning = warn(r,
                            _("the notes '%s' have errors ('kehoach "
                              "validate' shows them) and are left "
                              "out"),
                            path);
    }
    free(path);
    return nt;
}

/* --- provenance ------------------------------------------------------- */

static const char *digest(arena *a, const source *src)
{
    sha256 h;
    char hex[65];
    sha256_init(&h);
    sha256_update(&h, src->text, src->len);
    sha256_hex(&h, hex);
    return arena_strdup(a, hex);
}

static void provenance_pair(sheet_out *so, const char *label, const char *text,
                            const date *d)
{
    xlsx_style key = style(), value = style();
    key.bold = true;
    xlsx_text(so->xs, so->row, 0, label, &key);
    if (d) {
        value.number_format = DATE_FORMAT;
        value.align = XLSX_ALIGN_LEFT;
        xlsx_date(so->xs, so->row, 1, *d, &value);
    } else {
        xlsx_text(so->xs, so->row, 1, text, &value);
    }
    so->row++;
}

static void provenance_begin(report *r, sheet_out *so)
{
    static const double widths[] = {34, 60, 30, 68};
    for (uint32_t i = 0; i < 4; i++)
        xlsx_column_width(so->xs, i, widths[i]);
    const report_run *run = &r->o.run;
    const template *t = r->o.tpl;
    provenance_pair(so, "Ngày số liệu", NULL, &run->as_of);
    provenance_pair(so, "Kỳ báo cáo", run->period.label, NULL);
    provenance_pair(so, "Từ ngày", NULL, &run->period.from);
    provenance_pair(so, "Đến ngày", NULL, &run->period.to);
    provenance_pair(so, "Mẫu báo cáo",
                    t->builtin ? arena_printf(r->a, "%s (có sẵn)", t->name)
                               : t->path,
                    NULL);
    provenance_pair(so, "SHA-256 của mẫu", digest(r->a, t->src), NULL);
    provenance_pair(so, "Phiên bản kehoach", KEHOACH_VERSION, NULL);
    so->row++;
    static const char *const heads[] = {"Tệp đầu vào", "Loại", "Mã kế hoạch",
                                        "SHA-256"};
    xlsx_style h = column_header_style();
    so->header_row = so->row;
    for (uint32_t i = 0; i < 4; i++)
        xlsx_text(so->xs, so->row, i, heads[i], &h);
    so->row++;
}

static void provenance_file(report *r, sheet_out *so, const source *src,
                            const char *kind, const char *plan_id)
{
    need_row(r, so);
    xlsx_text(so->xs, so->row, 0, src->path, NULL);
    xlsx_text(so->xs, so->row, 1, kind, NULL);
    xlsx_text(so->xs, so->row, 2, plan_id, NULL);
    xlsx_text(so->xs, so->row, 3, digest(r->a, src), NULL);
    so->row++;
}

/* --- the report ------------------------------------------------------- */

static void start_table(report *r, sheet_out *so, const report_context *c)
{
    if (so->t->kind == SHEET_PROVENANCE) {
        provenance_begin(r, so);
        return;
    }
    column_widths(so);
    if (so->t->header == HEADER_OFFICIAL)
        official_header(so, c);
    if (so->t->header != HEADER_NONE)
        title_lines(so, c);
    if (so->t->results_heading)
        part_heading(so, so->t->results_heading, 1);
    if (so->t->summary)
        summary_block(r, so, c);
    column_headers(so, r->o.tpl->font_size);
    if (so->t->kind == SHEET_SUMMARY)
        so->sums = arena_alloc(r->a, ncols(so) * sizeof *so->sums + 1);
}

report *report_begin(const report_options *o, strbuf *err)
{
    const template *t = o->tpl;
    const char *title = t->title ? t->title : t->name;
    xlsx_book *book =
        xlsx_open(o->fd, t->font, t->font_size, o->run.as_of, title, err);
    if (!book)
        return NULL;
    report *r = xcalloc(1, sizeof *r);
    r->o = *o;
    r->book = book;
    r->a = arena_new();
    r->once = arena_alloc(r->a, t->nsheets * sizeof *r->once + 1);
    report_context c = {.run = &r->o.run, .a = r->a};
    for (size_t i = 0; i < t->nsheets; i++)
        r->lists_records |= t->sheets[i].kind == SHEET_RECORDS;
    for (size_t i = 0; i < t->nsheets && !r->cat; i++)
        if (t->sheets[i].closing.notes) {
            diag_sink *quiet = diag_sink_new(1);
            r->cat = catalog_load(quiet);
            diag_sink_free(quiet);
        }
    for (size_t i = 0; i < t->nsheets; i++) {
        const template_sheet *ts = &t->sheets[i];
        if (ts->per_plan || o->plan_files < ts->min_plans)
            continue;
        sheet_out *so = &r->once[r->nonce++];
        start_sheet(r, so, ts, report_field_expand(ts->name, &c));
        start_table(r, so, &c);
        if (ts->kind == SHEET_PROVENANCE)
            r->provenance = so;
    }
    return r;
}

static bool in_period(const plan *p, const report_period *period)
{
    if (!p->year_from)
        return true;
    return p->year_from <= period->to.year && p->year_to >= period->from.year &&
           date_cmp(date_make(p->year_to, 12, 31), period->from) >= 0 &&
           date_cmp(date_make(p->year_from, 1, 1), period->to) <= 0;
}

/* Whether a records sheet lists rec: a usable record dated by the day of
 * the report. */
static bool listed(const report *r, const progress_record *rec)
{
    return rec->usable && date_cmp(rec->date, r->o.run.as_of) <= 0;
}

static void record_rows(report *r, sheet_out *so, const report_context *base)
{
    for (size_t i = 0; i < r->nrecords; i++) {
        const progress_record *rec = r->records[i];
        report_context c = *base;
        c.record = rec;
        c.activity = rec->of_report
                         ? NULL
                         : &base->status->activities[rec->activity_index];
        table_row(r, so, &c, so->t->header != HEADER_NONE);
    }
}

static void deadline_rows(report *r, sheet_out *so, const report_context *base)
{
    const status_plan *s = base->status;
    bool border = so->t->header != HEADER_NONE;
    for (size_t i = 0; i < s->nactivities; i++) {
        const status_activity *a = &s->activities[i];
        for (size_t k = 0; k < a->noccurrences; k++) {
            report_deadline d = {.activity = a->activity,
                                 .status = a,
                                 .occurrence = a->occurrences[k]};
            report_context c = *base;
            c.activity = a;
            c.deadline = &d;
            table_row(r, so, &c, border);
        }
    }
    for (size_t i = 0; i < s->nduties; i++) {
        const status_duty *duty = &s->duties[i];
        for (size_t k = 0; k < duty->noccurrences; k++) {
            report_deadline d = {.duty = duty->report,
                                 .occurrence = duty->occurrences[k]};
            report_context c = *base;
            c.deadline = &d;
            table_row(r, so, &c, border);
        }
    }
}

/* A plan's rows in a sheet; nt: its notes, when a sheet shows them. */
static void plan_rows(report *r, sheet_out *so, const report_context *c,
                      const progress_log *log, const notes *nt)
{
    switch (so->t->kind) {
    case SHEET_SUMMARY:
        table_row(r, so, c, so->t->header != HEADER_NONE);
        break;
    case SHEET_ACTIVITIES:
        activity_rows(r, so, c, so->t->group_sections);
        break;
    case SHEET_RECORDS:
        record_rows(r, so, c);
        break;
    case SHEET_LEADS:
        lead_rows(r, so, c);
        break;
    case SHEET_DEADLINES:
        deadline_rows(r, so, c);
        break;
    case SHEET_PROVENANCE:
        provenance_file(r, so, c->plan->src, "Kế hoạch", c->plan->id.s);
        if (log)
            provenance_file(r, so, log->src, "Nhật ký tiến độ", c->plan->id.s);
        if (nt)
            provenance_file(r, so, nt->src, "Ghi chú báo cáo", c->plan->id.s);
        break;
    }
}

void report_begin_plan(report *r, const plan *p)
{
    r->fold = status_fold_new(p, r->o.run.as_of);
    r->plan_a = arena_new();
    r->records = NULL;
    r->nrecords = r->records_cap = 0;
}

void report_record(report *r, const progress_record *rec)
{
    status_fold_add(r->fold, rec);
    if (r->lists_records && listed(r, rec)) {
        ARENA_ROOM(r->plan_a, r->records, r->nrecords, r->records_cap, 64);
        r->records[r->nrecords++] = progress_record_copy(r->plan_a, rec);
    }
}

/* The rows of a plan of the period, from its status s (in a). */
static const char *report_plan_rows(report *r, const plan *p, const char *file,
                                    const orgunits *registry,
                                    const progress_log *log,
                                    const status_plan *s, arena *a)
{
    if (!in_period(p, &r->o.run.period)) {
        r->summary.left_out++;
        if (r->provenance)
            provenance_file(r, r->provenance, p->src,
                            "Kế hoạch (ngoài kỳ báo cáo, không "
                            "đưa vào)",
                            p->id.s);
        return NULL;
    }
    r->summary.plans++;
    const char *warning = NULL;
    notes *nt = r->cat ? plan_notes(r, p, file, &warning) : NULL;
    status_counts_add(&r->totals, &s->counts);
    report_context c = {.run = &r->o.run,
                        .plan = p,
                        .file = file,
                        .status = s,
                        .registry = registry,
                        .a = a,
                        .memo = report_field_memo_new(a)};
    for (size_t i = 0; i < r->nonce; i++)
        plan_rows(r, &r->once[i], &c, log, nt);
    const template *t = r->o.tpl;
    for (size_t i = 0; i < t->nsheets; i++) {
        const template_sheet *ts = &t->sheets[i];
        if (!ts->per_plan || r->o.plan_files < ts->min_plans)
            continue;
        sheet_out so = {0};
        start_sheet(r, &so, ts, report_field_expand(ts->name, &c));
        start_table(r, &so, &c);
        plan_rows(r, &so, &c, log, nt);
        if (ts->closing.nparts)
            closing_parts(r, &so, &c, nt);
        if (ts->signature)
            signature_block(r, &so, &c);
        finish_sheet(r, &so);
    }
    notes_free(nt);
    return warning;
}

const char *report_plan(report *r, const plan *p, const char *file,
                        const orgunits *registry, const progress_log *log)
{
    arena *a = r->plan_a;
    status_plan s;
    status_scope scope = {NULL, registry};
    status_fold_finish(r->fold, a, &scope, &s);
    r->fold = NULL;
    r->plan_a = NULL;
    const char *warning = report_plan_rows(r, p, file, registry, log, &s, a);
    arena_free(a);
    r->records = NULL; /* they were in a */
    r->nrecords = r->records_cap = 0;
    return warning;
}

/* The totals row of a summary sheet: counts summed, the percent of all
 * activities together. */
static void totals_row(report *r, sheet_out *so)
{
    need_row(r, so);
    xlsx_style label = style(), value = style();
    label.bold = value.bold = true;
    label.border = value.border = so->t->header != HEADER_NONE;
    value.number_format = "0";
    for (uint32_t i = 0; i < ncols(so); i++) {
        const report_field *f = so->t->columns[i].field;
        if (f->type != FIELD_INTEGER) {
            xlsx_text(so->xs, so->row, i, i == 0 ? "Tổng cộng" : NULL, &label);
            continue;
        }
        double v = strcmp(f->name, "plan.percent") == 0
                       ? status_counts_percent(&r->totals)
                       : so->sums[i];
        xlsx_number(so->xs, so->row, i, v, &value);
    }
    so->row++;
}

bool report_end(report *r, report_summary *out, strbuf *err)
{
    for (size_t i = 0; i < r->nonce; i++) {
        sheet_out *so = &r->once[i];
        if (so->t->kind == SHEET_SUMMARY && r->summary.plans)
            totals_row(r, so);
        finish_sheet(r, so);
    }
    r->summary.truncated = xlsx_truncated(r->book);
    bool ok = xlsx_close(r->book, err);
    *out = r->summary;
    catalog_free(r->cat);
    arena_free(r->a);
    strbuf_release(&r->warning);
    free(r);
    return ok;
}
