#define _GNU_SOURCE /* copy_file_range(2), Linux */
/* test-yamlload.c - the YAML loader: valid plans with their values and
 * positions, every refusal with its exact message, line and column, the
 * limits (billion laughs, depth, size), and robustness against every
 * prefix and thousands of random corruptions of a realistic plan. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"
#include "yamlload.h"

#include "tempdir.h"

#include <fcntl.h>
#include <malloc.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct loaded {
    arena *a;
    source *src;
    diag_sink *d;
    node *root;
} loaded;

static loaded load_with(const char *text, size_t len,
                        const yamlload_limits *limits)
{
    loaded l;
    l.a = arena_new();
    l.src = source_new("plan.yaml", xstrndup(text, len), len);
    l.d = diag_sink_new(0);
    l.root = yamlload_parse(l.a, l.src, l.d, limits);
    return l;
}

static loaded load_bytes(const char *text, size_t len)
{
    return load_with(text, len, &yamlload_default_limits);
}

static loaded load(const char *text)
{
    return load_bytes(text, strlen(text));
}

static void unload(loaded *l)
{
    diag_sink_free(l->d);
    source_free(l->src);
    arena_free(l->a);
}

/* Prints what the sink holds, to explain a failing assertion. */
static void show(loaded *l)
{
    strbuf out = STRBUF_INIT;
    diag_format_text(l->d, &out, false);
    fprintf(stderr, "%s", strbuf_str(&out));
    strbuf_release(&out);
}

/* A loaded document without any diagnostic. */
static loaded load_ok(const char *text)
{
    loaded l = load(text);
    if (!l.root || diag_count(l.d))
        show(&l);
    assert_non_null(l.root);
    assert_int_equal(diag_count(l.d), 0);
    return l;
}

static void assert_diag(const diag *g, const char *message, unsigned line,
                        size_t column)
{
    assert_non_null(g);
    assert_string_equal(g->message, message);
    assert_int_equal(g->line, line);
    assert_int_equal(g->column, column);
}

/* The bytes must be refused with exactly one error, this one. */
static void assert_refused_bytes(const char *text, size_t len,
                                 const char *message, unsigned line,
                                 size_t column)
{
    loaded l = load_bytes(text, len);
    if (diag_count(l.d) != 1)
        show(&l);
    assert_null(l.root);
    assert_int_equal(diag_errors(l.d), 1);
    assert_int_equal(diag_count(l.d), 1);
    assert_diag(diag_get(l.d, 0), message, line, column);
    unload(&l);
}

static void assert_refused(const char *text, const char *message, unsigned line,
                           size_t column)
{
    assert_refused_bytes(text, strlen(text), message, line, column);
}

/* Like assert_refused, and the error carries one note at nline:ncol. */
static void assert_refused_noted(const char *text, const char *message,
                                 unsigned line, size_t column, const char *note,
                                 unsigned nline, size_t ncolumn)
{
    loaded l = load(text);
    if (diag_count(l.d) != 1)
        show(&l);
    assert_null(l.root);
    assert_int_equal(diag_count(l.d), 1);
    const diag *g = diag_get(l.d, 0);
    assert_diag(g, message, line, column);
    assert_non_null(g->notes);
    assert_diag(g->notes, note, nline, ncolumn);
    assert_null(g->notes->next);
    unload(&l);
}

static size_t column_of(const loaded *l, srcpos pos)
{
    return source_column(l->src, pos);
}

static void assert_at(const loaded *l, srcpos pos, unsigned line, size_t column)
{
    assert_int_equal(pos.line, line);
    assert_int_equal(column_of(l, pos), column);
}

static const node *item(const node *n, size_t i)
{
    assert_non_null(n);
    assert_int_equal(n->kind, NODE_ARRAY);
    assert_true(i < n->u.array.count);
    return n->u.array.items[i];
}

static const node *get(const node *obj, const char *key)
{
    const node *v = node_get(obj, key);
    if (!v)
        fprintf(stderr, "no key '%s'\n", key);
    assert_non_null(v);
    return v;
}

/* ---- a realistic plan --------------------------------------------------- */

static const char plan_text[] =
    "# yaml-language-server: $schema=../schemas/plan.schema.json\n"
    "# Kế hoạch trợ giúp pháp lý cho người khuyết tật năm 2026\n"
    "id: hai-phong-nkt-2026\n"
    "number: \"/KH-UBND\"\n"
    "issuer: Ủy ban nhân dân thành phố Hải Phòng\n"
    "year: 2026\n"
    "signed: 2026-01-15\n"
    "title: >\n"
    "  Kế hoạch thực hiện công tác trợ giúp pháp lý\n"
    "  cho người khuyết tật năm 2026\n"
    "basis:\n"
    "  - Luật Trợ giúp pháp lý năm 2017\n"
    "  - \"Luật Người khuyết tật năm 2010\"\n"
    "  - Quyết định số 1190/QĐ-TTg ngày 05/8/2020\n"
    "purposes:\n"
    "  - Nâng cao nhận thức pháp luật cho người khuyết tật\n"
    "  - 'Bảo đảm quyền được trợ giúp pháp lý: kịp thời, chất lượng'\n"
    "funding: &funding\n"
    "  source: ngân sách nhà nước\n"
    "  owner: Sở Tài chính\n"
    "sections:\n"
    "  - id: \"1\"\n"
    "    title: Thực hiện trợ giúp pháp lý cho người khuyết tật\n"
    "    activities:\n"
    "      - id: \"1.a\"\n"
    "        title: Tăng cường triển khai các việc, vụ việc trợ giúp pháp lý\n"
    "        lead: Sở Tư pháp (Trung tâm Trợ giúp pháp lý Nhà nước)\n"
    "        partners: [Sở Y tế, Công an cấp xã]\n"
    "        time: Từ tháng 01/2026 đến tháng 12/2026\n"
    "        target: 95.5   # phần trăm\n"
    "        done: false\n"
    "      - id: \"1.b\"\n"
    "        title: Truyền thông về trợ giúp pháp lý\n"
    "        lead: Sở Tư pháp\n"
    "        partners:\n"
    "          - Hội Người khuyết tật thành phố\n"
    "          - Ủy ban nhân dân cấp xã\n"
    "        time: Quý I/2026\n"
    "        notes: |\n"
    "          Phối hợp với Đài Phát thanh và Truyền hình Hải Phòng.\n"
    "          Ưu tiên địa bàn vùng sâu, vùng xa.\n"
    "  - id: \"2\"\n"
    "    title: Nâng cao năng lực đội ngũ thực hiện trợ giúp pháp lý\n"
    "    activities:\n"
    "      - id: \"2.a\"\n"
    "        title: Tập huấn kỹ năng trợ giúp pháp lý cho người khuyết tật\n"
    "        lead: Trung tâm Trợ giúp pháp lý Nhà nước\n"
    "        partners: []\n"
    "        time: Tháng 6/2026\n"
    "        participants: 120\n"
    "        cost: ~\n"
    "      - id: \"2.b\"\n"
    "        title: Kiểm tra, đánh giá chất lượng vụ việc\n"
    "        funding: *funding\n"
    "        time: \"Tháng 11/2026\"\n"
    "reporting:\n"
    "  deadline: 2026-12-15\n"
    "  to: [Bộ Tư pháp, \"Ủy ban nhân dân thành phố\"]\n"
    "  frequency: 6 tháng một lần\n"
    "...\n";

static void test_plan(void **state)
{
    (void)state;
    loaded l = load_ok(plan_text);
    const node *r = l.root;
    assert_int_equal(r->kind, NODE_OBJECT);
    assert_int_equal(r->u.object.count, 11);
    assert_ptr_equal(r->src, l.src);
    assert_string_equal(node_str(get(r, "id")), "hai-phong-nkt-2026");
    assert_string_equal(node_str(get(r, "number")), "/KH-UBND");
    assert_string_equal(node_str(get(r, "issuer")),
                        "Ủy ban nhân dân thành phố Hải Phòng");
    const node *year = get(r, "year");
    assert_int_equal(year->kind, NODE_NUMBER);
    assert_true(year->u.number.value == 2026);
    assert_string_equal(year->u.number.text, "2026");
    assert_string_equal(node_str(get(r, "signed")), "2026-01-15");
    assert_string_equal(node_str(get(r, "title")),
                        "Kế hoạch thực hiện công tác trợ giúp pháp lý cho "
                        "người khuyết tật năm 2026\n");
    assert_string_equal(node_str(item(get(r, "purposes"), 1)),
                        "Bảo đảm quyền được trợ giúp pháp lý: kịp thời, "
                        "chất lượng");

    const node *sections = get(r, "sections");
    assert_int_equal(sections->u.array.count, 2);
    const node *a1 = item(get(item(sections, 0), "activities"), 0);
    assert_string_equal(node_str(get(a1, "id")), "1.a");
    const node *partners = get(a1, "partners");
    assert_int_equal(partners->u.array.count, 2);
    assert_string_equal(node_str(item(partners, 0)), "Sở Y tế");
    assert_string_equal(node_str(item(partners, 1)), "Công an cấp xã");
    assert_true(get(a1, "target")->u.number.value == 95.5);
    assert_int_equal(get(a1, "done")->kind, NODE_BOOL);
    assert_false(get(a1, "done")->u.boolean);
    const node *b1 = item(get(item(sections, 0), "activities"), 1);
    assert_string_equal(node_str(get(b1, "notes")),
                        "Phối hợp với Đài Phát thanh và Truyền hình Hải "
                        "Phòng.\nƯu tiên địa bàn vùng sâu, vùng xa.\n");
    const node *a2 = item(get(item(sections, 1), "activities"), 0);
    assert_int_equal(get(a2, "partners")->u.array.count, 0);
    assert_int_equal(get(a2, "cost")->kind, NODE_NULL);
    /* the alias shares the anchored mapping */
    const node *b2 = item(get(item(sections, 1), "activities"), 1);
    assert_ptr_equal(get(b2, "funding"), get(r, "funding"));
    assert_string_equal(node_str(get(get(b2, "funding"), "owner")),
                        "Sở Tài chính");

    /* positions: line and display column of keys and values */
    const node_member *issuer = node_member_get(r, "issuer");
    assert_at(&l, issuer->key_pos, 5, 1);
    assert_int_equal(issuer->key_span, 6);
    assert_at(&l, issuer->value->pos, 5, 9);
    assert_int_equal(issuer->value->span,
                     strlen("Ủy ban nhân dân thành phố Hải Phòng"));
    const node_member *time = node_member_get(a1, "time");
    assert_at(&l, time->key_pos, 29, 9);
    assert_at(&l, time->value->pos, 29, 15);
    assert_at(&l, item(partners, 1)->pos, 28, 29);
    assert_at(&l, partners->pos, 28, 19);
    assert_int_equal(partners->span, 1);
    const node_member *number = node_member_get(r, "number");
    assert_at(&l, number->value->pos, 4, 9);
    assert_int_equal(number->value->span, 10); /* quotes included */
    const node *to = get(get(r, "reporting"), "to");
    assert_at(&l, item(to, 1)->pos, 58, 20);
    assert_at(&l, node_member_get(get(r, "reporting"), "frequency")->value->pos,
              59, 14);
    unload(&l);
}

/* The text at pos is the scalar as written: s itself, or s in quotes. */
static void assert_written_at(const loaded *l, srcpos pos, const char *s,
                              size_t len)
{
    const char *at = l->src->text + pos.offset;
    size_t left = l->src->len - pos.offset;
    if (left && (at[0] == '"' || at[0] == '\'')) {
        at++;
        left--;
    }
    if (left < len || memcmp(at, s, len) != 0)
        fprintf(stderr, "'%.*s' is not at line %u\n", (int)len, s, pos.line);
    assert_true(left >= len && memcmp(at, s, len) == 0);
}

/* Every key and every one-line scalar of the tree sits where its position
 * says. Returns how many were checked. */
static size_t check_positions(const loaded *l, const node *n)
{
    size_t checked = 1;
    const char first = l->src->text[n->pos.offset];
    assert_ptr_equal(n->src, l->src);
    switch (n->kind) {
    case NODE_STRING:
        if (!memchr(n->u.string.s, '\n', n->u.string.len) && first != '|' &&
            first != '>' && first != '&' && first != '!')
            assert_written_at(l, n->pos, n->u.string.s, n->u.string.len);
        break;
    case NODE_NUMBER:
        if (first != '&' && first != '!')
            assert_written_at(l, n->pos, n->u.number.text,
                              strlen(n->u.number.text));
        break;
    case NODE_ARRAY:
        assert_true(first == '[' || first == '-' || first == '&');
        for (size_t i = 0; i < n->u.array.count; i++)
            checked += check_positions(l, n->u.array.items[i]);
        break;
    case NODE_OBJECT:
        for (size_t i = 0; i < n->u.object.count; i++) {
            const node_member *m = &n->u.object.members[i];
            assert_written_at(l, m->key_pos, m->key, m->key_len);
            assert_true(m->key_pos.offset >= n->pos.offset);
            checked += 1 + check_positions(l, m->value);
        }
        break;
    default:
        break;
    }
    return checked;
}

static void test_positions_match_text(void **state)
{
    (void)state;
    static const char *const docs[] = {
        plan_text,
        "\xEF\xBB\xBFtên: Hải Phòng\r\nx: [Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3"
        "\xCC\x82t, 12, {ở: 'đây', n: -1.5}]\r\n",
        "{a: [1, [2, [3]], {b: c}], 'd': \"e\", f: [Sở, Tư, pháp]}",
        "- - - Ủy ban\n    - 2\n  - k: v\n    l: [x]\n- ? khóa\n  : giá trị\n",
        /* long runs of ASCII and of Vietnamese letters on one line, where
         * the cursor counts characters eight bytes at a time */
        "m\xC3\xB4 t\xE1\xBA\xA3: Tổ chức tuyên truyền, phổ biến pháp luật "
        "cho người khuyết tật và người dân tộc thiểu số ở vùng sâu vùng xa "
        "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\n"
        "k: [ầ, bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb, ừừừừừừừừừừừừ, 'ở đây', 7]\n",
    };
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        loaded l = load_ok(docs[i]);
        assert_true(check_positions(&l, l.root) >= 8);
        unload(&l);
    }
}

/* Vietnamese typed precomposed (NFC) or with combining marks (NFD) keeps
 * its bytes, and columns count what people see. */
static void test_vietnamese_nfc_nfd(void **state)
{
    (void)state;
    static const char nfc[] = "tên: Tiếng Việt\nx: [Tiếng Việt, ok]\n";
    static const char nfd[] = "te\xCC\x82n: Tie\xCC\x82\xCC\x81ng "
                              "Vie\xCC\xA3\xCC\x82t\n"
                              "x: [Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t, "
                              "ok]\n";
    loaded a = load_ok(nfc);
    loaded b = load_ok(nfd);
    assert_string_equal(node_str(get(a.root, "tên")), "Tiếng Việt");
    assert_string_equal(node_str(get(b.root, "te\xCC\x82n")),
                        "Tie\xCC\x82\xCC\x81ng Vie\xCC\xA3\xCC\x82t");
    assert_null(node_get(b.root, "tên")); /* bytes are kept as written */
    const node *ok_a = item(get(a.root, "x"), 1);
    const node *ok_b = item(get(b.root, "x"), 1);
    assert_string_equal(node_str(ok_b), "ok");
    assert_at(&a, ok_a->pos, 2, 17);
    assert_at(&b, ok_b->pos, 2, 17);
    assert_true(ok_b->pos.offset > ok_a->pos.offset);
    const node_member *x = node_member_get(b.root, "te\xCC\x82n");
    assert_at(&b, x->value->pos, 1, 6);
    assert_int_equal(x->key_span, strlen("te\xCC\x82n"));
    unload(&a);
    unload(&b);
}

static void test_bom_and_crlf(void **state)
{
    (void)state;
    loaded l = load_ok("\xEF\xBB\xBFid: kh-01\r\nissuer: Sở Tư pháp\r\n"
                       "list:\r\n  - một\r\n  - hai\r\n");
    assert_string_equal(node_str(get(l.root, "id")), "kh-01");
    assert_string_equal(node_str(get(l.root, "issuer")), "Sở Tư pháp");
    const node_member *id = node_member_get(l.root, "id");
    assert_at(&l, id->key_pos, 1, 1);
    assert_int_equal(id->key_pos.offset, 3);
    assert_at(&l, node_member_get(l.root, "issuer")->value->pos, 2, 9);
    const node *hai = item(get(l.root, "list"), 1);
    assert_string_equal(node_str(hai), "hai");
    assert_at(&l, hai->pos, 5, 5);
    unload(&l);
    /* a lone CR ends a line too */
    loaded cr = load_ok("a: 1\rb: 2\r");
    assert_at(&cr, node_member_get(cr.root, "b")->key_pos, 2, 1);
    unload(&cr);
}

static void test_flow_and_block(void **state)
{
    (void)state;
    loaded block = load_ok("unit: Sở Tư pháp\n"
                           "tasks:\n"
                           "  - name: Tập huấn\n"
                           "    months: [3, 6]\n"
                           "  - name: \"Kiểm tra\"\n"
                           "    months:\n"
                           "      - 11\n"
                           "empty: {}\n");
    loaded flow = load_ok("{unit: Sở Tư pháp, tasks: [{name: Tập huấn, months: "
                          "[3, 6]}, {name: 'Kiểm tra', months: [11]}], "
                          "empty: {}}\n");
    assert_true(node_equal(block.root, flow.root));
    assert_int_equal(get(flow.root, "empty")->kind, NODE_OBJECT);
    assert_int_equal(get(flow.root, "empty")->u.object.count, 0);
    unload(&block);
    unload(&flow);
}

/* ---- scalars ------------------------------------------------------------ */

static void assert_scalar(const char *value, node_kind kind, double number,
                          const char *text)
{
    strbuf doc = STRBUF_INIT;
    strbuf_printf(&doc, "v: %s\n", value);
    loaded l = load_ok(strbuf_str(&doc));
    const node *v = get(l.root, "v");
    if (v->kind != kind)
        fprintf(stderr, "value %s read as %s\n", value,
                node_kind_name(v->kind));
    assert_int_equal(v->kind, kind);
    if (kind == NODE_NUMBER) {
        if (isnan(number))
            assert_true(isnan(v->u.number.value));
        else
            assert_true(v->u.number.value == number);
        assert_string_equal(v->u.number.text, text);
    } else if (kind == NODE_BOOL) {
        assert_int_equal(v->u.boolean, number != 0);
    } else if (kind == NODE_STRING) {
        assert_string_equal(node_str(v), text);
    }
    strbuf_release(&doc);
    unload(&l);
}

static void test_core_schema(void **state)
{
    (void)state;
    const char *nulls[] = {"", "~", "null", "Null", "NULL"};
    for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
        assert_scalar(nulls[i], NODE_NULL, 0, NULL);
    const char *trues[] = {"true", "True", "TRUE"};
    const char *falses[] = {"false", "False", "FALSE"};
    for (size_t i = 0; i < 3; i++) {
        assert_scalar(trues[i], NODE_BOOL, 1, NULL);
        assert_scalar(falses[i], NODE_BOOL, 0, NULL);
    }
    assert_scalar("0", NODE_NUMBER, 0, "0");
    assert_scalar("-12", NODE_NUMBER, -12, "-12");
    assert_scalar("+5", NODE_NUMBER, 5, "+5");
    assert_scalar("08", NODE_NUMBER, 8, "08");
    assert_scalar("0o17", NODE_NUMBER, 15, "0o17");
    assert_scalar("0x1F", NODE_NUMBER, 31, "0x1F");
    assert_scalar("0xff", NODE_NUMBER, 255, "0xff");
    assert_scalar("1.5", NODE_NUMBER, 1.5, "1.5");
    assert_scalar(".5", NODE_NUMBER, 0.5, ".5");
    assert_scalar("-1.", NODE_NUMBER, -1, "-1.");
    assert_scalar("1e3", NODE_NUMBER, 1000, "1e3");
    assert_scalar("-2.5E-2", NODE_NUMBER, -0.025, "-2.5E-2");
    assert_scalar("+.5e+1", NODE_NUMBER, 5, "+.5e+1");
    assert_scalar("1e308", NODE_NUMBER, 1e308, "1e308");
    assert_scalar("1e-400", NODE_NUMBER, 0, "1e-400");
    const char *strings[] = {
        "2026-03-15", "yes",   "no",           "on", "off",   "Yes",   "nULL",
        "tRUE",       "0b101", "1_000",        "0x", "0o8",   "0xG",   "1.2.3",
        ".5e",        "1e",    "-1-",          ".",  "+",     "-.nan", "..5",
        "12:30",      "1,5",   "Tháng 6/2026", "~x", "1 000",
    };
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        assert_scalar(strings[i], NODE_STRING, 0, strings[i]);
    /* quoted and block scalars are strings */
    assert_scalar("\"12\"", NODE_STRING, 0, "12");
    assert_scalar("'true'", NODE_STRING, 0, "true");
    assert_scalar("\"\"", NODE_STRING, 0, "");
    assert_scalar("'~'", NODE_STRING, 0, "~");
    assert_scalar("|-\n  12", NODE_STRING, 0, "12");
    assert_scalar(">-\n  null", NODE_STRING, 0, "null");
    /* escapes are decoded; a NUL may be inside a value */
    loaded l = load_ok("v: \"a\\tb\\u1EA1\\x00c\"\n");
    const node *v = get(l.root, "v");
    assert_int_equal(v->u.string.len, 8);
    assert_memory_equal(v->u.string.s, "a\tb\xE1\xBA\xA1\0c", 8);
    unload(&l);
}

/* Infinity, "not a number" and numbers too large for a double are
 * refused where they are written, whatever their form or tag. */
static void test_not_finite(void **state)
{
    (void)state;
    const char *words[] = {".inf", "-.Inf", "+.INF",        ".nan",
                           ".NaN", ".NAN",  "!!float .inf", "!!float .nan"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        strbuf doc = STRBUF_INIT, msg = STRBUF_INIT;
        const char *shown =
            strchr(words[i], ' ') ? strchr(words[i], ' ') + 1 : words[i];
        strbuf_printf(&doc, "a: 1\nv: %s\n", words[i]);
        strbuf_printf(
            &msg,
            "'%s' is not a number kehoach can use; write a number such "
            "as 12 or 2.5",
            shown);
        assert_refused(strbuf_str(&doc), strbuf_str(&msg), 2, 4);
        strbuf_release(&doc);
        strbuf_release(&msg);
    }
    assert_refused("v: 1e400\n", "'1e400' is too large to be a number", 1, 4);
    assert_refused("v: -1.5E+309\n", "'-1.5E+309' is too large to be a number",
                   1, 4);
    assert_refused("- !!float 1e999\n", "'1e999' is too large to be a number",
                   1, 3);
    strbuf big = STRBUF_INIT;
    strbuf_puts(&big, "v: 0x");
    strbuf_repeat(&big, 'F', 300);
    strbuf_putc(&big, '\n');
    assert_refused(strbuf_str(&big),
                   "'0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF...' is too large "
                   "to be a number",
                   1, 4);
    strbuf_reset(&big);
    strbuf_puts(&big, "v: 1");
    strbuf_repeat(&big, '0', 400);
    strbuf_putc(&big, '\n');
    assert_refused(strbuf_str(&big),
                   "'1000000000000000000000000000000000000000...' is too large "
                   "to be a number",
                   1, 4);
    strbuf_release(&big);
    /* quoted, they are text */
    assert_scalar("\".inf\"", NODE_STRING, 0, ".inf");
    assert_scalar("'1e400'", NODE_STRING, 0, "1e400");
}

static void test_tags(void **state)
{
    (void)state;
    loaded l = load_ok("a: !!str 12\n"
                       "b: ! 12\n"
                       "c: !!int \"12\"\n"
                       "d: !!float 1\n"
                       "e: !!bool \"true\"\n"
                       "f: !!null ''\n"
                       "g: !!map {x: 1}\n"
                       "h: !!seq [1]\n"
                       "i: !<tag:yaml.org,2002:int> 0x10\n"
                       "j: !!float 1e3\n"
                       "k: !!str\n"
                       "l: ! [1]\n");
    assert_string_equal(node_str(get(l.root, "a")), "12");
    assert_string_equal(node_str(get(l.root, "b")), "12");
    assert_true(get(l.root, "c")->u.number.value == 12);
    assert_true(get(l.root, "d")->u.number.value == 1);
    assert_true(get(l.root, "e")->u.boolean);
    assert_int_equal(get(l.root, "f")->kind, NODE_NULL);
    assert_int_equal(get(l.root, "g")->kind, NODE_OBJECT);
    assert_int_equal(get(l.root, "h")->kind, NODE_ARRAY);
    assert_true(get(l.root, "i")->u.number.value == 16);
    assert_true(get(l.root, "j")->u.number.value == 1000);
    assert_string_equal(node_str(get(l.root, "k")), "");
    assert_int_equal(get(l.root, "l")->kind, NODE_ARRAY);
    /* a node starts at its tag */
    assert_at(&l, get(l.root, "a")->pos, 1, 4);
    assert_int_equal(get(l.root, "a")->span, 8);
    unload(&l);

    assert_refused("a: !foo 1\n", "unsupported tag '!foo'", 1, 4);
    assert_refused("a: !!timestamp 2026-01-01\n",
                   "unsupported tag '!!timestamp'", 1, 4);
    assert_refused("%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
                   "unsupported tag 'tag:example.com,2000:x'", 3, 4);
    assert_refused("a: !x!y 1\n", "unsupported tag '!x!y'; remove it", 1, 4);
    assert_refused("- !foo [1]\n", "unsupported tag '!foo'", 1, 3);
    assert_refused("a: !!int abc\n",
                   "tag '!!int' needs an integer; 'abc' is not", 1, 4);
    assert_refused("a: !!int 1.5\n",
                   "tag '!!int' needs an integer; '1.5' is not", 1, 4);
    assert_refused("a: !!float 0x1F\n",
                   "tag '!!float' needs a number; '0x1F' is not", 1, 4);
    assert_refused("a: !!bool yes\n",
                   "tag '!!bool' needs true or false; 'yes' is not", 1, 4);
    assert_refused("a: !!null x\n",
                   "tag '!!null' needs an empty value, '~' or null; 'x' is not",
                   1, 4);
    assert_refused("a: !!str [1]\n", "tag '!!str' cannot be used on a list", 1,
                   4);
    assert_refused("a: !!seq {b: 1}\n",
                   "tag '!!seq' cannot be used on a group of 'key: value' "
                   "lines",
                   1, 4);
    assert_refused("a: !!map x\n",
                   "tag '!!map' cannot be used on a single value", 1, 4);
    assert_refused("!!int x: 1\n", "tag '!!int' needs an integer; 'x' is not",
                   1, 1);
}

/* ---- keys --------------------------------------------------------------- */

static void test_keys(void **state)
{
    (void)state;
    /* keys that are numbers or booleans keep their text */
    loaded l = load_ok("1: một\ntrue: đúng\n~: rỗng\n\"\": trống\n");
    assert_string_equal(node_str(get(l.root, "1")), "một");
    assert_string_equal(node_str(get(l.root, "true")), "đúng");
    assert_string_equal(node_str(get(l.root, "~")), "rỗng");
    assert_string_equal(node_str(get(l.root, "")), "trống");
    unload(&l);
    /* the same key in two mappings is fine */
    loaded two = load_ok("- id: a\n- id: b\n");
    unload(&two);

    assert_refused_noted("id: a\ntitle: Kế hoạch\nid: b\n",
                         "duplicate key 'id'", 3, 1, "first given here", 1, 1);
    assert_refused_noted("{\"tên\": 1, tên: 2}", "duplicate key 'tên'", 1, 12,
                         "first given here", 1, 2);
    assert_refused_noted("1: a\n\"1\": b\n", "duplicate key '1'", 2, 1,
                         "first given here", 1, 1);
    assert_refused_noted("x:\n  \"a\\nb\": 1\n  \"a\\nb\": 2\n",
                         "duplicate key 'a\\nb'", 3, 3, "first given here", 2,
                         3);
    assert_refused("? [a, b]\n: x\n", "a key must be plain text", 1, 3);
    assert_refused("{a: 1}: x\n", "a key must be plain text", 1, 1);
    assert_refused("a: &k b\n*k : c\n",
                   "a key must be plain text, not an alias", 2, 1);
    assert_refused("?\n: x\n", "a key is missing before ':'", 1, 2);
    assert_refused("\"a\\0b\": 1\n", "a key cannot contain a NUL character", 1,
                   1);

    /* an object of many keys (from the 16th on they are also mapped):
     * distinct keys pass, a key given again is caught before and after
     * that point, and points at its first place */
    strbuf many = STRBUF_INIT;
    for (int k = 0; k < 40; k++)
        strbuf_printf(&many, "khóa-%d: %d\n", k, k);
    loaded wide = load_ok(strbuf_str(&many));
    assert_int_equal(wide.root->u.object.count, 40);
    unload(&wide);
    strbuf_puts(&many, "khóa-3: lại\n");
    assert_refused_noted(strbuf_str(&many), "duplicate key 'khóa-3'", 41, 1,
                         "first given here", 4, 1);
    strbuf_reset(&many);
    for (int k = 0; k < 10; k++)
        strbuf_printf(&many, "k%d: %d\n", k, k);
    strbuf_puts(&many, "k9: lại\n");
    assert_refused_noted(strbuf_str(&many), "duplicate key 'k9'", 11, 1,
                         "first given here", 10, 1);
    strbuf_release(&many);

    /* every duplicate is reported; the rest of the file is still read */
    loaded dup = load("a: 1\nb: 2\na: 3\nb: 4\nc:\n  d: 5\n  d: 6\na: 7\n");
    assert_null(dup.root);
    assert_int_equal(diag_errors(dup.d), 4);
    assert_diag(diag_get(dup.d, 0), "duplicate key 'a'", 3, 1);
    assert_diag(diag_get(dup.d, 1), "duplicate key 'b'", 4, 1);
    assert_diag(diag_get(dup.d, 2), "duplicate key 'd'", 7, 3);
    assert_diag(diag_get(dup.d, 2)->notes, "first given here", 6, 3);
    assert_diag(diag_get(dup.d, 3), "duplicate key 'a'", 8, 1);
    unload(&dup);
}

/* ---- anchors and aliases ------------------------------------------------ */

static void test_anchors(void **state)
{
    (void)state;
    loaded l = load_ok("base: &b {lead: Sở Tư pháp, partners: [Sở Y tế]}\n"
                       "one: *b\n"
                       "two: [*b, *b]\n"
                       "name: &n Kế hoạch\n"
                       "same: *n\n"
                       "again: &n 5\n"
                       "last: *n\n");
    const node *base = get(l.root, "base");
    assert_ptr_equal(get(l.root, "one"), base);
    assert_ptr_equal(item(get(l.root, "two"), 0), base);
    assert_ptr_equal(item(get(l.root, "two"), 1), base);
    assert_ptr_equal(get(l.root, "same"), get(l.root, "name"));
    assert_true(get(l.root, "last")->u.number.value == 5); /* redefined */
    assert_at(&l, get(l.root, "one")->pos, 1, 7);
    unload(&l);

    assert_refused("a: *x\n", "unknown anchor '*x'", 1, 4);
    assert_refused("a: *x\nb: &x 1\n", "unknown anchor '*x'", 1, 4);
    assert_refused("a: &x\n  b: *x\n",
                   "alias '*x' is inside the node it refers to; a cycle is not "
                   "allowed",
                   2, 6);
    assert_refused("&a [1, *a]\n",
                   "alias '*a' is inside the node it refers to; a cycle is not "
                   "allowed",
                   1, 8);

    yamlload_limits few = yamlload_default_limits;
    few.max_aliases = 2;
    static const char three[] = "a: &a 1\nb: [*a, *a, *a]\n";
    loaded f = load_with(three, strlen(three), &few);
    assert_null(f.root);
    assert_int_equal(diag_count(f.d), 1);
    assert_diag(diag_get(f.d, 0), "more than 2 aliases; refusing the file", 2,
                13);
    unload(&f);
}

/* 9 levels of 10 aliases: 10^9 nodes when expanded. */
static void test_billion_laughs(void **state)
{
    (void)state;
    strbuf doc = STRBUF_INIT;
    strbuf_puts(&doc,
                "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level <= 8; level++) {
        strbuf_printf(&doc, "a%d: &a%d [", level, level);
        for (int i = 0; i < 10; i++)
            strbuf_printf(&doc, "%s*a%d", i ? ", " : "", level - 1);
        strbuf_puts(&doc, "]\n");
    }
    clock_t start = clock();
    loaded l = load(strbuf_str(&doc));
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    assert_null(l.root);
    assert_int_equal(diag_count(l.d), 1);
    /* a0..a4 and their expansions make 123,456 nodes with a5's list; each
     * *a4 adds 111,111: the 8th passes 1,000,000 */
    assert_diag(diag_get(l.d, 0),
                "aliases expand to more than 1000000 nodes; refusing the file",
                6, 45);
    assert_true(seconds < 0.5);
    strbuf_release(&doc);
    unload(&l);
}

/* ---- limits ------------------------------------------------------------- */

static void test_depth(void **state)
{
    (void)state;
    strbuf flow = STRBUF_INIT;
    strbuf_repeat(&flow, '[', 100);
    strbuf_repeat(&flow, ']', 100);
    assert_refused(strbuf_str(&flow), "nesting deeper than 64 levels", 1, 65);
    strbuf_release(&flow);

    strbuf block = STRBUF_INIT;
    for (int i = 0; i < 100; i++) {
        strbuf_repeat(&block, ' ', 2 * (size_t)i);
        strbuf_puts(&block, "k:\n");
    }
    assert_refused(strbuf_str(&block), "nesting deeper than 64 levels", 65,
                   129);
    strbuf_release(&block);

    strbuf deepest = STRBUF_INIT;
    strbuf_repeat(&deepest, '[', 64);
    strbuf_repeat(&deepest, ']', 64);
    loaded l = load_ok(strbuf_str(&deepest));
    const node *n = l.root;
    for (int i = 1; i < 64; i++)
        n = item(n, 0);
    assert_int_equal(n->u.array.count, 0);
    strbuf_release(&deepest);
    unload(&l);
}

static void test_limits(void **state)
{
    (void)state;
    yamlload_limits small = yamlload_default_limits;
    small.max_bytes = 10;
    loaded big = load_with("id: 12345678\n", 13, &small);
    assert_null(big.root);
    assert_int_equal(diag_count(big.d), 1);
    assert_diag(diag_get(big.d, 0),
                "the file is 13 bytes; the limit is 10 bytes", 1, 1);
    unload(&big);

    yamlload_limits strings = yamlload_default_limits;
    strings.max_string = 4;
    static const char text[] =
        "a: abcd\nb: abcde\nc: [\"Hà Nội\"]\nlonger: 1\n";
    loaded s = load_with(text, strlen(text), &strings);
    assert_null(s.root);
    assert_int_equal(diag_count(s.d), 3);
    assert_diag(diag_get(s.d, 0),
                "text of 5 bytes is longer than the limit of 4 bytes", 2, 4);
    assert_diag(diag_get(s.d, 1),
                "text of 9 bytes is longer than the limit of 4 bytes", 3, 5);
    assert_diag(diag_get(s.d, 2),
                "text of 6 bytes is longer than the limit of 4 bytes", 4, 1);
    unload(&s);

    yamlload_limits nodes = yamlload_default_limits;
    nodes.max_nodes = 4;
    static const char five[] = "[1, 2, 3, 4]\n";
    loaded n = load_with(five, strlen(five), &nodes);
    assert_null(n.root);
    assert_int_equal(diag_count(n.d), 1);
    assert_diag(diag_get(n.d, 0),
                "the file holds more than 4 values; refusing it", 1, 11);
    unload(&n);
    static const char four[] = "[1, 2, 3]\n";
    loaded ok = load_with(four, strlen(four), &nodes);
    assert_non_null(ok.root);
    unload(&ok);
}

/* ---- documents ---------------------------------------------------------- */

static void test_documents(void **state)
{
    (void)state;
    assert_refused("a: 1\n---\nb: 2\n",
                   "a plan file holds one document; a second document starts "
                   "here",
                   2, 1);
    assert_refused("a: 1\n...\nb: 2\n",
                   "a plan file holds one document; a second document starts "
                   "here",
                   3, 1);
    assert_refused(
        "# chỉ có chú thích\n\n# only comments\n",
        "the file holds no YAML content, only comments or blank lines", 1, 1);
    assert_refused(
        "\xEF\xBB\xBF# ghi chú\n",
        "the file holds no YAML content, only comments or blank lines", 1, 1);
    loaded one = load_ok("--- # kế hoạch\na: 1\n...\n# end\n");
    unload(&one);
    loaded nul = load_ok("---\n");
    assert_int_equal(nul.root->kind, NODE_NULL);
    unload(&nul);
    loaded text = load_ok("--- Kế hoạch\n");
    assert_string_equal(node_str(text.root), "Kế hoạch");
    unload(&text);
    loaded directive = load_ok("%YAML 1.2\n---\na: 1\n");
    unload(&directive);
}

/* ---- checks on the bytes ------------------------------------------------ */

static void test_encoding(void **state)
{
    (void)state;
    assert_refused_bytes("", 0, "the file is empty", 1, 1);
    assert_refused("  \n\t\n\r\n", "the file is empty", 1, 1);
    assert_refused("\xEF\xBB\xBF", "the file is empty", 1, 1);
    assert_refused_bytes("\xFF\xFEi\0d\0:\0 \0x\0\n\0", 14,
                         "the file is UTF-16 encoded; save it as UTF-8", 1, 1);
    assert_refused_bytes("\xFE\xFF\0i\0d\0:\0 \0x\0\n", 14,
                         "the file is UTF-16 encoded; save it as UTF-8", 1, 1);
    assert_refused_bytes("i\0d\0:\0 \0\xA7\x1E\n\0", 12,
                         "the file is UTF-16 encoded; save it as UTF-8", 1, 1);
    assert_refused_bytes("\xFF\xFE\0\0i\0\0\0", 8,
                         "the file is UTF-32 encoded; save it as UTF-8", 1, 1);
    assert_refused_bytes("\0\0\xFE\xFF\0\0\0i", 8,
                         "the file is UTF-32 encoded; save it as UTF-8", 1, 1);

    /* binary: one error at the first NUL, whatever follows */
    strbuf bin = STRBUF_INIT;
    strbuf_puts(&bin, "id: x\nab");
    for (int i = 0; i < 5000; i++)
        strbuf_add(&bin, i % 3 ? "\x01\xFF" : "\0", i % 3 ? 2 : 1);
    assert_refused_bytes(bin.buf, bin.len,
                         "binary data: NUL byte at byte offset 8; a plan must "
                         "be UTF-8 text",
                         2, 3);
    strbuf_release(&bin);

    assert_refused("a: b\nc: \xC3\x28\n",
                   "invalid UTF-8 at byte offset 8 (bytes 0xC3 0x28)", 2, 4);
    assert_refused("a: \xFF\n", "invalid UTF-8 at byte offset 3 (byte 0xFF)", 1,
                   4);
    assert_refused("a: \xE1\xBA\n",
                   "invalid UTF-8 at byte offset 3 "
                   "(bytes 0xE1 0xBA 0x0A)",
                   1, 4);
    assert_refused("a: \xED\xA0\x80\n",
                   "invalid UTF-8 at byte offset 3 "
                   "(bytes 0xED 0xA0 0x80)",
                   1, 4);
    assert_refused("a: \xC0\xAF\n",
                   "invalid UTF-8 at byte offset 3 (bytes 0xC0 0xAF)", 1, 4);

    /* Windows-1258 text: every bad sequence, a hint on the first */
    loaded w = load("t\xEAn: H\xE0 N\xF4i\nx: \xD0\n");
    assert_null(w.root);
    assert_int_equal(diag_errors(w.d), 4);
    assert_diag(diag_get(w.d, 0),
                "invalid UTF-8 at byte offset 1 "
                "(bytes 0xEA 0x6E 0x3A)",
                1, 2);
    assert_diag(diag_get(w.d, 1),
                "invalid UTF-8 at byte offset 6 "
                "(bytes 0xE0 0x20 0x4E)",
                1, 7);
    assert_diag(diag_get(w.d, 2),
                "invalid UTF-8 at byte offset 9 "
                "(bytes 0xF4 0x69 0x0A 0x78)",
                1, 10);
    assert_diag(diag_get(w.d, 3),
                "invalid UTF-8 at byte offset 15 "
                "(bytes 0xD0 0x0A)",
                2, 4);
    assert_non_null(diag_get(w.d, 0)->notes);
    assert_string_equal(diag_get(w.d, 0)->notes->message,
                        "the file may be saved in another encoding (such as "
                        "Windows-1258, TCVN3 or VNI); save it as UTF-8");
    assert_null(diag_get(w.d, 1)->notes);
    unload(&w);

    assert_refused("a: x\x07y\n", "control character U+0007 is not allowed", 1,
                   5);
    assert_refused("a: \x1B[0m\n", "control character U+001B is not allowed", 1,
                   4);
    assert_refused("a: x\x7F\n", "control character U+007F is not allowed", 1,
                   5);
    assert_refused("a: \xC2\x80\n", "control character U+0080 is not allowed",
                   1, 4);
    assert_refused("a: \xEF\xBF\xBE\n", "character U+FFFE is not allowed", 1,
                   4);
    loaded nel = load_ok("a: x\xC2\x85"
                         "b: y\n"); /* NEL breaks the line */
    assert_at(&nel, node_member_get(nel.root, "b")->key_pos, 2, 1);
    unload(&nel);

    assert_refused("a:\n\tb: 1\n",
                   "tab used for indentation; indent with spaces", 2, 1);
    assert_refused("a:\n  \tb: 1\n",
                   "tab used for indentation; indent with spaces", 2, 3);
    assert_refused("a: |\n  x\n\t\ty\n",
                   "tab used for indentation; indent with spaces", 3, 1);
    /* a tab on a blank line: libyaml refuses it in some places only */
    assert_refused("a: 1\n\t\nc: 1\n",
                   "tab used for indentation; indent with spaces", 2, 1);
    assert_refused("a: |\n  x\n \t\n  y\n",
                   "tab used for indentation; indent with spaces", 3, 2);
    assert_refused("b: z # ghi chú\n \t\nc: 1\n",
                   "a tab cannot be used here; use spaces", 2, 2);
    loaded tabs = load_ok("a: x\ty\nb:\tz   \t# ghi chú\nc: 1\n  \t\nd: 2\n");
    assert_string_equal(node_str(get(tabs.root, "a")), "x\ty");
    assert_string_equal(node_str(get(tabs.root, "b")), "z");
    unload(&tabs);

    /* every problem in the bytes is reported, in order */
    loaded all = load("a: \x01\n\tb: \xC3\n");
    assert_null(all.root);
    assert_int_equal(diag_errors(all.d), 3);
    assert_diag(diag_get(all.d, 0), "control character U+0001 is not allowed",
                1, 4);
    assert_diag(diag_get(all.d, 1),
                "tab used for indentation; indent with spaces", 2, 1);
    assert_diag(diag_get(all.d, 2),
                "invalid UTF-8 at byte offset 9 (bytes 0xC3 0x0A)", 2, 12);
    unload(&all);
}

/* ---- libyaml's syntax errors, reworded ---------------------------------- */

static void test_syntax(void **state)
{
    (void)state;
    assert_refused_noted("sections:\n  - id: \"1\"\n    title Thực hiện\n"
                         "    lead: x\n",
                         "expected ':' after a key; is a line wrongly indented "
                         "or missing ': '?",
                         4, 5, "this text has no ': ' after it", 3, 5);
    assert_refused("a: b: c\n", "unexpected ':'; quote text that contains ': '",
                   1, 5);
    assert_refused("a: 1\n  b: 2\n",
                   "unexpected ':'; quote text that contains "
                   "': '",
                   2, 4);
    assert_refused("a:\n  b: 1\n c: 2\n",
                   "wrong indentation: a key is not "
                   "aligned with the keys above it",
                   3, 2);
    assert_refused("a: 1\n- b\n",
                   "wrong indentation: a key is not aligned with "
                   "the keys above it",
                   2, 1);
    assert_refused("title: \"Kế hoạch \"số 1\"\"\n",
                   "unexpected text after a value; a quoted text ends at its "
                   "closing quote",
                   1, 19);
    assert_refused("- a\nb: 1\n",
                   "wrong indentation: a list item is not "
                   "aligned with the items above it",
                   2, 1);
    assert_refused("- 'a' b\n",
                   "unexpected text after a value; a quoted text "
                   "ends at its closing quote",
                   1, 7);
    assert_refused("a: 1\n: x\n", "a key is missing before ':'", 2, 1);
    assert_refused("{: x}\n", "a key is missing before ':'", 1, 2);
    assert_refused("a: @x\n",
                   "'@' cannot start a value; put the text in quotes", 1, 4);
    assert_refused("a: `x`\n",
                   "'`' cannot start a value; put the text in quotes", 1, 4);
    assert_refused("- ]\n",
                   "a value cannot start with ']'; put the text in "
                   "quotes",
                   1, 3);
    assert_refused("\"x\": [\n", "expected a value here", 2, 1);
    assert_refused("a: \"Hà Nội\nb: 2\n",
                   "this quoted text is never closed; add "
                   "the closing quote (\")",
                   1, 4);
    assert_refused("a: 'Hà Nội\n",
                   "this quoted text is never closed; add the "
                   "closing quote (')",
                   1, 4);
    assert_refused_noted("a: \"x\n---\n\"\n",
                         "a line starting with '---' or "
                         "'...' ends the document inside a quoted text; close "
                         "the quote before it",
                         2, 1, "the quoted text starts here", 1, 4);
    assert_refused("a: - b\n",
                   "a list item ('- ') cannot start here; put the "
                   "list on its own lines, indented under its key",
                   1, 4);
    assert_refused_noted("a: [Sở Y tế, Công an\nb: 3\n",
                         "expected ',' or ']': "
                         "the list opened with '[' is not closed",
                         2, 2, "the list starts here", 1, 4);
    assert_refused_noted("a: {x: 1\nb: 3\n",
                         "expected ',' or '}': the group of keys "
                         "opened with '{' is not closed",
                         2, 2, "the group of keys starts here", 1, 4);
    assert_refused("path: \"C:\\Users\\ubnd\"\n",
                   "a backslash (\\) in double "
                   "quotes starts an escape sequence and this one is invalid; "
                   "write \\\\ for a backslash, or use single quotes",
                   1, 12);
    assert_refused(
        "a: \"x\\qy\"\n",
        "a backslash (\\) in double quotes starts "
        "an escape sequence and this one is invalid; write \\\\ for a "
        "backslash, or use single quotes",
        1, 6);
    assert_refused("a: | x\n  y\n",
                   "after '|' or '>' the text must start on "
                   "the next line",
                   1, 6);
    assert_refused("a: &\n",
                   "'&' must be followed by a name; put text that "
                   "starts with '&' in quotes",
                   1, 5);
    assert_refused("a: * x\n",
                   "'*' must be followed by a name; put text that "
                   "starts with '*' in quotes",
                   1, 5);
    assert_refused("%YAML 2.0\n---\na: 1\n",
                   "unsupported YAML version; write "
                   "'%YAML 1.2' or remove the line",
                   1, 1);
    assert_refused("%YAML 1.2\na: 1\n",
                   "expected '---' to start the document "
                   "after the '%' lines",
                   2, 1);
    assert_refused("a: >0\n x\n",
                   "a number after '|' or '>' says how many spaces the text "
                   "is indented, and it cannot be 0; remove it",
                   1, 5);
    assert_refused("%FOO bar\n---\na: 1\n",
                   "only '%YAML' and '%TAG' lines may start with '%'; put "
                   "text that starts with '%' in quotes",
                   1, 5);
    /* libyaml's own words where no rewording is made */
    assert_refused("%YAML 1.2\n%YAML 1.2\n---\na: 1\n",
                   "the text does not follow YAML: found duplicate %YAML "
                   "directive",
                   2, 1);
}

/* Builder errors of every kind in one file, all reported. */
static void test_keeps_going(void **state)
{
    (void)state;
    loaded l = load("a: 1\na: 2\nb: !foo x\nc: *nowhere\n? [k]\n: v\nd: ok\n");
    assert_null(l.root);
    assert_int_equal(diag_errors(l.d), 4);
    assert_diag(diag_get(l.d, 0), "duplicate key 'a'", 2, 1);
    assert_diag(diag_get(l.d, 1), "unsupported tag '!foo'", 3, 4);
    assert_diag(diag_get(l.d, 2), "unknown anchor '*nowhere'", 4, 4);
    assert_diag(diag_get(l.d, 3), "a key must be plain text", 5, 3);
    unload(&l);

    /* a flood of problems stops after 100 */
    strbuf flood = STRBUF_INIT;
    for (int i = 0; i < 20000; i++)
        strbuf_puts(&flood, "a: 1\n");
    loaded f = load(strbuf_str(&flood));
    assert_null(f.root);
    assert_int_equal(diag_errors(f.d), 101);
    assert_diag(diag_get(f.d, 99), "duplicate key 'a'", 101, 1);
    assert_diag(diag_get(f.d, 100),
                "too many problems; stopped after the first "
                "100",
                102, 1);
    unload(&f);
    strbuf_release(&flood);

    /* on one huge line, sooner: every report copies its line */
    strbuf line = STRBUF_INIT;
    strbuf_puts(&line, "a: ");
    strbuf_repeat(&line, '\xFF', 3 << 20);
    strbuf_puts(&line, "\n");
    clock_t start = clock();
    loaded h = load_bytes(line.buf, line.len);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    assert_null(h.root);
    assert_int_equal(diag_errors(h.d), 5);
    assert_diag(diag_get(h.d, 3), "invalid UTF-8 at byte offset 6 (byte 0xFF)",
                1, 7);
    assert_diag(diag_get(h.d, 4),
                "too many problems; stopped after the first 4", 1, 8);
    assert_true(seconds < 2);
    unload(&h);
    strbuf_release(&line);
}

/* Time and memory grow linearly, even on one very long line. */
static void test_large_inputs(void **state)
{
    (void)state;
    strbuf line = STRBUF_INIT;
    strbuf_puts(&line, "v: [");
    for (int i = 0; i < 200000; i++)
        strbuf_printf(&line, "%sSở %d", i ? ", " : "", i);
    strbuf_puts(&line, "]\n");
    clock_t start = clock();
    loaded l = load_ok(strbuf_str(&line));
    const node *v = get(l.root, "v");
    assert_int_equal(v->u.array.count, 200000);
    const node *last = item(v, 199999);
    assert_string_equal(node_str(last), "Sở 199999");
    assert_int_equal(last->pos.offset, line.len - 2 - strlen("Sở 199999"));
    unload(&l);
    strbuf_release(&line);

    strbuf keys = STRBUF_INIT;
    for (int i = 0; i < 100000; i++)
        strbuf_printf(&keys, "khóa-%d: %d\n", i, i);
    loaded k = load_ok(strbuf_str(&keys));
    assert_int_equal(k.root->u.object.count, 100000);
    assert_true(get(k.root, "khóa-99999")->u.number.value == 99999);
    unload(&k);
    strbuf_release(&keys);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    assert_true(seconds < 5);
}

/* ---- robustness --------------------------------------------------------- */

/* Either a tree without diagnostics, or NULL with errors that all have a
 * position. */
static void assert_sane(const char *text, size_t len)
{
    loaded l = load_bytes(text, len);
    if (l.root) {
        assert_int_equal(diag_count(l.d), 0);
    } else {
        assert_true(diag_errors(l.d) >= 1);
        assert_true(diag_count(l.d) >= 1);
        for (size_t i = 0; i < diag_count(l.d); i++) {
            const diag *g = diag_get(l.d, i);
            assert_true(g->line > 0);
            assert_true(g->column > 0);
        }
    }
    unload(&l);
}

static void test_every_prefix(void **state)
{
    (void)state;
    size_t len = strlen(plan_text);
    size_t loaded_ok = 0;
    for (size_t n = 0; n <= len; n++) {
        assert_sane(plan_text, n);
        loaded l = load_bytes(plan_text, n);
        loaded_ok += l.root != NULL;
        unload(&l);
    }
    /* most prefixes end inside a line and still form a document */
    assert_true(loaded_ok > len / 2);
}

static uint32_t next_random(uint32_t *seed)
{
    *seed = *seed * 1664525u + 1013904223u;
    return *seed >> 8;
}

static void test_random_corruptions(void **state)
{
    (void)state;
    static const char specials[] = ":-[]{},\"'&*!|>%@`#?\t\n\r \\~";
    static const unsigned char raw[] = {0x00, 0x07, 0x7F, 0x80, 0xC3, 0xE1,
                                        0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0x85};
    size_t len = strlen(plan_text);
    uint32_t seed = 20260315u;
    char buf[sizeof plan_text + 8];
    size_t refused = 0;
    for (int round = 0; round < 2000; round++) {
        memcpy(buf, plan_text, len);
        size_t n = len;
        int edits = 1 + (int)(next_random(&seed) % 3);
        for (int e = 0; e < edits; e++) {
            size_t at = next_random(&seed) % n;
            uint32_t pick = next_random(&seed);
            char c = pick % 3 == 0 ? specials[pick / 3 % (sizeof specials - 1)]
                     : pick % 3 == 1 ? (char)raw[pick / 3 % sizeof raw]
                                     : (char)(pick / 3 % 256);
            switch (next_random(&seed) % 3) {
            case 0:
                buf[at] = c;
                break;
            case 1:
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = c;
                n++;
                break;
            default:
                memmove(buf + at, buf + at + 1, n - at - 1);
                n--;
                break;
            }
        }
        assert_sane(buf, n);
        loaded l = load_bytes(buf, n);
        refused += l.root == NULL;
        unload(&l);
    }
    /* the corruptions do break documents, and not all of them */
    assert_true(refused > 200);
    assert_true(refused < 2000);
}

/* yamlload_peek_key on text given through a pipe, reading at most max. */
static char *peek(const char *text, size_t max)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], text, strlen(text)), (ssize_t)strlen(text));
    close(fds[1]);
    char *value = yamlload_peek_key(fds[0], max, "id");
    close(fds[0]);
    return value;
}

static void expect_peek(const char *text, size_t max, const char *want)
{
    char *value = peek(text, max);
    if (want)
        assert_string_equal(value, want);
    else
        assert_null(value);
    free(value);
}

static void test_peek_key(void **state)
{
    (void)state;
    expect_peek("# kế hoạch\nid: hai-phong-2026\ntitle: x\n", 1000,
                "hai-phong-2026");
    expect_peek("title: x\nunits:\n  - id: stp\n    name: y\nid: \"a\"\n", 1000,
                "a");
    expect_peek("{\"sections\": [{\"id\": \"1\"}], \"id\": 'b'}", 1000, "b");
    expect_peek("? id\n: c\n", 1000, "c");
    expect_peek("[id, x]\n", 1000, NULL); /* not a mapping */
    expect_peek("title: x\nunits: {id: stp}\n", 1000,
                NULL);                                 /* only a nested id */
    expect_peek("id: [a]\n", 1000, NULL);              /* not a scalar */
    expect_peek("title: 'x\nid: d\n", 1000, NULL);     /* broken before it */
    expect_peek("id: e\ntitle: [\n", 1000, "e");       /* broken after it */
    expect_peek("title: xxxxxxxx\nid: f\n", 10, NULL); /* beyond max */
    expect_peek("title: xxxxxxxx\nid: f\n", 22, "f");
    expect_peek("", 1000, NULL);
}

/* ---- a list handed over item by item ----------------------------------- */

/* Each item handed over, as "index:n " (n: its "n", or its own text). */
static void note_item(const node *item, size_t index, void *ctx)
{
    strbuf *seen = ctx;
    const node *n = item->kind == NODE_OBJECT ? node_get(item, "n") : item;
    const char *text = !n                       ? "?"
                       : n->kind == NODE_STRING ? n->u.string.s
                       : n->kind == NODE_NUMBER ? n->u.number.text
                                                : "?";
    strbuf_printf(seen, "%zu:%s ", index, text);
}

static loaded stream_source(source *src, strbuf *seen)
{
    loaded l = {arena_new(), src, diag_sink_new(0), NULL};
    yamlload_stream st = {"records", note_item, seen};
    l.root =
        yamlload_parse_stream(l.a, l.src, l.d, &yamlload_default_limits, &st);
    return l;
}

static loaded stream_bytes(const char *text, size_t len, strbuf *seen)
{
    return stream_source(source_new("log.yaml", xstrndup(text, len), len),
                         seen);
}

/* The items handed over (and no problem), the root kept without them. */
static void expect_stream(const char *text, const char *items)
{
    strbuf seen = STRBUF_INIT;
    loaded l = stream_bytes(text, strlen(text), &seen);
    if (!l.root || diag_count(l.d))
        show(&l);
    assert_non_null(l.root);
    assert_string_equal(strbuf_str(&seen), items);
    const node *list = node_get(l.root, "records");
    if (list && list->kind == NODE_ARRAY && *items)
        assert_int_equal(list->u.array.count, 0);
    strbuf_release(&seen);
    unload(&l);
}

/* The text is refused with exactly one error, this one, after these
 * items were handed over. */
static void expect_stream_refused(const char *text, const char *message,
                                  unsigned line, size_t column,
                                  const char *items)
{
    strbuf seen = STRBUF_INIT;
    loaded l = stream_bytes(text, strlen(text), &seen);
    if (diag_count(l.d) != 1)
        show(&l);
    assert_null(l.root);
    assert_int_equal(diag_count(l.d), 1);
    assert_diag(diag_get(l.d, 0), message, line, column);
    assert_string_equal(strbuf_str(&seen), items);
    strbuf_release(&seen);
    unload(&l);
}

static void test_stream_items(void **state)
{
    (void)state;
    expect_stream("plan: p\nrecords:\n- n: a\n  x: [1, 2]\n- n: b\n- n: c\n"
                  "after: 1\n",
                  "0:a 1:b 2:c ");
    expect_stream("records: [{n: a}, {n: b}]\n", "0:a 1:b ");
    expect_stream("records:\n- 1\n- x\n-\n", "0:1 1:x 2:? ");
    expect_stream("records: []\n", "");
    expect_stream("records:\n", "");
    /* only the top-level key's list */
    expect_stream("other:\n  records:\n  - n: a\n", "");
    expect_stream("records: {n: a}\n", "");
    expect_stream("- records:\n  - n: a\n", "");

    /* what is not streamed stays whole */
    strbuf seen = STRBUF_INIT;
    const char *text = "plan: p\nrecords:\n- n: a\nafter: [1, 2]\n";
    loaded l = stream_bytes(text, strlen(text), &seen);
    assert_non_null(l.root);
    assert_int_equal(l.root->u.object.count, 3);
    assert_string_equal(node_get(l.root, "plan")->u.string.s, "p");
    assert_int_equal(node_get(l.root, "after")->u.array.count, 2);
    assert_int_equal(node_get(l.root, "records")->pos.line, 3);
    strbuf_release(&seen);
    unload(&l);
}

/* The heap in use while the items are handed over: its least and most. */
typedef struct heap_range {
    size_t items, least, most;
} heap_range;

static void note_heap(const node *item, size_t index, void *ctx)
{
    heap_range *r = ctx;
    size_t now = mallinfo2().uordblks;
    if (!r->items++ || now < r->least)
        r->least = now;
    if (now > r->most)
        r->most = now;
}

/* The document's memory holds the root, never the items, and the items'
 * memory is reused from one to the next. */
static void test_stream_memory(void **state)
{
    (void)state;
    strbuf text = STRBUF_INIT;
    strbuf_puts(&text, "plan: p\nrecords:\n");
    for (int i = 0; i < 20000; i++)
        strbuf_printf(&text, "- n: r%d\n  note: 'Đã thực hiện %d'\n", i, i);
    heap_range heap = {0};
    yamlload_stream st = {"records", note_heap, &heap};
    loaded l = {arena_new(),
                source_new("log.yaml", xstrndup(text.buf, text.len), text.len),
                diag_sink_new(0), NULL};
    l.root =
        yamlload_parse_stream(l.a, l.src, l.d, &yamlload_default_limits, &st);
    assert_non_null(l.root);
    assert_int_equal(heap.items, 20000);
    assert_true(heap.most - heap.least < 64 * 1024);
    assert_true(arena_used(l.a) < 1024);
    loaded whole = load_bytes(text.buf, text.len);
    assert_true(arena_used(whole.a) > 1000000);
    unload(&whole);
    unload(&l);
    strbuf_release(&text);
}

static void test_stream_anchors(void **state)
{
    (void)state;
    expect_stream("base: &b {k: 1}\nrecords:\n- n: &v a\n  m: *v\n  o: *b\n"
                  "- n: b\n  o: *b\n",
                  "0:a 1:b ");
    expect_stream_refused("records:\n- &x {n: a}\n- n: b\n  y: *x\n- n: c\n",
                          "alias '*x' refers to an earlier item of 'records'; "
                          "an alias here may only refer to an anchor in its "
                          "own item",
                          4, 6, "0:a ");
}

/* Items are handed over while the file has had no problem, and none
 * twice: a problem found by the quick first read is read again the
 * careful way, after the items handed over. */
static void test_stream_until_a_problem(void **state)
{
    (void)state;
    expect_stream_refused("records:\n- n: a\n- n: b\n- n: c\n  n: d\n- n: e\n",
                          "duplicate key 'n'", 5, 3, "0:a 1:b ");

    /* a byte libyaml finds far into the file, past what it reads at once:
     * the items before it were handed over, each once, in order */
    strbuf big = STRBUF_INIT, want = STRBUF_INIT, seen = STRBUF_INIT;
    strbuf_puts(&big, "records:\n");
    for (int i = 0; i < 5000; i++)
        strbuf_printf(&big, "- n: r%d\n", i);
    strbuf_puts(&big, "- n: \xff\n- n: last\n");
    loaded bad = stream_bytes(big.buf, big.len, &seen);
    assert_null(bad.root);
    assert_int_equal(diag_errors(bad.d), 1);
    size_t k = 0;
    for (; k < 5000; k++) {
        size_t before = want.len;
        strbuf_printf(&want, "%zu:r%zu ", k, k);
        if (want.len > seen.len) {
            want.len = before;
            want.buf[before] = '\0';
            break;
        }
    }
    assert_true(k > 0 && k < 5000);
    assert_string_equal(strbuf_str(&seen), strbuf_str(&want));
    strbuf_release(&want);
    strbuf_release(&big);
    strbuf_release(&seen);
    unload(&bad);
}

/* A file mapped rather than read: the same items; a text of a whole number
 * of pages still ends with a NUL. */
static void test_stream_mapped(void **state)
{
    (void)state;
    char root[64];
    assert_int_equal(tempdir_make(root, "yamlload"), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/log.yaml", root);
    strbuf text = STRBUF_INIT;
    strbuf_puts(&text, "plan: p\nrecords:\n");
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    while (text.len + 8 < 3 * page)
        strbuf_puts(&text, "- n: a\n");
    while (text.len < 3 * page)
        strbuf_puts(&text, "#");
    assert_int_equal(text.len, 3 * page);
    assert_int_equal(tempdir_write(root, "log.yaml", text.buf), 0);
    int fd = open(path, O_RDONLY);
    assert_true(fd >= 0);
    int err = 0;
    source *src = source_map(path, fd, text.len, &err);
    close(fd);
    assert_non_null(src);
    assert_int_equal(src->text[src->len], '\0');
    assert_memory_equal(src->text, text.buf, text.len);
    strbuf seen = STRBUF_INIT;
    loaded l = stream_source(src, &seen);
    assert_non_null(l.root);
    assert_int_equal(diag_count(l.d), 0);
    assert_true(strstr(strbuf_str(&seen), "0:a 1:a ") == strbuf_str(&seen));
    strbuf_release(&seen);
    unload(&l);
    strbuf_release(&text);
    unlink(path);
    rmdir(root);
}

/* What a mapped text keeps in memory once it was looked through before
 * the items are read (yamlload_plain_text, a first pass): the pages from
 * 2 MiB on to 2 MiB before its end that are mapped when the first item
 * comes (/proc/self/pagemap: bit 63, present); -1 when pagemap cannot
 * be read. */
typedef struct behind {
    const source *src;
    long present;
} behind;

static long present_pages(const char *from, size_t len)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    int fd = open("/proc/self/pagemap", O_RDONLY);
    if (fd < 0)
        return -1;
    long n = 0;
    for (size_t at = 0; at < len; at += page) {
        uint64_t entry;
        off_t where = (off_t)(((uintptr_t)from + at) / page * sizeof entry);
        if (pread(fd, &entry, sizeof entry, where) != sizeof entry) {
            n = -1;
            break;
        }
        n += (long)(entry >> 63);
    }
    close(fd);
    return n;
}

static void note_behind(const node *item, size_t index, void *ctx)
{
    behind *b = ctx;
    size_t mib = (size_t)1 << 20;
    if (index == 0)
        b->present =
            present_pages(b->src->text + 2 * mib, b->src->len - 4 * mib);
}

/* A mapped text is let go behind the reader: the pages passed are not
 * held, not even those the kernel maps around a page read, which reach
 * back into what was let go (64 KiB a MiB, for a file copied). */
static void test_stream_lets_go(void **state)
{
    (void)state;
    char root[64];
    assert_int_equal(tempdir_make(root, "yamlload"), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/log.yaml", root);
    strbuf text = STRBUF_INIT;
    strbuf_puts(&text, "plan: p\nrecords:\n");
    for (int i = 0; text.len < ((size_t)8 << 20); i++)
        strbuf_printf(&text, "- n: r%d\n  note: 'Đã thực hiện bản ghi %d'\n", i,
                      i);
    /* copied as `update` and cp(1) copy (copy_file_range): the kernel
     * then keeps the text in large blocks, and maps more around each page
     * read than for a file written a line at a time */
    assert_int_equal(tempdir_write(root, "written.yaml", text.buf), 0);
    char written[128];
    snprintf(written, sizeof written, "%s/written.yaml", root);
    int in = open(written, O_RDONLY);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
    assert_true(in >= 0 && fd >= 0);
    for (size_t left = text.len; left;) {
        ssize_t n = copy_file_range(in, NULL, fd, NULL, left, 0);
        assert_true(n > 0);
        left -= (size_t)n;
    }
    close(in);
    int err = 0;
    source *src = source_map(path, fd, text.len, &err);
    close(fd);
    assert_non_null(src);
    behind b = {src, -1};
    yamlload_stream st = {"records", note_behind, &b};
    loaded l = {arena_new(), src, diag_sink_new(0), NULL};
    l.root =
        yamlload_parse_stream(l.a, l.src, l.d, &yamlload_default_limits, &st);
    assert_non_null(l.root);
    if (b.present == -1)
        print_message("/proc/self/pagemap cannot be read: not checked\n");
    else
        assert_int_equal(b.present, 0);
    unload(&l);
    strbuf_release(&text);
    unlink(path);
    unlink(written);
    rmdir(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan),
        cmocka_unit_test(test_positions_match_text),
        cmocka_unit_test(test_vietnamese_nfc_nfd),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_flow_and_block),
        cmocka_unit_test(test_core_schema),
        cmocka_unit_test(test_not_finite),
        cmocka_unit_test(test_tags),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_anchors),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_encoding),
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_keeps_going),
        cmocka_unit_test(test_large_inputs),
        cmocka_unit_test(test_peek_key),
        cmocka_unit_test(test_stream_items),
        cmocka_unit_test(test_stream_memory),
        cmocka_unit_test(test_stream_anchors),
        cmocka_unit_test(test_stream_until_a_problem),
        cmocka_unit_test(test_stream_mapped),
        cmocka_unit_test(test_stream_lets_go),
        cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_random_corruptions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
