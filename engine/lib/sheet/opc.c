/* opc.c - the parts of an Office Open XML package (see opc.h).
 *
 * The file is read into memory and opened by libzip as a buffer source,
 * after the count of entries the archive claims is checked. Each part is
 * inflated with zip_fread in chunks and each chunk handed to expat at
 * once; the bytes are counted as they come, and a part stops at its
 * limit, at the limit of all parts, or when it grows more than max_ratio
 * times its compressed size, whatever its header claims. Expat parses
 * with namespaces and its handlers are ours, which pass each event on to
 * the format's, so the format's code never sees expat. */
#include "opc.h"

#include "ascii.h"
#include "i18n.h"
#include "strmap.h"
#include "xalloc.h"

#include <expat.h>
#include <zip.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RATIO_FROM (1u << 20) /* the ratio is judged past 1 MiB */
#define CHUNK (1u << 16)
#define NS '\x01' /* between an element's namespace and its local name */

struct opc {
    opc_limits lim;
    opc_error *err;
    const char *doctype; /* the message for a document type declaration */
    bool failed;
    zip_t *z;
    arena *a;
    uint64_t total;   /* bytes inflated, all parts */
    const char *part; /* the part being read, or read last */
    XML_Parser xp;    /* its parser */
    const opc_handlers *h;
    void *data;
    /* relationships of the part read last, by id */
    const char *rels_base;
    unsigned rels_depth;
    opc_rel **rels;
    size_t nrels, rels_cap;
    strmap rel_ids;
};

void opc_error_init(opc_error *e)
{
    memset(e, 0, sizeof *e);
}

void opc_error_release(opc_error *e)
{
    strbuf_release(&e->part);
    strbuf_release(&e->message);
    e->line = e->column = 0;
}

static void error_vset(opc_error *e, const char *part, unsigned line,
                       unsigned column, const char *fmt, va_list ap)
{
    strbuf_reset(&e->part);
    strbuf_puts(&e->part, part ? part : "");
    e->line = line;
    e->column = column;
    strbuf_reset(&e->message);
    strbuf_vprintf(&e->message, _(fmt), ap);
}

void opc_error_set(opc_error *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(e, NULL, 0, 0, fmt, ap);
    va_end(ap);
}

void opc_vfail(opc *o, unsigned line, unsigned column, const char *fmt,
               va_list ap)
{
    if (o->failed)
        return;
    o->failed = true;
    error_vset(o->err, o->part, line, column, fmt, ap);
    if (o->xp)
        XML_StopParser(o->xp, XML_FALSE);
}

void opc_fail(opc *o, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    opc_vfail(o, line, 0, fmt, ap);
    va_end(ap);
}

void opc_fail_here(opc *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    opc_vfail(o, opc_line(o), opc_column(o), fmt, ap);
    va_end(ap);
}

bool opc_failed(const opc *o)
{
    return o->failed;
}

void opc_set_part(opc *o, const char *part)
{
    o->part = part;
}

unsigned opc_line(const opc *o)
{
    return o->xp ? (unsigned)XML_GetCurrentLineNumber(o->xp) : 0;
}

unsigned opc_column(const opc *o)
{
    return o->xp ? (unsigned)XML_GetCurrentColumnNumber(o->xp) + 1 : 0;
}

/* ---- names ---- */

const char *opc_local(const char *name)
{
    const char *sep = strrchr(name, NS);
    return sep ? sep + 1 : name;
}

bool opc_is(const char *name, const char *local)
{
    return strcmp(opc_local(name), local) == 0;
}

const char *opc_attr(const char **atts, const char *want)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strchr(atts[i], NS) && strcmp(atts[i], want) == 0)
            return atts[i + 1];
    return NULL;
}

const char *opc_attr_local(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(opc_local(atts[i]), local) == 0)
            return atts[i + 1];
    return NULL;
}

const char *opc_attr_rid(const char **atts)
{
    for (size_t i = 0; atts[i]; i += 2) {
        const char *sep = strchr(atts[i], NS);
        if (sep && strcmp(sep + 1, "id") == 0 && sep - atts[i] >= 14 &&
            memcmp(sep - 14, "/relationships", 14) == 0)
            return atts[i + 1];
    }
    return NULL;
}

/* ---- the file and the archive ---- */

char *opc_file_read(const char *path, uint64_t max_bytes, size_t *len,
                    opc_error *err)
{
    /* O_NONBLOCK: a FIFO must not hold the open until a writer comes */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP)
            opc_error_set(err, "it is a symbolic link");
        else
            opc_error_set(err, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    bool bad = true;
    if (fstat(fd, &st) != 0)
        opc_error_set(err, "%s", strerror(errno));
    else if (S_ISDIR(st.st_mode))
        opc_error_set(err, "it is a folder");
    else if (!S_ISREG(st.st_mode))
        opc_error_set(err, "it is not a regular file");
    else if ((uint64_t)st.st_size > max_bytes)
        opc_error_set(err, "the file is larger than %llu bytes",
                      (unsigned long long)max_bytes);
    else
        bad = false;
    if (bad) {
        close(fd);
        return NULL;
    }
    /* its size now, and a byte more to see that it grew */
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *data = xmalloc(cap);
    while (n < cap) {
        ssize_t got = read(fd, data + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            opc_error_set(err, "cannot read it: %s", strerror(errno));
            bad = true;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (!bad && n == cap) {
        opc_error_set(err, "it grew while it was read");
        bad = true;
    }
    if (bad) {
        free(data);
        return NULL;
    }
    *len = n;
    return data;
}

static uint64_t le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    while (n--)
        v = v << 8 | p[n];
    return v;
}

/* The most entries an end of central directory record claims, among
 * every one that libzip may take (those in the last 64 KiB and 22 bytes,
 * and the zip64 record each points to). */
static uint64_t claimed_entries(const unsigned char *d, size_t len)
{
    uint64_t most = 0;
    if (len < 22)
        return 0;
    size_t from = len > 22 + 65535 ? len - 22 - 65535 : 0;
    for (size_t i = len - 22 + 1; i-- > from;) {
        if (memcmp(d + i, "PK\5\6", 4) != 0)
            continue;
        uint64_t n = le(d + i + 10, 2);
        if (n == 0xFFFF && i >= 20 && memcmp(d + i - 20, "PK\6\7", 4) == 0) {
            uint64_t at = le(d + i - 20 + 8, 8);
            if (len >= 56 && at <= len - 56 && memcmp(d + at, "PK\6\6", 4) == 0)
                n = le(d + at + 32, 8);
        }
        most = n > most ? n : most;
    }
    return most;
}

opc *opc_open(const void *data, size_t len, const opc_limits *lim, arena *a,
              const char *doctype, opc_error *err, opc_refusal *why,
              strbuf *reason)
{
    *why = OPC_OPENED;
    if (len > lim->max_file_bytes) {
        *why = OPC_TOO_LARGE;
        return NULL;
    }
    if (claimed_entries(data, len) > OPC_MAX_ENTRIES) {
        *why = OPC_TOO_MANY_PARTS;
        return NULL;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_t *z = NULL;
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (src)
        z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!z) {
        if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP) {
            *why = OPC_NOT_ZIP;
        } else {
            *why = OPC_BROKEN;
            strbuf_puts(reason, zip_error_strerror(&ze));
        }
        zip_source_free(src);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    opc *o = xcalloc(1, sizeof *o);
    o->lim = *lim;
    o->err = err;
    o->doctype = doctype;
    o->z = z;
    o->a = a;
    return o;
}

void opc_close(opc *o)
{
    if (!o)
        return;
    free(o->rels);
    zip_discard(o->z);
    free(o);
}

/* ---- parts ---- */

static void on_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    opc *o = data;
    if (!o->failed)
        o->h->start(o->data, name, atts);
}

static void on_end(void *data, const XML_Char *name)
{
    opc *o = data;
    if (!o->failed)
        o->h->end(o->data, name);
}

static void on_text(void *data, const XML_Char *s, int len)
{
    opc *o = data;
    if (!o->failed && o->h->text)
        o->h->text(o->data, s, len);
}

static void no_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
                       const XML_Char *pubid, int internal)
{
    opc *o = data;
    if (o->failed)
        return;
    o->failed = true;
    strbuf_reset(&o->err->part);
    strbuf_puts(&o->err->part, o->part);
    o->err->line = opc_line(o);
    o->err->column = opc_column(o);
    strbuf_reset(&o->err->message);
    strbuf_puts(&o->err->message, _(o->doctype));
    XML_StopParser(o->xp, XML_FALSE);
}

bool opc_read_part(opc *o, const char *name, const opc_handlers *h, void *data,
                   bool *found)
{
    *found = false;
    zip_int64_t index = zip_name_locate(o->z, name, 0);
    if (index < 0)
        index = zip_name_locate(o->z, name, ZIP_FL_NOCASE);
    if (index < 0)
        return false;
    *found = true;
    o->part = name;
    zip_stat_t st;
    zip_uint64_t packed = 1;
    if (zip_stat_index(o->z, (zip_uint64_t)index, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_COMP_SIZE) && st.comp_size > 0)
        packed = st.comp_size;
    zip_file_t *f = zip_fopen_index(o->z, (zip_uint64_t)index, 0);
    if (!f) {
        opc_fail(o, 0, "cannot open the part: %s", zip_strerror(o->z));
        return false;
    }
    XML_Parser xp = XML_ParserCreateNS(NULL, NS);
    if (!xp)
        xout_of_memory(sizeof(void *));
    o->xp = xp;
    o->h = h;
    o->data = data;
    XML_SetUserData(xp, o);
    XML_SetElementHandler(xp, on_start, on_end);
    XML_SetCharacterDataHandler(xp, on_text);
    XML_SetParamEntityParsing(xp, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(xp, no_doctype);

    char *chunk = xmalloc(CHUNK);
    uint64_t got = 0;
    for (;;) {
        zip_int64_t n = zip_fread(f, chunk, CHUNK);
        if (n < 0) {
            opc_fail(o, 0, "cannot inflate the part: %s", zip_file_strerror(f));
            break;
        }
        got += (uint64_t)n;
        o->total += (uint64_t)n;
        if (got > o->lim.max_part_bytes) {
            opc_fail(o, 0, "the part inflates to more than %llu bytes",
                     (unsigned long long)o->lim.max_part_bytes);
            break;
        }
        if (o->total > o->lim.max_total_bytes) {
            opc_fail(o, 0,
                     "the parts read inflate to more than %llu bytes in all",
                     (unsigned long long)o->lim.max_total_bytes);
            break;
        }
        if (got > RATIO_FROM && got / packed > o->lim.max_ratio) {
            opc_fail(o, 0,
                     "the part inflates to more than %u times its compressed "
                     "size (%llu bytes)",
                     (unsigned)o->lim.max_ratio, (unsigned long long)packed);
            break;
        }
        if (XML_Parse(xp, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (!o->failed)
                opc_fail_here(o, "the part is not well-formed XML (%s)",
                              XML_ErrorString(XML_GetErrorCode(xp)));
            break;
        }
        if (o->failed || n == 0)
            break;
    }
    free(chunk);
    zip_fclose(f);
    XML_ParserFree(xp);
    o->xp = NULL;
    return !o->failed;
}

/* ---- relationships ---- */

/* The part a relationship's target names, from the folder of the part
 * `base` ("" for the package): "worksheets/sheet1.xml" of
 * "xl/workbook.xml" is "xl/worksheets/sheet1.xml", "/xl/styles.xml" is
 * "xl/styles.xml"; "%20" is a space, "." and ".." are followed. */
static const char *resolve(arena *a, const char *base, const char *target)
{
    strbuf path = STRBUF_INIT;
    if (target[0] != '/') {
        const char *slash = strrchr(base, '/');
        if (slash)
            strbuf_add(&path, base, (size_t)(slash - base + 1));
    }
    for (const char *t = target; *t; t++) {
        int hi, lo;
        if (*t == '%' && (hi = ascii_hex_value(t[1])) >= 0 &&
            (lo = ascii_hex_value(t[2])) >= 0 && (hi || lo)) {
            strbuf_putc(&path, (char)(hi * 16 + lo));
            t += 2;
        } else {
            strbuf_putc(&path, *t);
        }
    }
    /* the segments, "." dropped and ".." taking the one before */
    char *out = arena_alloc(a, path.len + 1);
    size_t n = 0;
    const char *p = strbuf_str(&path);
    while (*p) {
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - seg);
        if (*p)
            p++;
        if (len == 0 || (len == 1 && seg[0] == '.'))
            continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (n > 0 && out[n - 1] != '/')
                n--;
            if (n > 0)
                n--;
            continue;
        }
        if (n > 0)
            out[n++] = '/';
        memcpy(out + n, seg, len);
        n += len;
    }
    out[n] = '\0';
    strbuf_release(&path);
    return out;
}

static void rels_start(void *data, const char *name, const char **atts)
{
    opc *o = data;
    o->rels_depth++;
    if (o->rels_depth != 2 || !opc_is(name, "Relationship"))
        return;
    const char *id = opc_attr(atts, "Id"), *type = opc_attr(atts, "Type"),
               *target = opc_attr(atts, "Target"),
               *mode = opc_attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    opc_rel *rel = arena_alloc(o->a, sizeof *rel);
    rel->id = arena_strdup(o->a, id);
    if (strmap_put(o->a, &o->rel_ids, rel->id, strlen(rel->id), rel) != rel)
        return; /* the first of an id counts */
    rel->type = arena_strdup(o->a, type);
    rel->target = resolve(o->a, o->rels_base, target);
    ARRAY_ROOM(o->rels, o->nrels, o->rels_cap, 8);
    o->rels[o->nrels++] = rel;
}

static void rels_end(void *data, const char *name)
{
    opc *o = data;
    o->rels_depth--;
}

bool opc_read_rels(opc *o, const char *base)
{
    const char *slash = strrchr(base, '/');
    size_t dir = slash ? (size_t)(slash - base + 1) : 0;
    const char *rels =
        arena_printf(o->a, "%.*s_rels/%s.rels", (int)dir, base, base + dir);
    o->nrels = 0;
    o->rel_ids = (strmap){0};
    o->rels_base = base;
    o->rels_depth = 0;
    static const opc_handlers h = {rels_start, rels_end, NULL};
    bool found;
    opc_read_part(o, rels, &h, o, &found);
    return !o->failed;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

const char *opc_rel_of_type(const opc *o, const char *type_tail)
{
    for (size_t i = 0; i < o->nrels; i++)
        if (ends_with(o->rels[i]->type, type_tail))
            return o->rels[i]->target;
    return NULL;
}

const opc_rel *opc_rel_of_id(const opc *o, const char *id)
{
    return strmap_get(&o->rel_ids, id, strlen(id));
}
