/* opc.h - the parts of an Office Open XML package, read at a bounded cost.
 *
 * An xlsx workbook and a docx document are both packages of the Open
 * Packaging Conventions (ECMA-376 part 2): a zip archive of XML parts,
 * tied together by relationship parts (_rels/.rels, word/_rels/...). This
 * module is what xlsx_read and docx_read share: the file read safely, the
 * archive opened with libzip, each part inflated in chunks and streamed
 * through expat (never held whole, never built into a tree), its bytes
 * counted against the limits as they come, a document type declaration
 * refused (so no entity is expanded or fetched), and the relationships of
 * a part found by type or id.
 *
 * The format's reader gives its element and text handlers; an element's
 * name is "namespace\x01local" (opc_local gives the local name), and the
 * first failure, from the package or from a handler (opc_fail), stops
 * the part and is the one reported, with the part and the line. */
#ifndef KEHOACH_OPC_H
#define KEHOACH_OPC_H

#include "arena.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct opc_limits {
    uint64_t max_file_bytes;  /* the file itself */
    uint64_t max_part_bytes;  /* one part, uncompressed */
    uint64_t max_total_bytes; /* all parts read, uncompressed */
    uint32_t max_ratio;       /* uncompressed / compressed, for a part larger
                                 than 1 MiB uncompressed */
} opc_limits;

/* Parts an archive may hold: libzip reads the whole central directory
 * into memory (some 400 bytes an entry), so a file of empty entries
 * would cost it far more than its size before a part is read. */
#define OPC_MAX_ENTRIES 10000

/* Why a package could not be read: where (a part, and a line and column
 * in it when known; all may be empty) and what, in the language of the
 * messages (i18n.h). */
typedef struct opc_error {
    strbuf part;
    unsigned line, column;
    strbuf message;
} opc_error;

void opc_error_init(opc_error *e);
void opc_error_release(opc_error *e);

/* Fills e (part "", no line) from fmt, the English message, translated
 * here. */
void opc_error_set(opc_error *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reads the regular file at path, opened without following a link, into
 * memory (caller frees). NULL with *err filled when it is a link, a
 * folder, not a regular file, larger than max_bytes, unreadable, or grew
 * while it was read. */
char *opc_file_read(const char *path, uint64_t max_bytes, size_t *len,
                    opc_error *err);

typedef enum opc_refusal {
    OPC_OPENED,
    OPC_TOO_LARGE,      /* more than max_file_bytes */
    OPC_TOO_MANY_PARTS, /* the archive claims more than OPC_MAX_ENTRIES */
    OPC_NOT_ZIP,        /* not a zip archive */
    OPC_BROKEN,         /* a zip archive libzip refuses: why in reason */
} opc_refusal;

typedef struct opc opc;

/* Opens the package in data[0..len) (which must outlive it); what is
 * allocated for the caller (relationship targets) goes into a. NULL with
 * *why set (and the reason for OPC_BROKEN in reason) when it cannot be
 * opened; the caller words the message. doctype: the English message for
 * a part with a document type declaration. Failures while reading go to
 * err. */
opc *opc_open(const void *data, size_t len, const opc_limits *lim, arena *a,
              const char *doctype, opc_error *err, opc_refusal *why,
              strbuf *reason);
void opc_close(opc *o); /* NULL-safe */

typedef struct opc_handlers {
    void (*start)(void *data, const char *name, const char **atts);
    void (*end)(void *data, const char *name);
    void (*text)(void *data, const char *s, int len); /* may be NULL */
} opc_handlers;

/* Streams the part `name` (found as written, else ignoring case) through
 * the handlers with data. *found is false when the archive has no such
 * part (nothing is reported). Returns false when it was not found or
 * failed (opc_failed). */
bool opc_read_part(opc *o, const char *name, const opc_handlers *h, void *data,
                   bool *found);

/* Stops the part being read and records why, at a line (0: none) of the
 * current part (opc_set_part); the first failure only counts. fmt is the
 * English message, translated here. opc_fail_here takes the line and
 * column where the parser is. */
void opc_vfail(opc *o, unsigned line, unsigned column, const char *fmt,
               va_list ap);
void opc_fail(opc *o, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void opc_fail_here(opc *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
bool opc_failed(const opc *o);

/* The part a failure names: the one read last, unless set. */
void opc_set_part(opc *o, const char *part);

/* Where the parser is in the part being read (0 outside one). */
unsigned opc_line(const opc *o);
unsigned opc_column(const opc *o);

/* ---- relationships ---- */

typedef struct opc_rel {
    const char *id, *type, *target; /* target resolved to a part name */
} opc_rel;

/* Reads the relationships of the part `base` ("" for the package) from
 * its .rels part (none when it has none), replacing those read before.
 * External targets are left out; the first of an id counts. */
bool opc_read_rels(opc *o, const char *base);

/* The target of the first relationship whose type ends so, or NULL. */
const char *opc_rel_of_type(const opc *o, const char *type_tail);
const opc_rel *opc_rel_of_id(const opc *o, const char *id);

/* ---- names ---- */

/* The local name of an element or attribute ("c" of "ns\1c"). */
const char *opc_local(const char *name);
bool opc_is(const char *name, const char *local);
/* An attribute without a namespace, or NULL. */
const char *opc_attr(const char **atts, const char *want);
/* An attribute by its local name, in any namespace or none, or NULL. */
const char *opc_attr_local(const char **atts, const char *local);
/* r:id: the attribute id of the relationships namespace (transitional or
 * strict, whatever its prefix). */
const char *opc_attr_rid(const char **atts);

#endif
